from __future__ import annotations

from piccolo.columns import (
    UUID,
    Boolean,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from relais.accounts.tables import User

OUTBOX_KINDS = ("alert", "alert_seen", "reminder", "message", "family_alert", "digest")
OUTBOX_STATES = ("pending", "sending", "sent", "failed", "cancelled")
CHANNELS = ("push", "email")


class PushSubscription(Table, tablename="relais_push_subscription"):
    """One browser (phone, desktop) of one person that accepts Web Push."""

    id = UUID(primary_key=True)
    user = ForeignKey(User, on_delete=OnDelete.cascade, index=True)
    endpoint = Varchar(length=1000, unique=True)
    p256dh = Varchar(length=200)
    auth = Varchar(length=100)
    # A label the person recognises ("Firefox on Android"), from the user agent.
    label = Varchar(length=120, default="")
    created_at = Timestamptz(default=TimestamptzNow())
    last_seen_at = Timestamptz(default=TimestamptzNow())
    # What the last push to it did, written by whoever sent it (the worker, the test button):
    # the device list says "working" or "failing" from these.
    last_ok_at = Timestamptz(null=True, default=None)
    last_error_at = Timestamptz(null=True, default=None)
    last_error = Varchar(length=40, default="")  # a short code (DELIVERY_CODES), never a text


class Outbox(Table, tablename="relais_outbox"):
    """One notification to one person on one channel, written in the transaction of its cause.

    Workers claim rows with a conditional update and a lease (``claimed_until``): a worker that dies
    mid-send leaves its rows to be claimed again once the lease has passed.
    """

    id = Serial(primary_key=True)

    user = ForeignKey(User, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=20)  # one of OUTBOX_KINDS
    channel = Varchar(length=10, default="push")  # push | email
    ref_id = UUID(null=True, default=None)
    urgency = Varchar(length=10, default="normal")  # very-low | low | normal | high
    topic = Varchar(length=32, default="")
    # Makes an enqueue idempotent when two workers could write the same row (reminders).
    dedup_key = Varchar(length=120, null=True, default=None, unique=True)
    created_at = Timestamptz(default=TimestamptzNow())
    state = Varchar(length=10, default="pending", index=True)
    claimed_by = Varchar(length=64, default="")
    claimed_until = Timestamptz(null=True, default=None)
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz(default=TimestamptzNow(), index=True)
    sent_at = Timestamptz(null=True, default=None)
    last_error = Varchar(length=300, default="")


class DeliveryAttempt(Table, tablename="relais_delivery_attempt"):
    """One try to deliver an outbox row to one device or address, with what came back."""

    id = Serial(primary_key=True)

    outbox = ForeignKey(Outbox, on_delete=OnDelete.cascade, index=True)
    channel = Varchar(length=10)
    subscription_id = UUID(null=True, default=None)
    status = Varchar(length=12)  # sent | transient | permanent | gone
    http_status = Integer(null=True, default=None)
    error = Varchar(length=300, default="")
    worker = Varchar(length=64, default="")
    at = Timestamptz(default=TimestamptzNow())


class NotifyPreference(Table, tablename="relais_notify_preference"):
    """A person's reminder settings: quiet hours in their own time zone (minutes after midnight)."""

    id = Serial(primary_key=True)

    user = ForeignKey(User, on_delete=OnDelete.cascade, unique=True)
    reminders = Boolean(default=True)
    quiet_start_min = Integer(null=True, default=None)
    quiet_end_min = Integer(null=True, default=None)
    updated_at = Timestamptz(default=TimestamptzNow())


class JobLease(Table, tablename="relais_job_lease"):
    """One periodic job shared by every worker (the retention purge, once a day).

    A worker runs the job only after moving its lease with a conditional update (due, and no
    other worker holding an unexpired lease): with several workers it runs once per period. A
    worker that dies mid-run leaves the lease to expire, then another one runs the job.
    """

    name = Varchar(length=40, unique=True)
    next_run_at = Timestamptz(default=TimestamptzNow())
    holder = Varchar(length=64, default="")
    lease_until = Timestamptz(null=True, default=None)
    last_started_at = Timestamptz(null=True, default=None)
    last_finished_at = Timestamptz(null=True, default=None)
    last_error = Varchar(length=300, default="")
    runs = Integer(default=0)
