"""Two app processes and two workers on one PostgreSQL database, behind a real Caddy, as in
production: a console connected (through Caddy) to one replica sees within 2 seconds the alert a
patient's check-in opened on the other replica, and with both workers running every notification
reaches the clinician's device exactly once at a real push service."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from py_vapid import Vapid

from tests.helpers import PASSWORD
from tests.ops.cluster import (
    App,
    apps,
    base_env,
    caddy,
    checkin_body,
    cli,
    pg_database,
    provision,
    workers,
)
from tests.pushsvc import PushService

pytestmark = [pytest.mark.fault, pytest.mark.pushsvc]

# What every browser accepts: Caddy compresses text responses, the live stream included.
BROWSER_ENCODINGS = "gzip, deflate"
BURST = 12  # red check-ins sent at once through Caddy, to both replicas


@dataclass
class Console:
    """A clinician's console reading the live channel; every event with the time it arrived."""

    events: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    async def read(self, resp: httpx.Response) -> None:
        kind = ""
        async for line in resp.aiter_lines():
            if line.startswith("event:"):
                kind = line.partition(":")[2].strip()
            elif line.startswith("data:") and kind == "alert":
                self.events.append((time.monotonic(), json.loads(line.partition(":")[2])))
                self.changed.set()
            elif not line:
                kind = ""

    async def first(self, alert_id: str, within_s: float) -> float:
        """When the event of ``alert_id`` arrived; fails after ``within_s``."""
        deadline = time.monotonic() + within_s
        while True:
            for at, event in self.events:
                if event["id"] == alert_id:
                    return at
            left = deadline - time.monotonic()
            assert left > 0, f"no live event for alert {alert_id} within {within_s}s"
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except TimeoutError:
                continue

    def alert_ids(self) -> Counter[str]:
        return Counter(e["id"] for _, e in self.events if e["state"] == "open")


def _signed_in_patient(site: str, clinician: httpx.Client, patient_id: str) -> dict[str, str]:
    """The patient accepts an invitation (through Caddy): their session and CSRF headers."""
    link = clinician.post(f"/api/patients/{patient_id}/invitations", json={"kind": "patient"})
    assert link.status_code == 201, link.text
    with httpx.Client(base_url=site, timeout=30) as http:
        http.get("/api/auth/csrf").raise_for_status()
        csrf = http.cookies["relais_csrf"]
        # What the sign-up form sends: the terms and privacy notice, read and accepted.
        docs = http.get("/api/consent/documents")
        assert docs.status_code == 200, docs.text
        consents = [{"document": d["document"], "version": d["version"]}
                    for d in docs.json()["documents"]]  # fmt: skip
        accepted = http.post(
            "/api/invitations/accept",
            json={"token": link.json()["link"].split("#token=", 1)[1], "display_name": "P0",
                  "email": f"p0-{patient_id[:8]}@ops.test", "password": PASSWORD,
                  "consents": consents},
            headers={"x-csrftoken": csrf},
        )  # fmt: skip
        assert accepted.status_code == 201, accepted.text
        session = http.cookies["relais_session"]
        csrf = http.cookies["relais_csrf"]  # rotated with the new session
    return {"Cookie": f"relais_csrf={csrf}; relais_session={session}", "x-csrftoken": csrf}


async def _wait_pushed(
    push: PushService, client_hash: str, want: set[str], within_s: float
) -> None:
    """Until every wanted alert has arrived at the device."""
    deadline = time.monotonic() + within_s
    while not want <= {m["id"] for m in await push.messages(client_hash)}:
        assert time.monotonic() < deadline, f"not every alert was pushed within {within_s}s"
        await asyncio.sleep(0.1)


async def _each_worker_round_again(
    http: httpx.AsyncClient, write: str, patient: dict[str, str], url: str, worker_ids: set[str]
) -> int:
    """The patient writes to the team, one message at a time, until each worker has sent the
    clinician the notice of one of them; then until nothing is left claimed. A worker that sends a
    notice written now has gone round again since: a duplicate alert it would send has been sent
    by the end of that pass. Returns how many messages were written (one notice each)."""
    conn = await asyncpg.connect(url)

    async def notices_sent() -> int:
        query = "SELECT COUNT(*) FROM relais_outbox WHERE kind = 'message' AND state = 'sent'"
        return int(await conn.fetchval(query))

    async def senders() -> set[str]:
        rows = await conn.fetch(
            "SELECT DISTINCT a.worker FROM relais_delivery_attempt a "
            "JOIN relais_outbox o ON o.id = a.outbox WHERE o.kind = 'message' AND a.status = 'sent'"
        )
        return {r["worker"] for r in rows}

    written, deadline = 0, time.monotonic() + 30
    try:
        while not worker_ids <= await senders():
            assert time.monotonic() < deadline, f"one worker sent all {written} message notices"
            resp = await http.post(write, json={"body": f"Question {written}"}, headers=patient)
            assert resp.status_code == 201, resp.text
            written += 1
            while await notices_sent() < written:
                assert time.monotonic() < deadline, "a message notice was not sent"
                await asyncio.sleep(0.05)
        while await conn.fetchval("SELECT COUNT(*) FROM relais_outbox WHERE state = 'sending'"):
            assert time.monotonic() < deadline, "a notification stays claimed"
            await asyncio.sleep(0.05)
    finally:
        await conn.close()
    return written


