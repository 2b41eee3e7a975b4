"""The worker: sends what the outbox holds, escalates unacknowledged alerts, reminds patients,
purges data past its retention period.

One asyncio task loops: claim what is due and start sending it, run the escalation tick, now and
then the reminders tick and the periodic jobs (``relais.worker.jobs``: retention, once a day),
then sleep until the next poll or until woken (an enqueue in this process, a PostgreSQL NOTIFY
from any process when the enqueueing transaction commits, or a send that ends).

Sends never wait for one another: each claimed row is sent in its own task, up to
``max_in_flight`` at once, and the loop claims again as soon as a row is done. Each push service
host has its own bound and circuit breaker (``relais.notify.hosts``), so a hung service holds
at most a few sends and never a new red alert bound elsewhere. The leases of the rows in flight
are renewed while they are sent, so a dead worker's rows come back after a short lease.

``relais serve`` runs it in-process (unless ``RELAIS_RUN_WORKER=false``); ``relais worker`` runs
it alone. Several workers may run at once: claims are atomic and leased, escalation steps move
with conditional updates, a periodic job runs only in the worker that took its lease.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import logging
import os
import random
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from relais import db
from relais.accounts.tables import User
from relais.alerts import digest, escalation, seen_token
from relais.alerts.tables import Alert, AlertEvent
from relais.db import as_uuid
from relais.notify import outbox
from relais.notify.hosts import Gates, host_allowed, host_of
from relais.notify.service import (
    TTL,
    delivery_code,
    digest_text,
    email_text,
    mark_delivery,
    payload,
)
from relais.notify.tables import DeliveryAttempt, Outbox, PushSubscription
from relais.notify.transports import DeliveryError, SubscriptionGone, TransientError
from relais.notify.transports.email import EmailTransport
from relais.notify.transports.webpush import Device, WebPushTransport
from relais.notify.vapid import VapidKeys, load_vapid
from relais.settings import Settings
from relais.worker import jobs, reminders

log = logging.getLogger("relais.worker.loop")

Clock = Callable[[], dt.datetime]


#: The longest wait between two tries of an alert's notification (seconds; other notifications
#: use ``Worker.retry_cap_s``). A push service that answers again gets its waiting notifications
#: at once (``Worker._host_recovered``), without waiting for this.
ALERT_RETRY_CAP_S = 30.0


#: Statuses of a send not made (``Attempt``): not written, and the try is not counted.
NOT_TRIED = ("held", "busy")


@dataclass
class Attempt:
    channel: str
    # sent | transient | permanent | gone; not tried: held (the host's circuit is open: it is
    # failing) or busy (the host has its bound of sends in flight).
    status: str
    subscription_id: uuid.UUID | None = None
    http_status: int | None = None
    error: str = ""
    retry_after: float | None = None
    #: The push service host of a held send.
    host: str = ""
    #: Written to the database as soon as the service took it (a device sent to).
    recorded: bool = False
    #: What failed, when ``status`` alone does not say it (``notify.service.delivery_code``).
    error_kind: str = ""


#: The label of an alert notification's action, in both languages as the notification's text.
SEEN_ACTION = "Vu / Seen"


def make_worker_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class Worker:
    def __init__(
        self,
        settings: Settings,
        *,
        worker_id: str | None = None,
        clock: Clock | None = None,
        vapid: VapidKeys | None = None,
        poll_s: float | None = None,
        batch: int = 16,
        max_in_flight: int = 64,
        retry_base_s: float = 2.0,
        retry_cap_s: float = 600.0,
        gates: Gates | None = None,
        reminders_every_s: float = 60.0,
        jobs_every_s: float = 60.0,
        periodic: list[jobs.Job] | None = None,
    ) -> None:
        self.settings = settings
        self.id = worker_id or make_worker_id()
        self.clock: Clock = clock or db.utcnow
        self.poll_s = poll_s if poll_s is not None else settings.worker_poll_ms / 1000
        self.batch = batch
        self.max_in_flight = max_in_flight
        self.gates = gates or Gates()
        self.retry_base_s = retry_base_s
        self.retry_cap_s = retry_cap_s
        self.reminders_every_s = reminders_every_s
        self.jobs_every_s = jobs_every_s
        self.periodic = jobs.default_jobs() if periodic is None else periodic
        self.push = WebPushTransport(
            vapid or load_vapid(settings), timeout_s=settings.push_timeout_s
        )
        self.email = EmailTransport(settings)
        self._event = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self._listener: Any = None
        self._last_reminders: dt.datetime | None = None
        self._last_jobs: dt.datetime | None = None
        self._last_ticks = 0.0  # monotonic: the escalation tick of the loop
        self._last_renew = 0.0  # monotonic: the lease renewal of the rows in flight
        self._ticking: asyncio.Task[None] | None = None
        # Rows being sent by the loop, by outbox id.
        self._in_flight: dict[int, asyncio.Task[None]] = {}
        # Passes of run() that went through without an error. Read by the tests, which wait for
        # the worker to have gone round again (say, past the point where it could have sent a
        # duplicate) instead of sleeping and hoping it has.
        self.passes: int = 0

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        outbox.register_waker(self._event)
        await self.push.start()
        if self.settings.engine == "postgres" and self._listener is None:
            try:
                import asyncpg

                self._listener = await asyncpg.connect(self.settings.database_url, timeout=5)
                await self._listener.add_listener(outbox.PG_CHANNEL, self._on_notify)
            except Exception as exc:  # polling still works without it
                log.warning("cannot LISTEN for outbox wake-ups (%s); polling only", exc)
                self._listener = None

    def _on_notify(self, *_: Any) -> None:
        self._event.set()

    async def close(self) -> None:
        outbox.unregister_waker(self._event)
        if self._listener is not None:
            with contextlib.suppress(Exception):
                await self._listener.close()
            self._listener = None
        await self.push.close()

    def wake(self) -> None:
        self._event.set()

    def start_background(self) -> asyncio.Task[None]:
        self._task = asyncio.create_task(self.run(), name=f"relais-worker-{self.id}")
        return self._task

    async def stop(self) -> None:
        """Finish the batch in hand, then stop."""
        self._stopping = True
        self._event.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(asyncio.shield(self._task), timeout=30)
            self._task = None

    async def run(self) -> None:
        await self.start()
        log.info("worker %s started", self.id)
        try:
            while not self._stopping:
                self._event.clear()
                try:
                    claimed = await self._loop_pass()
                    if not self._in_flight:
                        # A pass that ended with nothing in flight: everything it took is done.
                        self.passes += 1
                except Exception:
                    log.exception("worker tick failed")
                    claimed = 0
                if self._stopping:
                    break
                if claimed >= self.batch and len(self._in_flight) < self.max_in_flight:
                    continue  # more may be waiting
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._event.wait(), timeout=self.poll_s)
            # Stopping: the sends in hand finish (within the push timeout), nothing stays claimed.
            waiting = [*self._in_flight.values(), *([self._ticking] if self._ticking else [])]
            if waiting:
                await asyncio.gather(*waiting, return_exceptions=True)
        finally:
            await self.close()
            log.info("worker %s stopped", self.id)

    async def _loop_pass(self) -> int:
        """Claim what is due and start sending it; the escalation, reminders and jobs ticks at
        most once per poll interval; renew the leases of the rows in flight."""
        now = self.clock()
        claimed = await self.dispatch(now)
        tick = asyncio.get_running_loop().time()
        if self._in_flight and tick - self._last_renew >= self.settings.worker_lease_s / 3:
            self._last_renew = tick
            until = now + dt.timedelta(seconds=self.settings.worker_lease_s)
            await outbox.renew(self.id, list(self._in_flight), until=until)
        if tick - self._last_ticks >= self.poll_s and (
            self._ticking is None or self._ticking.done()
        ):
            # In a task of its own: a slow tick (the daily purge) never holds back a send.
            self._last_ticks = tick
            self._ticking = asyncio.create_task(self._ticks_logged(now), name="relais-ticks")
        return claimed

    async def _ticks_logged(self, now: dt.datetime) -> None:
        try:
            await self._ticks(now)
        except Exception:
            log.exception("worker tick failed")

    async def dispatch(self, now: dt.datetime) -> int:
        """Claim up to the free room and send each row in its own task (not waited for)."""
        room = self.max_in_flight - len(self._in_flight)
        if room <= 0:
            return 0
        rows = await outbox.claim(
            self.id, now=now, lease_s=self.settings.worker_lease_s, limit=min(self.batch, room)
        )
        for row in rows:
            rid = int(row["id"])
            task = asyncio.create_task(self.deliver(row), name=f"relais-send-{rid}")
            self._in_flight[rid] = task
            task.add_done_callback(functools.partial(self._sent, rid))
        return len(rows)

    def _sent(self, rid: int, _: object = None) -> None:
        self._in_flight.pop(rid, None)
        self._event.set()  # room again: claim what waits

    # -- one pass ----------------------------------------------------------------------------

    async def run_once(self, now: dt.datetime | None = None) -> int:
        """One whole pass, waiting for its sends (tests, and a clock of one's own)."""
        now = now or self.clock()
        claimed = await self.deliver_due(now)
        await self._ticks(now)
        return claimed

    async def _ticks(self, now: dt.datetime) -> None:
        await escalation.escalate_due(now)
        if (
            self._last_reminders is None
            or (now - self._last_reminders).total_seconds() >= self.reminders_every_s
        ):
            self._last_reminders = now
            await reminders.enqueue_due_reminders(now)
        if self._last_jobs is None or (now - self._last_jobs).total_seconds() >= self.jobs_every_s:
            self._last_jobs = now
            await jobs.run_due(self.periodic, self.id, self.settings, now)

    async def deliver_due(self, now: dt.datetime | None = None) -> int:
        """Claim a batch and send it, waiting for every send (``run_once``)."""
        now = now or self.clock()
        rows = await outbox.claim(
            self.id, now=now, lease_s=self.settings.worker_lease_s, limit=self.batch
        )
        if rows:
            await asyncio.gather(*(self.deliver(row) for row in rows))
        return len(rows)

    async def deliver(self, row: dict[str, Any]) -> None:
        try:
            if row["kind"] == "alert" and not await self._alert_needs_attention(row["ref_id"]):
                await self._finish(row, [], state="cancelled", error="alert no longer open")
                return
            if row["kind"] == digest.DIGEST_KIND:
                # Counted when it goes: the alerts seen meanwhile are not announced.
                count = await digest.waiting(as_uuid(row["ref_id"]))
                if not count:
                    await self._finish(row, [], state="cancelled", error="no amber alert waiting")
                    return
                row = {**row, "count": count}
            if row["channel"] == "email":
                await self._deliver_email(row)
            else:
                await self._deliver_push(row)
        except Exception as exc:
            # A bug or a database hiccup: leave the row to be claimed again when its lease ends.
            log.exception("delivery of outbox row %s failed", row["id"])
            with contextlib.suppress(Exception):
                await self._reschedule_after_error(row, f"{type(exc).__name__}")

    async def _alert_needs_attention(self, ref_id: Any) -> bool:
        if ref_id is None:
            return False
        alert = await Alert.select(Alert.state).where(Alert.id == as_uuid(ref_id)).first()
        return alert is not None and alert["state"] == "open"

    # -- channels ----------------------------------------------------------------------------

    async def _deliver_push(self, row: dict[str, Any]) -> None:
        user_id = as_uuid(row["user"])
        subs = list(await PushSubscription.select().where(PushSubscription.user == user_id))
        delivered_before = {
            as_uuid(r["subscription_id"])
            for r in await DeliveryAttempt.select(DeliveryAttempt.subscription_id).where(
                (DeliveryAttempt.outbox == row["id"])
                & (DeliveryAttempt.status == "sent")
                & DeliveryAttempt.subscription_id.is_not_null()
            )
        }
        # A device that already has this notification is never sent it again on a retry.
        targets = [s for s in subs if as_uuid(s["id"]) not in delivered_before]
        body = self._payload(row)
        ttl = TTL.get(row["kind"], 3600)
        attempts = list(await asyncio.gather(*(self._push_one(s, body, ttl, row) for s in targets)))
        await self._settle(row, attempts, delivered_before=len(delivered_before))

    def _payload(self, row: dict[str, Any]) -> dict[str, Any]:
        """What the device receives. An alert's notification (only staff get that kind) carries
        a "Seen" action, with the token that acknowledges it as its recipient (alerts.seen_token):
        no patient data, only ids and an expiry."""
        if row["kind"] == digest.DIGEST_KIND:
            return payload(row["kind"], row["ref_id"], body=digest_text(int(row["count"])))
        if row["kind"] != "alert" or row["ref_id"] is None:
            return payload(row["kind"], row["ref_id"])
        token = seen_token.make(
            self.settings.secret_key, as_uuid(row["ref_id"]), as_uuid(row["user"]), self.clock()
        )
        return payload(
            row["kind"],
            row["ref_id"],
            actions=[{"action": "seen", "title": SEEN_ACTION}],
            seen=token,
        )

    async def _push_one(
        self, sub: dict[str, Any], body: dict[str, Any], ttl: int, row: dict[str, Any]
    ) -> Attempt:
        attempt = await self._push_attempt(sub, body, ttl, row)
        if attempt.status not in ("sent", *NOT_TRIED):
            # The device is failing, in its owner's list (a delivery is written with its attempt).
            code = delivery_code(attempt.error_kind or attempt.status)
            with contextlib.suppress(Exception):
                await mark_delivery(as_uuid(sub["id"]), ok=False, now=self.clock(), code=code)
        return attempt

    async def _push_attempt(
        self, sub: dict[str, Any], body: dict[str, Any], ttl: int, row: dict[str, Any]
    ) -> Attempt:
        sid = as_uuid(sub["id"])
        if not host_allowed(
            sub["endpoint"],
            self.settings.push_hosts,
            allow_loopback=self.settings.environment != "production",
        ):
            # Registered before the allow-list, or the list changed: never POSTed to.
            return Attempt(
                "push", "permanent", sid, error="push service not on the allow-list",
                error_kind="not-allowed",
            )  # fmt: skip
        host = host_of(sub["endpoint"])
        gate = self.gates.get(host)
        verdict = await gate.enter(self.clock)
        if verdict != "send":
            # Not tried: the host is failing (circuit open) or has its bound of sends in flight.
            not_tried = "held" if verdict == "open" else "busy"
            return Attempt("push", not_tried, sid, error=f"push service {verdict}", host=host)
        device = Device(endpoint=sub["endpoint"], p256dh=sub["p256dh"], auth=sub["auth"])
        answered = False  # the host answered (2xx, 4xx): it is up, whatever it said
        try:
            status = await self.push.send(
                device, body, ttl=ttl, urgency=row["urgency"], topic=row["topic"]
            )
            answered = True
        except SubscriptionGone as exc:
            answered = True
            return Attempt("push", "gone", sid, exc.status, str(exc)[:300])
        except TransientError as exc:
            return Attempt("push", "transient", sid, exc.status, str(exc)[:300], exc.retry_after)
        except DeliveryError as exc:
            answered = True
            return Attempt("push", "permanent", sid, exc.status, str(exc)[:300])
        finally:
            if gate.done(self.clock(), answered=answered):
                await self._host_recovered(host)
        attempt = Attempt("push", "sent", sid, status)
        # Written at once: a worker that dies now will not send it to this device again. The
        # device is working, in its owner's list: one commit for both.
        async with db.transaction():
            await self._record(row, [attempt])
            await mark_delivery(sid, ok=True, now=self.clock())
        attempt.recorded = True
        return attempt

    async def _host_recovered(self, host: str) -> None:
        """A push service answers again: what waited for it is due now, and the loop claims it."""
        with contextlib.suppress(Exception):
            released = await outbox.release_for_host(host, self.clock())
            log.info("push service %s answers again: %d notification(s) due now", host, released)
        self._event.set()

    async def _record(self, row: dict[str, Any], attempts: list[Attempt]) -> None:
        now = self.clock()
        await DeliveryAttempt.insert(
            *(
                DeliveryAttempt(
                    outbox=row["id"],
                    channel=a.channel,
                    subscription_id=a.subscription_id,
                    status=a.status,
                    http_status=a.http_status,
                    error=a.error[:300],
                    worker=self.id,
                    at=now,
                )
                for a in attempts
            )
        )

    async def _deliver_email(self, row: dict[str, Any]) -> None:
        user = await User.select(User.email).where(User.id == row["user"]).first()
        if user is None:
            await self._finish(row, [], state="failed", error="no such person")
            return
        subject, text = email_text(
            row["kind"], row["ref_id"], self.settings.public_url, row.get("count")
        )
        try:
            code = await self.email.send(user["email"], subject, text)
            attempt = Attempt("email", "sent", None, code)
        except TransientError as exc:
            attempt = Attempt("email", "transient", None, exc.status, str(exc)[:300])
        except DeliveryError as exc:
            attempt = Attempt("email", "permanent", None, exc.status, str(exc)[:300])
        await self._settle(row, [attempt], delivered_before=0)

    # -- outcome -----------------------------------------------------------------------------

    def backoff_s(
        self, attempts: int, retry_after: float | None, cap: float | None = None
    ) -> float:
        cap = self.retry_cap_s if cap is None else min(cap, self.retry_cap_s)
        delay = min(cap, self.retry_base_s * (2 ** max(0, attempts - 1)))
        delay *= random.uniform(0.5, 1.0)  # noqa: S311 (jitter, not security)
        if retry_after is not None:
            delay = max(delay, min(retry_after, cap))
        return float(delay)

    async def _settle(
        self, row: dict[str, Any], attempts: list[Attempt], *, delivered_before: int
    ) -> None:
        sent = delivered_before + sum(1 for a in attempts if a.status == "sent")
        transient = [a for a in attempts if a.status == "transient"]
        held = [a for a in attempts if a.status in NOT_TRIED]
        errors = [a.error for a in attempts if a.status not in ("sent", *NOT_TRIED) and a.error]
        # Every device failed (a host that is down counts; one only busy does not): for an
        # alert's push (``_finish``), the email fallback and the escalation start now, while the
        # push keeps being retried.
        reached_nobody = sent == 0 and bool(attempts) and all(a.status != "busy" for a in attempts)
        now = self.clock()
        if (transient and row["attempts"] < self.settings.outbox_max_attempts) or held:
            # A held send goes again when its host may be probed, or shortly: read now, the host
            # may have come back while this row was settling.
            times = [self.gates.get(a.host).retry_at(now) for a in held]
            if transient:
                hints = [a.retry_after for a in transient if a.retry_after is not None]
                cap = ALERT_RETRY_CAP_S if row["kind"] == "alert" else None
                delay = self.backoff_s(row["attempts"], max(hints, default=None), cap)
                times.append(now + dt.timedelta(seconds=delay))
            await self._finish(
                row,
                attempts,
                state="pending",
                error=errors[0] if errors else (held[0].error if held else ""),
                next_at=min(times),
                devices=sent,
                fallback=reached_nobody,
                tried=any(a.status not in NOT_TRIED for a in attempts),
            )
        elif sent:
            await self._finish(row, attempts, state="sent", devices=sent)
        else:
            reason = errors[0] if errors else "no push device"
            await self._finish(row, attempts, state="failed", error=reason, fallback=True)

    async def _finish(
        self,
        row: dict[str, Any],
        attempts: list[Attempt],
        *,
        state: str,
        error: str = "",
        next_at: dt.datetime | None = None,
        devices: int = 0,
        fallback: bool = False,
        tried: bool = True,
    ) -> None:
        """Write the row's outcome and the attempts not yet written. ``fallback``: nobody was
        reached for this alert, so the email goes and the escalation moves on now. ``tried``:
        False when no send was made (every device held): the try is not counted."""
        now = self.clock()
        outbox_id = row["id"]
        values: dict[Any, Any] = {
            Outbox.state: state,
            Outbox.claimed_until: None,
            Outbox.last_error: error[:300],
        }
        if state == "sent":
            values[Outbox.sent_at] = now
        if next_at is not None:
            values[Outbox.next_attempt_at] = next_at
        if not tried:
            values[Outbox.attempts] = Outbox.attempts - 1
        to_write = [a for a in attempts if not a.recorded and a.status not in NOT_TRIED]
        async with db.transaction():
            mine = await (
                Outbox.update(values)
                .where(
                    (Outbox.id == outbox_id)
                    & (Outbox.claimed_by == self.id)
                    & (Outbox.state == "sending")
                )
                .returning(Outbox.id)
            )
            if to_write:
                await self._record(row, to_write)
            gone = [a.subscription_id for a in attempts if a.status == "gone" and a.subscription_id]
            if gone:
                await PushSubscription.delete().where(PushSubscription.id.is_in(gone))
            if not mine:
                # Our lease ran out and another worker holds the row now: it decides.
                log.warning("outbox row %s was re-claimed before this worker finished", outbox_id)
                return
            if state == "sent" and row["kind"] == "alert" and row["ref_id"] is not None:
                how = f"push, {devices} device(s)" if row["channel"] == "push" else "email"
                await AlertEvent.insert(
                    AlertEvent(
                        alert=as_uuid(row["ref_id"]),
                        at=now,
                        kind="notified",
                        actor=as_uuid(row["user"]),
                        detail=how,
                    )
                )
            if (
                fallback
                and row["kind"] == digest.DIGEST_KIND
                and row["channel"] == "push"
                and row["ref_id"] is not None
            ):
                # No device of theirs took the digest: it goes by email, as an alert would.
                await outbox.enqueue_email(
                    as_uuid(row["user"]),
                    kind=row["kind"],
                    ref_id=as_uuid(row["ref_id"]),
                    now=now,
                    dedup_key=f"fallback:{outbox_id}",
                )
            if (
                fallback
                and row["kind"] == "alert"
                and row["channel"] == "push"
                and row["ref_id"] is not None
            ):
                # Staff with no working push device get the alert by email, and when nobody has
                # been reached by push the next step of the escalation is not left to wait.
                await outbox.enqueue_email(
                    as_uuid(row["user"]),
                    kind=row["kind"],
                    ref_id=as_uuid(row["ref_id"]),
                    now=now,
                    dedup_key=f"fallback:{outbox_id}",
                )
                await escalation.bring_forward(as_uuid(row["ref_id"]), outbox_id, now)

    async def _reschedule_after_error(self, row: dict[str, Any], error: str) -> None:
        await Outbox.update(
            {
                Outbox.state: "pending",
                Outbox.claimed_until: None,
                Outbox.last_error: error[:300],
                Outbox.next_attempt_at: self.clock()
                + dt.timedelta(seconds=self.backoff_s(row["attempts"], None)),
            }
        ).where((Outbox.id == row["id"]) & (Outbox.claimed_by == self.id))


async def run_forever(settings: Settings, stop: asyncio.Event) -> None:
    """``relais worker``: run until ``stop`` is set (SIGTERM / SIGINT)."""
    worker = Worker(settings)
    worker.start_background()
    await stop.wait()
    await worker.stop()
