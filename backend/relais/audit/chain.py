"""The audit trail made tamper-evident: each row is sealed into a hash chain.

A worker job (``relais.worker.jobs``, every minute, one worker at a time) seals the rows written
since the last run, oldest first: row n gets its seal number n, the SHA-256 ``digest`` of its
content, and ``chain`` = SHA-256(chain of row n-1 + digest). Rows are sealed a few seconds after
they are written, so that a transaction still open (its id taken, not yet visible) is sealed
after it commits rather than skipped.

``relais check`` verifies the chain: seal numbers follow each other with no gap, each chain value
follows from the one before, and each row's content still gives its digest. A row changed, deleted
or inserted by hand after sealing breaks one of these. The check prints the head (last seal
number and chain value): written down elsewhere from time to time, it also shows that the whole
trail was not rewritten and chained again.

Two legitimate changes are accounted for: the retention purge deletes the oldest rows (the chain
is then checked from the first row left), and closing an account pseudonymises the person's rows
(``redacted``: their order and presence are still checked, their content cannot be).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from relais.audit.tables import AuditEvent
from relais.db import as_utc, transaction, utcnow

#: A row is sealed once it is this old (transactions still open commit meanwhile).
SEAL_AFTER = dt.timedelta(seconds=2)
BATCH = 2000
GENESIS = "0" * 64


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def digest(row: dict[str, Any]) -> str:
    """SHA-256 of a row's content, the same on both engines."""
    at = as_utc(row["at"]).isoformat(timespec="microseconds")
    parts = [
        str(row["id"]),
        at,
        *(
            _text(row[name])
            for name in (
                "actor_id",
                "actor_role",
                "action",
                "record_type",
                "record_id",
                "patient_id",
                "ip",
                "user_agent",
                "outcome",
                "detail",
            )
        ),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def link(previous: str, row_digest: str) -> str:
    return hashlib.sha256(f"{previous}{row_digest}".encode()).hexdigest()


async def _head() -> tuple[int, str]:
    last = (
        await AuditEvent.select(AuditEvent.seal, AuditEvent.chain)
        .where(AuditEvent.seal.is_not_null())
        .order_by(AuditEvent.seal, ascending=False)
        .first()
    )
    return (int(last["seal"]), str(last["chain"])) if last else (0, GENESIS)


async def seal(now: dt.datetime | None = None) -> int:
    """Seal the rows written since the last run (up to ``BATCH`` at a time); how many."""
    cutoff = (now or utcnow()) - SEAL_AFTER
    done = 0
    while True:
        async with transaction():
            seq, previous = await _head()
            rows = (
                await AuditEvent.select()
                .where(AuditEvent.seal.is_null() & (AuditEvent.at < cutoff))
                .order_by(AuditEvent.id)
                .limit(BATCH)
            )
            for row in rows:
                seq += 1
                row_digest = digest(row)
                previous = link(previous, row_digest)
                await AuditEvent.update(
                    {
                        AuditEvent.seal: seq,
                        AuditEvent.digest: row_digest,
                        AuditEvent.chain: previous,
                    }
                ).where(AuditEvent.id == row["id"])
        done += len(rows)
        if len(rows) < BATCH:
            return done


@dataclass
class Verdict:
    rows: int = 0
    first_seal: int | None = None
    head_seal: int = 0
    head_chain: str = GENESIS
    redacted: int = 0
    unsealed: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


async def verify() -> Verdict:
    """Check the whole sealed trail (see the module text)."""
    verdict = Verdict()
    verdict.unsealed = await AuditEvent.count().where(AuditEvent.seal.is_null())
    previous_seal: int | None = None
    previous_chain = ""
    after = 0
    while True:
        rows = (
            await AuditEvent.select()
            .where(AuditEvent.seal > after)
            .order_by(AuditEvent.seal)
            .limit(BATCH)
        )
        for row in rows:
            seq = int(row["seal"])
            if previous_seal is None:
                verdict.first_seal = seq  # the anchor: older rows were purged, or none
            elif seq != previous_seal + 1:
                verdict.problems.append(f"seal {previous_seal + 1} to {seq - 1} missing")
            elif row["chain"] != link(previous_chain, row["digest"]):
                verdict.problems.append(f"seal {seq}: chain does not follow")
            if row["redacted"]:
                verdict.redacted += 1
            elif digest(row) != row["digest"]:
                verdict.problems.append(f"seal {seq}: content changed")
            previous_seal, previous_chain = seq, str(row["chain"])
            verdict.rows += 1
        if len(rows) < BATCH:
            break
        after = int(rows[-1]["seal"])
    if previous_seal is not None:
        verdict.head_seal, verdict.head_chain = previous_seal, previous_chain
    return verdict
