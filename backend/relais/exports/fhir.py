"""The patient's record as a FHIR R4 Bundle (type ``collection``), streamed.

Resources: Patient; RelatedPerson for each family member; CareTeam for each team; CarePlan for the
follow-up schedule; Questionnaire for each questionnaire answered and QuestionnaireResponse for
each answered set; Observation for each vital sign (LOINC code, UCUM unit from content/vitals.yaml)
and each questionnaire score; Flag for each alert; Communication for each message.

Every entry's ``fullUrl`` is ``urn:uuid:<id>`` and references point at those URNs, so the bundle
stands alone. Ids derived from a check-in (one Observation per vital sign) are UUID v5 of the
check-in id, stable from one export to the next.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Any

import msgspec

from relais.content.loader import ContentLibrary
from relais.db import as_utc, as_uuid
from relais.exports import data
from relais.exports.data import Subject

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"
NS = uuid.UUID("5f0c3a52-8c1e-4c4b-9a35-1f6a0d7e2b11")
CHUNK = 64 * 1024

GENDER = {"male": "male", "female": "female", "other": "other"}
RELATIONSHIP = {
    "parent": ("PRN", "parent"),
    "partner": ("SIGOTHR", "significant other"),
    "child": ("CHILD", "child"),
    "sibling": ("SIB", "sibling"),
    "caregiver": ("FAMMEMB", "family member"),
    "other": ("FAMMEMB", "family member"),
}
ITEM_TYPE = {"choice": "choice", "yesno": "boolean", "number": "decimal", "text": "text"}
SCHEDULE_STATUS = {"due": "scheduled", "done": "completed", "skipped": "cancelled"}

_encoder = msgspec.json.Encoder()


def urn(value: uuid.UUID | str) -> str:
    return f"urn:uuid:{value}"


def ref(value: uuid.UUID | str, display: str | None = None) -> dict[str, str]:
    out = {"reference": urn(value)}
    if display:
        out["display"] = display
    return out


def instant(value: dt.datetime) -> str:
    return as_utc(value).isoformat().replace("+00:00", "Z")


def questionnaire_id(qid: str) -> uuid.UUID:
    return uuid.uuid5(NS, f"questionnaire:{qid}")


def questionnaire_url(base: str, qid: str) -> str:
    return f"{base}/fhir/Questionnaire/{qid}"


def _text(text: dict[str, str], lang: str) -> str:
    return text.get(lang) or text.get("fr") or next(iter(text.values()), "")


# ---------------------------------------------------------------------------------------------
# Resources


def patient_resource(subject: Subject) -> dict[str, Any]:
    p = subject.patient
    res: dict[str, Any] = {
        "resourceType": "Patient",
        "id": str(subject.id),
        "active": p["status"] == "active",
        "name": [{"use": "official", "family": p["family_name"], "given": [p["given_name"]]}],
        "gender": GENDER.get(p["sex_at_birth"], "unknown"),
        "birthDate": p["birth_date"].isoformat(),
        "communication": [
            {
                "language": {
                    "coding": [{"system": "urn:ietf:bcp:47", "code": p["locale"]}],
                },
                "preferred": True,
            }
        ],
    }
    if p["phone"]:
        res["telecom"] = [{"system": "phone", "value": p["phone"], "use": "mobile"}]
    if p["gp_name"]:
        res["generalPractitioner"] = [{"display": p["gp_name"]}]
    return res


def related_person(subject: Subject, link: dict[str, Any]) -> dict[str, Any]:
    code, display = RELATIONSHIP.get(link["relationship"], RELATIONSHIP["other"])
    res: dict[str, Any] = {
        "resourceType": "RelatedPerson",
        "id": str(uuid.uuid5(subject.id, f"proxy:{link['id']}")),
        "active": link["ended_at"] is None,
        "patient": ref(subject.id),
        "relationship": [
            {
                "coding": [{"system": ROLE_CODE, "code": code, "display": display}],
                "text": link["relationship"],
            }
        ],
        "name": [{"text": link["user.display_name"] or ""}],
        "period": {"start": instant(link["created_at"])},
    }
    if link["ended_at"] is not None:
        res["period"]["end"] = instant(link["ended_at"])
    return res


def care_team(subject: Subject, team: dict[str, Any]) -> dict[str, Any]:
    res: dict[str, Any] = {
        "resourceType": "CareTeam",
        "id": str(as_uuid(team["id"])),
        "status": "active",
        "name": team["name"],
        "subject": ref(subject.id),
        "period": {"start": instant(team["linked_at"])},
        "participant": [
            {
                "role": [{"text": m["role"] + (" (lead)" if m["is_lead"] else "")}],
                "member": {"display": m["user.display_name"] or ""},
            }
            for m in team["members"]
        ],
    }
    if team["phone"]:
        res["telecom"] = [{"system": "phone", "value": team["phone"], "use": "work"}]
    if not res["participant"]:
        del res["participant"]
    return res


def care_plan(
    subject: Subject, plan_title: str, items: list[dict[str, Any]], team_ids: list[str]
) -> dict[str, Any]:
    res: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": str(uuid.uuid5(subject.id, "careplan")),
        "status": "active" if subject.patient["status"] == "active" else "completed",
        "intent": "plan",
        "title": plan_title or subject.patient["plan_id"] or "follow-up",
        "subject": ref(subject.id),
    }
    if team_ids:
        res["careTeam"] = [ref(t) for t in team_ids]
    activities = []
    for it in items:
        detail: dict[str, Any] = {
            "status": SCHEDULE_STATUS.get(it["status"], "unknown"),
            "code": {"text": it["plan_item_id"]},
            "scheduledPeriod": {"start": instant(it["due_at"]), "end": instant(it["window_end"])},
            "description": it["kind"],
        }
        activities.append({"detail": detail})
    if activities:
        res["activity"] = activities
    return res


def questionnaire_resource(
    library: ContentLibrary, base: str, qid: str, lang: str
) -> dict[str, Any]:
    q = library.questionnaires[qid]
    items = []
    for item in q.items:
        out: dict[str, Any] = {
            "linkId": item.id,
            "text": _text(item.text, lang),
            "type": ITEM_TYPE[item.type],
            "required": not item.optional,
        }
        if item.type == "choice":
            out["answerOption"] = [
                {"valueCoding": {"code": str(o.value), "display": _text(o.label, lang)}}
                for o in q.options_of(item)
            ]
        items.append(out)
    return {
        "resourceType": "Questionnaire",
        "id": str(questionnaire_id(qid)),
        "url": questionnaire_url(base, qid),
        "version": library.version,
        "name": qid.replace("_", " ").title().replace(" ", ""),
        "title": _text(q.title, lang),
        "status": "active",
        "subjectType": ["Patient"],
        "item": items,
    }


def _answer(item: Any, q: Any, value: Any, lang: str) -> dict[str, Any] | None:
    if value is None:
        return None
    kind = item.type if item is not None else None
    if kind == "choice":
        label = next(
            (_text(o.label, lang) for o in q.options_of(item) if o.value == value), str(value)
        )
        return {"valueCoding": {"code": str(value), "display": label}}
    if kind == "yesno" or isinstance(value, bool):
        return {"valueBoolean": bool(value)}
    if isinstance(value, int | float):
        return {"valueDecimal": value}
    return {"valueString": str(value)}


def checkin_resources(
    library: ContentLibrary,
    base: str,
    subject: Subject,
    row: dict[str, Any],
    vitals: dict[str, Any],
    authors: dict[uuid.UUID, dict[str, Any]],
    seen_questionnaires: set[str],
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cid: uuid.UUID = row["id"]
    when = instant(row["taken_at"])
    by_q: dict[str, list[dict[str, Any]]] = {}
    for item_id, value in row["answers"].items():
        found = library.item(item_id)
        if found is None:
            continue
        q, item = found
        answer = _answer(item, q, value, subject.lang)
        if answer is None:
            continue
        by_q.setdefault(q.id, []).append(
            {"linkId": item_id, "text": _text(item.text, subject.lang), "answer": [answer]}
        )
    qr_ids: dict[str, uuid.UUID] = {}
    author = None
    if row["submitted_by"] is not None:
        who = authors.get(as_uuid(row["submitted_by"]))
        if who is not None:
            author = {"display": who["display_name"]}
    for qid, items in by_q.items():
        seen_questionnaires.add(qid)
        qr_id = uuid.uuid5(cid, f"qr:{qid}")
        qr_ids[qid] = qr_id
        qr: dict[str, Any] = {
            "resourceType": "QuestionnaireResponse",
            "id": str(qr_id),
            "questionnaire": f"{questionnaire_url(base, qid)}|{library.version}",
            "status": "completed",
            "subject": ref(subject.id),
            "authored": when,
            "item": items,
        }
        if author:
            qr["author"] = author
        out.append(qr)
    for name, value in row["vitals"].items():
        if value is None:
            continue
        vdef = vitals.get(name)
        obs: dict[str, Any] = {
            "resourceType": "Observation",
            "id": str(uuid.uuid5(cid, f"vital:{name}")),
            "status": "final",
            "category": [
                {
                    "coding": [
                        {"system": OBS_CATEGORY, "code": "vital-signs", "display": "Vital Signs"}
                    ]
                }
            ],
            "subject": ref(subject.id),
            "effectiveDateTime": when,
        }
        if vdef is not None:
            obs["code"] = {
                "coding": [
                    {"system": LOINC, "code": vdef.loinc, "display": _text(vdef.label, "en")}
                ],
                "text": _text(vdef.label, subject.lang),
            }
            obs["valueQuantity"] = {
                "value": value,
                "unit": vdef.symbol,
                "system": UCUM,
                "code": vdef.unit,
            }
        else:
            obs["code"] = {"text": name}
            obs["valueQuantity"] = {"value": value}
        out.append(obs)
    for qid, total in row["scores"].items():
        scored = library.questionnaires.get(qid)
        obs = {
            "resourceType": "Observation",
            "id": str(uuid.uuid5(cid, f"score:{qid}")),
            "status": "final",
            "category": [
                {"coding": [{"system": OBS_CATEGORY, "code": "survey", "display": "Survey"}]}
            ],
            "code": {"text": _text(scored.title, subject.lang) if scored else qid},
            "subject": ref(subject.id),
            "effectiveDateTime": when,
            "valueQuantity": {"value": total, "system": UCUM, "code": "{score}", "unit": "score"},
        }
        if qid in qr_ids:
            obs["derivedFrom"] = [ref(qr_ids[qid])]
        out.append(obs)
    return out


def flag_resource(
    subject: Subject, alert: dict[str, Any], reasons: dict[str, tuple[str, dict[str, str]]]
) -> dict[str, Any]:
    lang = subject.lang
    level = alert["level"]
    words = {"fr": {"red": "Alerte rouge", "amber": "Alerte orange"},
             "en": {"red": "Red alert", "amber": "Amber alert"}}  # fmt: skip
    texts = [_text(reasons[r][1], lang) if r in reasons else r for r in alert["reasons"]]
    res: dict[str, Any] = {
        "resourceType": "Flag",
        "id": str(as_uuid(alert["id"])),
        "status": "active" if alert["state"] != "resolved" else "inactive",
        "category": [
            {"coding": [{"system": FLAG_CATEGORY, "code": "clinical", "display": "Clinical"}]}
        ],
        "code": {
            "coding": [{"system": "urn:relais:rule", "code": r} for r in alert["reasons"]],
            "text": f"{words.get(lang, words['en']).get(level, level)}: " + "; ".join(texts),
        },
        "subject": ref(subject.id),
        "period": {"start": instant(alert["opened_at"])},
        "author": {"reference": urn(as_uuid(alert["team"])), "display": alert["team.name"]},
    }
    if not res["code"]["coding"]:
        del res["code"]["coding"]
    if alert["resolved_at"] is not None:
        res["period"]["end"] = instant(alert["resolved_at"])
    return res


def communication_resource(
    subject: Subject, msg: dict[str, Any], authors: dict[uuid.UUID, dict[str, Any]]
) -> dict[str, Any]:
    author = authors.get(as_uuid(msg["author"])) if msg.get("author") is not None else None
    res: dict[str, Any] = {
        "resourceType": "Communication",
        "id": str(uuid.uuid5(subject.id, f"message:{msg['id']}")),
        "status": "completed",
        "subject": ref(subject.id),
        "sent": instant(msg["created_at"]),
        "payload": [{"contentString": msg["body"]}],
    }
    if author is not None:
        res["sender"] = {"display": author["display_name"]}
    return res


# ---------------------------------------------------------------------------------------------
# The streamed bundle


class _Chunks:
    """Entries encoded one by one and handed out in ~64 KiB chunks."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.first = True

    def add(self, resource: dict[str, Any]) -> None:
        entry = _encoder.encode({"fullUrl": urn(resource["id"]), "resource": resource})
        if not self.first:
            entry = b"," + entry
        self.first = False
        self.parts.append(entry)
        self.size += len(entry)

    def full(self) -> bool:
        return self.size >= CHUNK

    def take(self) -> bytes:
        out = b"".join(self.parts)
        self.parts, self.size = [], 0
        return out


