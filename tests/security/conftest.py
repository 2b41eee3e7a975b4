from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.world import World, world_fixture


@pytest.fixture
async def world(app: Any, make_client: Any) -> AsyncIterator[World]:
    async for w in world_fixture(app, make_client):
        yield w


from tests.idp import idp, people, relying_party  # noqa: E402

__all__ = ["idp", "people", "relying_party", "world"]
