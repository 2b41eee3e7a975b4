"""The care team's alert console (list, detail, acknowledge, resolve, reopen) and the patient's
view of their own alerts."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.params import JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK

from relais import db
from relais.access import policy
from relais.access.teams import require_team_record
from relais.accounts.guards import current_user, require_staff, require_user
from relais.accounts.queries import display_names
from relais.accounts.sessions import CurrentUser, scope_user
from relais.accounts.tables import User
from relais.alerts import seen_token, service
from relais.alerts.schemas import (
    AlertDetailOut,
    AlertEventOut,
    AlertOut,
    Level,
    MeasureOut,
    PatientAlertOut,
    ReasonOut,
    ResolveIn,
    SeenOut,
    SeenTokenIn,
    SnoozeIn,
    State,
    UnreadOut,
)
from relais.alerts.tables import Alert, AlertEvent
from relais.audit.service import record, record_each
from relais.care.tables import Patient
from relais.db import as_utc, as_uuid
from relais.errors import Refusal
from relais.phone_writes import received_before
from relais.triage.explain import explain
from relais.triage.rules import Ruleset
from relais.web.lang import request_lang

LEVEL_ORDER = {"red": 0, "amber": 1}


def _opt(value: Any) -> Any:
    return as_utc(value) if value is not None else None


def _uuid_or_none(value: Any) -> uuid.UUID | None:
    if value is None:
        return None
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _actors(rows: list[dict[str, Any]]) -> list[uuid.UUID]:
    """Who saw and who closed these alerts."""
    found = {r[k] for r in rows for k in ("acknowledged_by", "resolved_by") if r.get(k) is not None}
    return [as_uuid(x) for x in found]


def _name(names: dict[uuid.UUID, str], value: Any) -> str:
    return names.get(as_uuid(value), "") if value is not None else ""


_rulesets: dict[str, Ruleset] = {}


def _why(request: Request[Any, Any, Any], reasons: list[str]) -> list[ReasonOut]:
    """The alert's reasons in clinical words, in the reader's language, from the content's rules
    (rule ids are never reused for another meaning: the wording is the current content's)."""
    library = request.app.state.content
    ruleset = _rulesets.get(library.version)
    if ruleset is None:
        ruleset = _rulesets[library.version] = Ruleset.from_files(list(library.rules.values()))
    lang = request_lang(request)
    return [ReasonOut(**msgspec.structs.asdict(e)) for e in explain(ruleset, reasons, lang)]


def alert_out(
    request: Request[Any, Any, Any],
    row: dict[str, Any],
    patient_name: str,
    actors: dict[uuid.UUID, str] | None = None,
) -> dict[str, Any]:
    actors = actors or {}
    reasons = [str(r) for r in db.json_value(row["reasons"]) or []]
    return {
        "id": row["id"],
        "patient_id": _uuid_or_none(row["patient"]),
        "patient_name": patient_name,
        "team_id": _uuid_or_none(row["team"]),
        "level": row["level"],
        "kind": row["kind"],
        "urgent": bool(row["urgent"]),
        "reasons": reasons,
        "why": _why(request, reasons),
        "content_version": row["content_version"],
        "state": row["state"],
        "opened_at": as_utc(row["opened_at"]),
        "acknowledged_at": _opt(row["acknowledged_at"]),
        "acknowledged_by": _uuid_or_none(row["acknowledged_by"]),
        "acknowledged_by_name": _name(actors, row["acknowledged_by"]),
        "resolved_at": _opt(row["resolved_at"]),
        "resolved_by": _uuid_or_none(row["resolved_by"]),
        "resolved_by_name": _name(actors, row["resolved_by"]),
        "outcome": row["outcome"],
        "note": row["note"],
        "escalation_step": int(row["escalation_step"]),
        "next_escalation_at": _opt(row["next_escalation_at"]),
        "checkins": 1 + int(row.get("repeats") or 0),
        "last_checkin_id": _uuid_or_none(row.get("last_checkin_id") or row.get("checkin_id")),
        "updated_at": _opt(row.get("updated_at")),
        "snoozed_until": _opt(row.get("snoozed_until")),
        "snooze_reason": row.get("snooze_reason") or "",
        "measures": msgspec.convert(db.json_value(row.get("measures")) or [], list[MeasureOut]),
    }


async def _names(patient_ids: list[Any]) -> dict[uuid.UUID, str]:
    if not patient_ids:
        return {}
    rows = await Patient.select(Patient.id, Patient.given_name, Patient.family_name).where(
        Patient.id.is_in(list(set(patient_ids)))
    )
    return {r["id"]: f"{r['given_name']} {r['family_name']}".strip() for r in rows}


async def staff_alert(request: Request[Any, Any, Any], alert_id: uuid.UUID, action: str) -> Any:
    """The alert, if the caller is on its team and may manage its patient; 404 otherwise."""
    row = await Alert.select().where(Alert.id == alert_id).first()
    if row is None:
        raise service.not_found()
    await require_team_record(
        request,
        _uuid_or_none(row["team"]),
        row["patient"],
        action,
        "alert",
        alert_id,
        service.not_found(),
    )
    return row


async def detail(request: Request[Any, Any, Any], row: dict[str, Any]) -> AlertDetailOut:
    names = await _names([row["patient"]])
    events = await service.timeline(row["id"])
    actor_ids = list({e["actor"] for e in events if e["actor"] is not None} | set(_actors([row])))
    actors = await display_names(actor_ids)
    return AlertDetailOut(
        **alert_out(request, row, names.get(row["patient"], ""), actors),
        timeline=[
            AlertEventOut(
                at=as_utc(e["at"]),
                kind=e["kind"],
                actor_id=_uuid_or_none(e["actor"]),
                actor_name=actors.get(as_uuid(e["actor"]), "") if e["actor"] is not None else "",
                detail=e["detail"],
            )
            for e in events
        ],
    )


class AlertController(Controller):
    path = "/api/alerts"
    tags = ["alerts"]
    guards = [require_staff]

    @get("/", summary="Alerts of my teams, red first, oldest first")
    async def list_alerts(
        self,
        request: Request[Any, Any, Any],
        team: Annotated[uuid.UUID | None, QueryParameter(name="team")] = None,
        level: Annotated[Level | None, QueryParameter(name="level")] = None,
        alert_state: Annotated[
            State | None,
            QueryParameter(name="state", description="Default: open and acknowledged."),
        ] = None,
    ) -> list[AlertOut]:
        me = current_user(request)
        teams = await policy.staff_team_ids(me.id)
        if team is not None:
            if team not in teams:
                raise Refusal("team-not-found", "not-found", detail="team-not-found.not-member")
            teams = [team]
        if not teams:
            return []
        where: Any = Alert.team.is_in(teams)
        if level is not None:
            where &= Alert.level == level
        if alert_state is not None:
            where &= Alert.state == alert_state
        else:
            where &= Alert.state.is_in(["open", "acknowledged"])
        # Open alerts: the oldest first (they have waited longest); closed ones: the latest.
        latest_first = alert_state == "resolved"
        rows = (
            await Alert.select()
            .where(where)
            .order_by(Alert.opened_at, ascending=not latest_first)
            .limit(500)
        )
        rows.sort(key=lambda r: (LEVEL_ORDER.get(r["level"], 9), as_utc(r["opened_at"])))
        names = await _names([r["patient"] for r in rows])
        actors = await display_names(_actors(rows))
        await record_each(
            "alert.list",
            [r["patient"] for r in rows],
            connection=request,
            record_type="alert",
            detail=str(len(rows)),
        )
        return [
            AlertOut(**alert_out(request, r, names.get(r["patient"], ""), actors)) for r in rows
        ]

    @get("/unread", summary="How many alerts of my teams nobody has seen yet")
    async def unread(self, request: Request[Any, Any, Any]) -> UnreadOut:
        """A count only (no patient is named, none is read): the console's tab title."""
        teams = await policy.staff_team_ids(current_user(request).id)
        if not teams:
            return UnreadOut(open=0, red=0)
        rows = await Alert.select(Alert.level).where(
            Alert.team.is_in(teams) & (Alert.state == "open")
        )
        return UnreadOut(open=len(rows), red=sum(1 for r in rows if r["level"] == "red"))

    @get("/{alert_id:uuid}", summary="One alert with its timeline")
    async def get_alert(
        self, request: Request[Any, Any, Any], alert_id: uuid.UUID
    ) -> AlertDetailOut:
        row = await staff_alert(request, alert_id, "alert.read")
        return await detail(request, row)

    @post("/{alert_id:uuid}/acknowledge", status_code=HTTP_200_OK, summary="I have seen it")
    async def acknowledge(
        self, request: Request[Any, Any, Any], alert_id: uuid.UUID
    ) -> AlertDetailOut:
        await staff_alert(request, alert_id, "alert.acknowledge")
        row = await service.acknowledge(alert_id, current_user(request).id, db.utcnow())
        return await detail(request, row)

    @post("/{alert_id:uuid}/resolve", status_code=HTTP_200_OK, summary="Close it with an outcome")
    async def resolve(
        self, request: Request[Any, Any, Any], alert_id: uuid.UUID, data: JSONBody[ResolveIn]
    ) -> AlertDetailOut:
        await staff_alert(request, alert_id, "alert.resolve")
        row = await service.resolve(
            alert_id, current_user(request).id, data.outcome, data.note, db.utcnow()
        )
        return await detail(request, row)

    @post(
        "/{alert_id:uuid}/snooze",
        status_code=HTTP_200_OK,
        summary="Let it wait a bounded time, with a reason: the escalation waits too",
    )
    async def snooze(
        self, request: Request[Any, Any, Any], alert_id: uuid.UUID, data: JSONBody[SnoozeIn]
    ) -> AlertDetailOut:
        await staff_alert(request, alert_id, "alert.snooze")
        row = await service.snooze(
            alert_id, current_user(request).id, data.minutes, data.reason.strip(), db.utcnow()
        )
        return await detail(request, row)

    @post("/{alert_id:uuid}/reopen", status_code=HTTP_200_OK, summary="Open it again")
    async def reopen(self, request: Request[Any, Any, Any], alert_id: uuid.UUID) -> AlertDetailOut:
        await staff_alert(request, alert_id, "alert.reopen")
        row = await service.reopen(alert_id, current_user(request).id, db.utcnow())
        return await detail(request, row)


async def _token_refused(
    request: Request[Any, Any, Any],
    alert_id: uuid.UUID,
    refusal: Refusal,
    why: str,
    actor: uuid.UUID | None = None,
) -> Refusal:
    """Audit a refused "Seen" from a notification (who the token named, when it named one)."""
    await record(
        "alert.acknowledge",
        connection=request,
        actor_id=actor,
        actor_role="clinician" if actor else "",
        record_type="alert",
        record_id=alert_id,
        outcome="denied",
        detail=f"notification: {why}",
    )
    return refusal


class NotificationSeenController(Controller):
    """The "Seen" action of an alert's notification on a clinician's phone. The service worker
    cannot send the CSRF header, and the staff session may have ended: the notification's token
    (alerts.seen_token) is the proof, and this is the one route relais.web.csrf lets through
    without the header (same-site requests only)."""

    path = "/api/alerts"
    tags = ["alerts"]

    @post(
        "/{alert_id:uuid}/seen-from-notification",
        status_code=HTTP_200_OK,
        summary="Acknowledge an alert from its notification's action (token, no session needed)",
        description="Same effect as acknowledge, as the person the token was made for; refused "
        "when the token is forged, expired, made for another alert or person, or the alert "
        "was already seen.",
    )
    async def seen_from_notification(
        self, request: Request[Any, Any, Any], alert_id: uuid.UUID, data: JSONBody[SeenTokenIn]
    ) -> SeenOut:
        settings = request.app.state.settings
        now = db.utcnow()
        checked = seen_token.check(settings.secret_key, data.token, alert_id, now)
        if isinstance(checked, str):
            refusal = (
                Refusal("seen-token-expired", "forbidden")
                if checked == "expired"
                else Refusal("seen-token-invalid", "forbidden")
            )
            raise await _token_refused(request, alert_id, refusal, checked)
        who = checked.user_id
        signed_in = scope_user(request.scope)
        if signed_in is not None and signed_in.id != who:
            # The browser's session is someone else's: never act as another person here.
            raise await _token_refused(
                request, alert_id, Refusal("seen-token-other-person", "forbidden"), "other", who
            )
        user = await User.select().where(User.id == who).first()
        if user is None or not user["is_active"] or user["role"] != "clinician":
            raise await _token_refused(request, alert_id, service.not_found(), "account", who)
        if settings.staff_second_factor == "required" and not user["totp_enabled"]:
            raise await _token_refused(
                request, alert_id, Refusal("second-factor-needed", "forbidden"), "2fa", who
            )
        row = await Alert.select().where(Alert.id == alert_id).first()
        teams = await policy.staff_team_ids(who)
        as_them = CurrentUser(
            id=who,
            email=user["email"],
            display_name=user["display_name"],
            role=user["role"],
            locale=user["locale"],
            timezone=user["timezone"],
            totp_enabled=bool(user["totp_enabled"]),
            session_id="",
        )
        access = (
            await policy.access_for(as_them, row["patient"])
            if row is not None and _uuid_or_none(row["team"]) in teams
            else None
        )
        if row is None or access is None or not access.allows("manage"):
            raise await _token_refused(request, alert_id, service.not_found(), "access", who)
        if row["state"] != "open":
            raise await _token_refused(
                request, alert_id, Refusal("alert-already-seen", "conflict"), "not open", who
            )
        reopened = await AlertEvent.exists().where(
            (AlertEvent.alert == alert_id)
            & (AlertEvent.kind == "reopened")
            & (AlertEvent.at > checked.issued_at)
        )
        if reopened:
            # Made for the alert before it was closed and reopened: not for this episode.
            raise await _token_refused(
                request, alert_id, Refusal("seen-token-expired", "forbidden"), "reopened", who
            )
        done = await service.acknowledge(alert_id, who, now, detail="notification")
        await record(
            "alert.acknowledge",
            connection=request,
            actor_id=who,
            actor_role="clinician",
            record_type="patient",
            record_id=str(row["patient"]),
            patient_id=as_uuid(row["patient"]),
            detail="from the notification",
        )
        return SeenOut(
            id=alert_id, state=done["state"], acknowledged_at=_opt(done["acknowledged_at"])
        )


class PatientAlertController(Controller):
    path = "/api/patients/{patient_id:uuid}/alerts"
    tags = ["alerts"]
    guards = [require_user]

    @get("/", summary="A patient's alerts as they and their family see them")
    async def list_for_patient(
        self, request: Request[Any, Any, Any], patient_id: uuid.UUID
    ) -> list[PatientAlertOut]:
        access = await policy.require(
            request, patient_id, "results", audit_action="alert.patient_list"
        )
        staff = access.relation == "staff"
        rows = await (
            Alert.select(
                Alert.id,
                Alert.level,
                Alert.state,
                Alert.opened_at,
                Alert.acknowledged_at,
                Alert.kind,
                Alert.reasons,
                Alert.acknowledged_by,
                Alert.resolved_at,
                Alert.resolved_by,
                Alert.outcome,
                Alert.note,
                Alert.repeats,
                Alert.content_version,
            )
            .where(received_before(access.data_until, Alert.opened_at, Alert.patient == patient_id))
            .order_by(Alert.opened_at, ascending=False)
            .limit(200)
        )
        actors = await display_names(_actors(rows)) if staff else {}
        out = []
        for r in rows:
            shown = PatientAlertOut(
                id=r["id"],
                level=r["level"],
                state=r["state"],
                opened_at=as_utc(r["opened_at"]),
                acknowledged_at=_opt(r["acknowledged_at"]),
            )
            if staff:
                # The care team's own record: why, who saw it, who closed it, how.
                reasons = [str(x) for x in db.json_value(r["reasons"]) or []]
                shown = msgspec.structs.replace(
                    shown,
                    kind=r["kind"],
                    reasons=reasons,
                    why=_why(request, reasons),
                    content_version=r["content_version"],
                    checkins=1 + int(r["repeats"] or 0),
                    acknowledged_by_name=_name(actors, r["acknowledged_by"]),
                    resolved_at=_opt(r["resolved_at"]),
                    resolved_by_name=_name(actors, r["resolved_by"]),
                    outcome=r["outcome"],
                    note=r["note"],
                )
            out.append(shown)
        return out