async def bundle(
    library: ContentLibrary, subject: Subject, base: str, now: dt.datetime
) -> AsyncIterator[bytes]:
    """Yield the bundle's JSON in chunks; at most one batch of check-ins is held at a time."""
    head = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": {"lastUpdated": instant(now)},
        "type": "collection",
        "timestamp": instant(now),
    }
    yield _encoder.encode(head)[:-1] + b',"entry":['
    out = _Chunks()
    out.add(patient_resource(subject))
    for link in await data.proxies(subject.id):
        out.add(related_person(subject, link))
    team_rows = await data.teams(subject.id)
    for team in team_rows:
        out.add(care_team(subject, team))
    plan = library.plan(subject.patient["plan_id"])
    plan_title = _text(plan.title, subject.lang) if plan is not None else ""
    out.add(
        care_plan(
            subject, plan_title, await data.schedule(subject.id), [str(t["id"]) for t in team_rows]
        )
    )
    vitals = data.vital_defs(library)
    seen: set[str] = set()
    authors: dict[uuid.UUID, dict[str, Any]] = {}
    async for rows in data.iter_checkins(subject.id, subject.until, hidden=subject.hidden):
        wanted = {as_uuid(r["submitted_by"]) for r in rows if r["submitted_by"] is not None}
        missing = wanted - authors.keys()
        if missing:
            authors.update(await data.user_names(missing))
        for row in rows:
            for res in checkin_resources(library, base, subject, row, vitals, authors, seen):
                out.add(res)
        if out.full():
            yield out.take()
    for qid in sorted(seen):
        out.add(questionnaire_resource(library, base, qid, subject.lang))
    reasons = data.rule_reasons(library)
    for alert in await data.alerts(subject.id, subject.until, subject.hidden):
        out.add(flag_resource(subject, alert, reasons))
    msgs = await data.messages(subject.id, subject.until)
    if msgs:
        authors.update(
            await data.user_names({as_uuid(m["author"]) for m in msgs if m.get("author")})
        )
        for msg in msgs:
            out.add(communication_resource(subject, msg, authors))
    yield out.take() + b"]}"
