"""Staff sign-in with the hospital's OpenID Connect provider (Relais as relying party)."""
