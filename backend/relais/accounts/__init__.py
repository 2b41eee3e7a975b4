"""Accounts: people, passwords, sessions, CSRF, second factor, sign-in protection."""