async def _sends_by_worker(url: str) -> Counter[str]:
    """Alert notifications sent, by worker."""
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch(
            "SELECT a.worker, COUNT(*) AS n FROM relais_delivery_attempt a "
            "JOIN relais_outbox o ON o.id = a.outbox "
            "WHERE a.status = 'sent' AND o.kind = 'alert' GROUP BY a.worker"
        )
    finally:
        await conn.close()
    return Counter({r["worker"]: int(r["n"]) for r in rows})


def test_live_alert_crosses_replicas_and_each_push_is_sent_once(
    tmp_path: Path, push_service: PushService
) -> None:
    vapid = Vapid()
    vapid.generate_keys()
    with pg_database() as url:
        env = base_env(tmp_path / "data", url)
        # Shared by every process through the environment, as in production.
        env["RELAIS_VAPID_PRIVATE_KEY"] = vapid.private_pem().decode()
        cli(env, "migrate")
        with (
            apps(env, tmp_path, 2) as (app_a, app_b),
            workers(env, tmp_path, 2) as (worker_1, worker_2),
            caddy([app_a.port, app_b.port], tmp_path, tag_upstream=True) as site,
        ):
            tenant = provision(env, site, patients=4)
            clinician = httpx.Client(base_url=site, headers=tenant.headers(), timeout=30)
            patient = _signed_in_patient(site, clinician, tenant.patients[0])
            key = clinician.get("/api/push/key").json()["application_server_key"]
            device = asyncio.run(push_service.subscribe(key))
            registered = clinician.post("/api/push/subscriptions", json=device.as_json())
            assert registered.status_code == 201, registered.text
            clinician.close()
            by_port = {f"127.0.0.1:{app.port}": app for app in (app_a, app_b)}

            async def scenario() -> tuple[
                App, str, float, list[str], Counter[str], int, Counter[str]
            ]:
                console = Console()
                headers = {**tenant.headers(), "Accept": "text/event-stream",
                           "Accept-Encoding": BROWSER_ENCODINGS}  # fmt: skip
                async with (
                    httpx.AsyncClient(timeout=httpx.Timeout(30, read=None)) as http,
                    http.stream("GET", f"{site}/api/live", headers=headers) as live,
                ):
                    assert live.status_code == 200
                    assert live.headers["content-type"].startswith("text/event-stream")
                    served_by = by_port[live.headers["x-upstream"]]
                    encoding = live.headers.get("content-encoding", "identity")
                    other = app_b if served_by is app_a else app_a
                    # The replica LISTENs before it answers: nothing is missed from here on.
                    reader = asyncio.create_task(console.read(live))

                    # 1. The patient's red check-in goes to the other replica.
                    sent_at = time.monotonic()
                    resp = await http.post(
                        f"{other.base}/api/patients/{tenant.patients[0]}/checkins",
                        json=checkin_body(red=True),
                        headers=patient,
                    )
                    assert resp.status_code == 201, resp.text
                    assert resp.json()["level"] == "red"
                    first = resp.json()["alert"]["id"]
                    took = await console.first(first, within_s=5) - sent_at

                    # 2. A burst of red check-ins through Caddy, spread over both replicas.
                    async def red(i: int) -> tuple[str, str]:
                        pid = tenant.patients[i % len(tenant.patients)]
                        r = await http.post(f"{site}/api/patients/{pid}/checkins",
                                            json=checkin_body(red=True),
                                            headers=tenant.headers())  # fmt: skip
                        assert r.status_code == 201, r.text
                        return str(r.json()["alert"]["id"]), r.headers["x-upstream"]

                    burst = await asyncio.gather(*(red(i) for i in range(BURST)))
                    alert_ids = [first, *(a for a, _ in burst)]
                    assert {u for _, u in burst} == set(by_port), "Caddy used one replica only"
                    await _wait_pushed(push_service, device.client_hash, set(alert_ids), 20)
                    notices = await _each_worker_round_again(
                        http,
                        f"{site}/api/patients/{tenant.patients[0]}/messages",
                        patient,
                        url,
                        {worker_1.worker_id, worker_2.worker_id},
                    )
                    got = await push_service.messages(device.client_hash)
                    await console.first(alert_ids[-1], within_s=5)
                    reader.cancel()
                pushes = Counter(m["id"] for m in got if m["type"] == "alert")
                assert sum(m["type"] == "message" for m in got) == notices, got  # each once
                return served_by, encoding, took, alert_ids, pushes, notices, console.alert_ids()

            served_by, encoding, took, alert_ids, pushes, notices, live_ids = asyncio.run(
                scenario()
            )
            sends = asyncio.run(_sends_by_worker(url))
            split = {w.name: sends[w.worker_id] for w in (worker_1, worker_2)}
            alive = [w.proc is not None and w.proc.poll() is None for w in (worker_1, worker_2)]
        logs = {p.name: p.read_text() for p in tmp_path.glob("*.log")}
    print(
        f"console on {served_by.name} ({encoding}), check-in on the other replica: live event after"
        f" {took * 1000:.0f} ms; {len(set(alert_ids))} alerts, pushes sent per worker {split}; then"
        f" {notices} message notice(s) until each worker had gone round again"
    )
    assert took < 2.0, f"the live event took {took:.2f}s"
    # Each alert pushed to the clinician's device exactly once, nothing else: a red check-in
    # while its patient's red alert is open joins it, and notifies nobody again.
    opened = set(alert_ids)
    assert pushes == Counter(opened), pushes
    assert sum(split.values()) == len(opened), (split, sends)
    # The console saw every check-in's alert, opened or updated, on either replica, once.
    assert live_ids == Counter(alert_ids), live_ids
    assert all(alive), "a worker died"
    for name, text in logs.items():
        assert "Traceback" not in text, f"{name}:\n{text[-3000:]}"
