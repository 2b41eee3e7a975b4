"""The audit trail is sealed into a hash chain that finds a row changed, deleted or added by hand
(ASVS 4.0.3 V7.3.3), while retention and erasure stay possible. The test names its requirement."""

from __future__ import annotations

import datetime as dt

from relais.audit.chain import seal, verify
from relais.audit.tables import AuditEvent
from relais.db import utcnow
from tests.helpers import PASSWORD
from tests.world import World


async def test_v7_3_3_a_change_by_hand_breaks_the_chain(world: World) -> None:
    later = utcnow() + dt.timedelta(minutes=1)
    sealed = await seal(later)
    total = await AuditEvent.count()
    assert sealed == total > 10
    verdict = await verify()
    assert verdict.ok and verdict.rows == total and verdict.first_seal == 1
    assert verdict.head_seal == total and len(verdict.head_chain) == 64

    # New rows join the chain at the next run, after the ones before.
    await world["patient"].get(f"/api/patients/{world.ids['patient']}/checkins")
    assert await seal(utcnow() + dt.timedelta(minutes=1)) >= 1
    assert (await verify()).ok

    # Closing an account pseudonymises its rows: still in order, content no longer checkable.
    assert (
        await world["proxy"].post("/api/me/erase", json={"password": PASSWORD, "confirm": True})
    ).is_success
    await seal(utcnow() + dt.timedelta(minutes=1))
    after_erasure = await verify()
    assert after_erasure.ok and after_erasure.redacted > 0, after_erasure.problems

    # By hand: an outcome turned into "ok", a row deleted, a row made up.
    row = (await AuditEvent.select().where(AuditEvent.redacted == False).limit(1))[0]  # noqa: E712
    await AuditEvent.update({AuditEvent.outcome: "changed"}).where(AuditEvent.id == row["id"])
    assert any("content changed" in p for p in (await verify()).problems)
    await AuditEvent.update({AuditEvent.outcome: row["outcome"]}).where(AuditEvent.id == row["id"])
    assert (await verify()).ok

    middle = (await verify()).head_seal // 2
    await AuditEvent.delete().where(AuditEvent.seal == middle)
    assert any("missing" in p for p in (await verify()).problems)


async def test_v7_3_3_a_row_added_with_a_seal_of_its_own_is_found(world: World) -> None:
    await seal(utcnow() + dt.timedelta(minutes=1))
    head = (await verify()).head_seal
    await AuditEvent.insert(
        AuditEvent(
            action="auth.login", outcome="ok", seal=head + 1, digest="0" * 64, chain="1" * 64
        )
    )
    problems = (await verify()).problems
    assert any(f"seal {head + 1}" in p for p in problems), problems
