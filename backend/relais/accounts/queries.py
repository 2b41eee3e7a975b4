"""Reads of accounts that other features share."""

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
