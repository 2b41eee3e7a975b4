"""Demo data for a first run: accounts for each role (passwords in the README)."""

from __future__ import annotations

from relais.accounts.passwords import Passwords
from relais.accounts.service import create_user
from relais.accounts.tables import User
from relais.settings import Settings

DEMO_PASSWORD = "relais-demo-2026"  # noqa: S105 (documented in the README)

DEMO_USERS = [
    ("admin@demo.relais", "Alice Admin", "admin", "fr"),
    ("nurse@demo.relais", "Inès Infirmière", "clinician", "fr"),
    ("doctor@demo.relais", "Dr Paul Martin", "clinician", "fr"),
    ("patient@demo.relais", "Jean Dupont", "patient", "fr"),
    ("parent@demo.relais", "Sophie Bernard", "proxy", "fr"),
]


async def seed(settings: Settings, *, if_empty: bool = False) -> bool:
    if if_empty and await User.count() > 0:
        return False
    passwords = Passwords(settings)
    for email, name, role, locale in DEMO_USERS:
        if await User.exists().where(User.email == email):
            continue
        await create_user(
            passwords,
            email=email,
            display_name=name,
            role=role,
            password=DEMO_PASSWORD,
            locale=locale,
        )
    return True
