"""Reads of accounts that other features share, and the session's hand-written SQL.

The session's two statements are hand-written because they run on every request under /api
(``sessions.load_user``, from the session middleware), so on every measured path: each request of
bench/checkin_ingest.py and bench/console_scale.py; bench/auth.py's sign-ins (each after the
first carries the previous session's cookie; its /api/health load reads no session).
Placeholders are ``{}`` (``relais.db.raw``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from relais.accounts.tables import User
from relais.db import as_uuid


async def display_names(user_ids: Iterable[Any]) -> dict[uuid.UUID, str]:
    """The display name of each account among ``user_ids`` (None and repeats ignored; one read)."""
    ids = list({as_uuid(u) for u in user_ids if u is not None})
    if not ids:
        return {}
    rows = await User.select(User.id, User.display_name).where(User.id.is_in(ids))
    return {as_uuid(r["id"]): r["display_name"] for r in rows}


#: The session of a cookie (by the SHA-256 of its token) and its account, in one read. Measured:
#: every request of bench/checkin_ingest.py and bench/console_scale.py.
SESSION_USER = (
    "SELECT s.last_seen_at, s.expires_at, s.idle_minutes, s.auth_at, u.id, u.email, "
    "u.display_name, u.role, u.locale, u.timezone, u.totp_enabled, u.is_active "
    'FROM relais_session s JOIN relais_user u ON u.id = s."user" WHERE s.id = {}'
)
#: The session was seen now (at most once a minute per session: ``sessions.TOUCH_EVERY``). On the
#: same path as ``SESSION_USER``; the benches' sessions rarely reach it.
SESSION_TOUCH = "UPDATE relais_session SET last_seen_at = {} WHERE id = {}"
