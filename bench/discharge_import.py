"""1,000 discharges imported in a row, on PostgreSQL, as a hospital's system sends them.

Set-up: a fresh database, migrated; one team; the real OpenID provider of the tests
(tests/interop/provider.mjs, oidc-provider) issuing the SYSTEM client's access tokens
(client credentials with a signed JWT assertion); ``relais serve`` (one process, worker off)
trusting that provider and letting the client import for the team.

Measured, from the client's side: each ``POST /api/fhir/discharge`` of the sample bundle of
docs/integration.md, one after the other, each for a new patient (its own INS, hospital number
and stay), then the first 200 sent again (updates). Printed: total time, imports per second,
per-import p50 and p99 (and the same for the updates), and what the database holds afterwards.

    .venv/bin/python bench/discharge_import.py [--count 1000] [--again 200]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from common import ROOT, pct
from tests.idp import running_idp
from tests.server import running_server

PG_ADMIN = "postgresql://127.0.0.1:5432/test"
AUDIENCE = "https://relais.bench.test/api/fhir"
DOC_TEAM = "6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b"


async def pg(url: str, sql: str, *args: Any) -> list[Any]:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        return list(await conn.fetch(sql, *args))
    finally:
        await conn.close()


def sample() -> dict[str, Any]:
    text = (ROOT / "docs" / "integration.md").read_text().split("### Sample bundle", 1)[1]
    found = re.search(r"```json\n(.*?)\n```", text, re.S)
    assert found is not None
    return dict(json.loads(found.group(1)))


def ins(n: int) -> str:
    """A valid INS-NIR for the n-th patient (the key is 97 minus the body modulo 97)."""
    body = f"1{50 + n % 40:02d}{1 + n % 12:02d}75{n % 1000:03d}{n // 1000:03d}"
    return f"{body}{97 - int(body) % 97:02d}"


def bundle_for(base: dict[str, Any], n: int, team: str) -> bytes:
    b = copy.deepcopy(base)
    patient = b["entry"][0]["resource"]
    patient["identifier"][0]["value"] = ins(n)
    patient["identifier"][1]["value"] = f"IPP-BENCH-{n:06d}"
    patient["name"][0]["family"] = f"Bench{n:04d}"
    b["entry"][1]["resource"]["identifier"][0]["value"] = f"SEJ-BENCH-{n:06d}"
    return json.dumps(b).replace(DOC_TEAM, team).encode()


def run(base_url: str, token_of: Any, bundles: list[bytes]) -> tuple[float, list[float], dict]:
    times: list[float] = []
    statuses: dict[int, int] = {}
    token, got_at = token_of(), time.monotonic()
    with httpx.Client(base_url=base_url, timeout=60) as http:
        start = time.perf_counter()
        for body in bundles:
            if time.monotonic() - got_at > 240:  # tokens live a few minutes
                token, got_at = token_of(), time.monotonic()
            t0 = time.perf_counter()
            resp = http.post(
                "/api/fhir/discharge",
                content=body,
                headers={
                    "authorization": f"Bearer {token}",
                    "content-type": "application/fhir+json",
                },
            )
            times.append(time.perf_counter() - t0)
            statuses[resp.status_code] = statuses.get(resp.status_code, 0) + 1
        total = time.perf_counter() - start
    return total, times, statuses


def report(what: str, total: float, times: list[float], statuses: dict[int, int]) -> None:
    print(
        f"{what}: {len(times)} in {total:.1f} s ({len(times) / total:.1f}/s); per import "
        f"p50 {pct(times, 50) * 1000:.1f} ms, p99 {pct(times, 99) * 1000:.1f} ms, "
        f"mean {statistics.mean(times) * 1000:.1f} ms; answers {dict(sorted(statuses.items()))}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--again", type=int, default=200)
    args = parser.parse_args()
    dbname = f"relais_bench_{uuid.uuid4().hex[:8]}"
    asyncio.run(pg(PG_ADMIN, f'CREATE DATABASE "{dbname}"'))
    url = f"postgresql://127.0.0.1:5432/{dbname}"
    team = str(uuid.uuid4())
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                "RELAIS_DATA_DIR": tmp,
                "RELAIS_DATABASE_URL": url,
                "RELAIS_RUN_WORKER": "false",
                "RELAIS_LOG_LEVEL": "WARNING",
                "PATH": str(ROOT / ".venv/bin") + ":/usr/bin:/bin",
            }
            subprocess.run(
                [sys.executable, "-m", "relais.cli", "migrate"],
                env={**env, "PYTHONPATH": str(ROOT / "backend")},
                check=True,
                capture_output=True,
                timeout=120,
            )
            asyncio.run(
                pg(
                    url,
                    "INSERT INTO relais_team (id, name, kind, phone, email, escalate_red_min, "
                    "escalate_amber_min, created_at) VALUES ($1, 'Bench', 'hospital_service', "
                    "'', '', 5, 240, now())",
                    uuid.UUID(team),
                )
            )
            with running_idp(
                Path(tmp) / "idp",
                redirect_uri="http://127.0.0.1/cb",
                post_logout_redirect_uri="http://127.0.0.1/",
                fhir_base=AUDIENCE,
            ) as idp:
                env |= {
                    "RELAIS_FHIR_ISSUER": idp.issuer,
                    "RELAIS_FHIR_AUDIENCE": AUDIENCE,
                    "RELAIS_FHIR_CLIENTS": f"{idp.system_client_id}={team}",
                }
                log = Path(tmp) / "server.log"
                with running_server(env, migrate=False, log_path=log, within_s=120) as base:
                    doc = sample()
                    bundles = [bundle_for(doc, n, team) for n in range(args.count)]

                    def token() -> str:
                        return str(idp.system_token()["access_token"])

                    print(f"PostgreSQL, one app process, {args.count} discharges in a row")
                    report("new discharges", *run(base, token, bundles))
                    again = bundles[: args.again]
                    report("sent again (updates)", *run(base, token, again))
            counts = asyncio.run(
                pg(
                    url,
                    "SELECT (SELECT count(*) FROM relais_patient) AS patients, "
                    "(SELECT count(*) FROM relais_invitation) AS invitations, "
                    "(SELECT count(*) FROM relais_discharge_import) AS discharges, "
                    "(SELECT count(*) FROM relais_schedule_item) AS schedule_items, "
                    "(SELECT count(*) FROM relais_audit WHERE action = 'discharge.import') "
                    "AS audit_rows",
                )
            )
            print("stored:", dict(counts[0]))
    finally:
        asyncio.run(pg(PG_ADMIN, f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
