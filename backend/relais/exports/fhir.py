"""The patient's record as a FHIR R4 Bundle (type ``collection``), streamed.

Resources:

- Patient; RelatedPerson for each family member; Practitioner for the GP, each team member and
  the hand-over's referent; Organization and CareTeam for each team;
- CarePlan for the follow-up schedule; the discharge hand-over as a CarePlan whose activities are
  a MedicationRequest per prescription line and the next Appointment (at a Location);
- QuestionnaireResponse for each answered set (check-ins, a child's development checks,
  wellbeing screens, the return-to-school checklist) and the Questionnaire it answers;
- Observation for each vital sign, conforming to the R4 vital-signs profiles (blood pressure as
  the 85354-9 panel with its 8480-6 and 8462-4 components, SpO2 with 2708-6 and 59408-5), each
  score (LOINC where content gives a code), each of a child's growth measurements (29463-7,
  8302-2, 9843-4) and the WHO z-score of each indicator (a related Observation derived from them,
  its centile a component);
- Flag for each alert, authored by the team's Organization; Communication for each message;
- CodeSystem for each of Relais' own code systems used (``relais.exports.codes``).

Every entry's ``fullUrl`` is ``urn:uuid:<id>`` and every reference points at one of them, so the
bundle stands alone. Ids are UUID v5 of the stored ids, stable from one export to the next.
Empty strings, lists and objects are left out (FHIR forbids them).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import msgspec

from relais.content.loader import ContentLibrary
from relais.content.schemas import Questionnaire
from relais.db import as_utc, as_uuid
from relais.exports import codes, data
from relais.exports.codes import LOINC, UCUM
from relais.exports.data import Growth, Subject

OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"
ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
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
GROWTH_MEASURES = ("weight_kg", "length_cm", "head_cm")
NEEDS = {
    "weight_kg": ["weight_kg"],
    "length_cm": ["length_cm"],
    "head_cm": ["head_cm"],
    "bmi": ["weight_kg", "length_cm"],
}

WORDS = {
    "fr": {
        "red": "Alerte rouge",
        "amber": "Alerte orange",
        "handover": "Transmission de sortie",
        "growth_ref": "Normes de croissance de l'OMS",
        "due_on": "À faire pour le",
        "done_on": "Fait le",
        "responsible": "Qui s'en occupe",
        "note": "Note",
        "state": "État",
        "documents": "Documents remis",
    },
    "en": {
        "red": "Red alert",
        "amber": "Amber alert",
        "handover": "Discharge hand-over",
        "growth_ref": "WHO growth standards",
        "due_on": "Due on",
        "done_on": "Done on",
        "responsible": "Who takes care of it",
        "note": "Note",
        "state": "State",
        "documents": "Documents given",
    },
}

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


def coding(system: str, code: str, display: str | None = None) -> dict[str, str]:
    out = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def clean(value: Any) -> Any:
    """Without None, empty strings, lists and objects, at any depth (FHIR refuses them). One pass,
    run on every resource of the bundle (bench/export.py)."""
    kind = type(value)
    if kind is dict:
        out = {}
        for k, v in value.items():
            t = type(v)
            if t is dict or t is list:
                v = clean(v)
                if not v:
                    continue
            elif v is None or (t is str and not v):
                continue
            out[k] = v
        return out
    if kind is list:
        items = []
        for v in value:
            t = type(v)
            if t is dict or t is list:
                v = clean(v)
                if not v:
                    continue
            elif v is None or (t is str and not v):
                continue
            items.append(v)
        return items
    return value


def questionnaire_id(qid: str) -> uuid.UUID:
    return uuid.uuid5(NS, f"questionnaire:{qid}")


def questionnaire_url(base: str, qid: str) -> str:
    return f"{base}/fhir/Questionnaire/{qid}"


def _text(text: dict[str, str], lang: str) -> str:
    return codes.text(text, lang)


def _words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["en"])


def _category(code: str, display: str) -> list[dict[str, Any]]:
    return [{"coding": [coding(OBS_CATEGORY, code, display)]}]


@dataclass
class People:
    """Who is who in the bundle: a user id -> the reference of their resource."""

    refs: dict[uuid.UUID, dict[str, str]] = field(default_factory=dict)
    names: dict[uuid.UUID, str] = field(default_factory=dict)

    def of(self, user_id: Any) -> dict[str, str] | None:
        if user_id is None:
            return None
        uid = as_uuid(user_id)
        found = self.refs.get(uid)
        if found is not None:
            return found
        name = self.names.get(uid)
        return {"display": name} if name else None


@dataclass
class Used:
    """The code systems and questionnaires the bundle's resources use (written at its end)."""

    questionnaires: set[str] = field(default_factory=set)
    checks: set[str] = field(default_factory=set)
    growth: bool = False


# ---------------------------------------------------------------------------------------------
# People and teams


def patient_resource(subject: Subject, gp: uuid.UUID | None) -> dict[str, Any]:
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
                "language": {"coding": [coding("urn:ietf:bcp:47", p["locale"])]},
                "preferred": True,
            }
        ],
    }
    if p["phone"]:
        res["telecom"] = [{"system": "phone", "value": p["phone"], "use": "mobile"}]
    if gp is not None:
        res["generalPractitioner"] = [ref(gp, p["gp_name"])]
    return res


def practitioner(pid: uuid.UUID, name: str, phone: str = "") -> dict[str, Any]:
    return {
        "resourceType": "Practitioner",
        "id": str(pid),
        "name": [{"text": name}],
        "telecom": [{"system": "phone", "value": phone, "use": "work"}] if phone else [],
    }


def related_person(subject: Subject, link: dict[str, Any]) -> dict[str, Any]:
    code, display = RELATIONSHIP.get(link["relationship"], RELATIONSHIP["other"])
    res: dict[str, Any] = {
        "resourceType": "RelatedPerson",
        "id": str(uuid.uuid5(subject.id, f"proxy:{link['id']}")),
        "active": link["ended_at"] is None,
        "patient": ref(subject.id),
        "relationship": [
            {"coding": [coding(ROLE_CODE, code, display)], "text": link["relationship"]}
        ],
        "name": [{"text": link["user.display_name"] or ""}],
        "period": {"start": instant(link["created_at"])},
    }
    if link["ended_at"] is not None:
        res["period"]["end"] = instant(link["ended_at"])
    return res


def organization_id(team_id: Any) -> uuid.UUID:
    return uuid.uuid5(as_uuid(team_id), "organization")


def organization(team_id: Any, name: str, phone: str = "") -> dict[str, Any]:
    return {
        "resourceType": "Organization",
        "id": str(organization_id(team_id)),
        "active": True,
        "name": name,
        "telecom": [{"system": "phone", "value": phone, "use": "work"}] if phone else [],
    }


def member_id(team_id: Any, user_id: Any) -> uuid.UUID:
    return uuid.uuid5(as_uuid(team_id), f"member:{user_id}")


def care_team(subject: Subject, team: dict[str, Any]) -> dict[str, Any]:
    res: dict[str, Any] = {
        "resourceType": "CareTeam",
        "id": str(as_uuid(team["id"])),
        "status": "active",
        "name": team["name"],
        "subject": ref(subject.id),
        "period": {"start": instant(team["linked_at"])},
        "managingOrganization": [ref(organization_id(team["id"]), team["name"])],
        "participant": [
            {
                "role": [{"text": m["role"] + (" (lead)" if m["is_lead"] else "")}],
                "member": ref(member_id(team["id"], m["user"]), m["user.display_name"]),
                "onBehalfOf": ref(organization_id(team["id"])),
            }
            for m in team["members"]
        ],
    }
    if team["phone"]:
        res["telecom"] = [{"system": "phone", "value": team["phone"], "use": "work"}]
    return res


def care_plan(
    library: ContentLibrary,
    subject: Subject,
    plan_title: str,
    items: list[dict[str, Any]],
    team_ids: list[str],
) -> dict[str, Any]:
    plan_id = subject.patient["plan_id"]
    known = library.plan(plan_id) is not None
    res: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": str(uuid.uuid5(subject.id, "careplan")),
        "status": "active" if subject.patient["status"] == "active" else "completed",
        "intent": "plan",
        "title": plan_title or plan_id or "follow-up",
        "subject": ref(subject.id),
        "careTeam": [ref(t) for t in team_ids],
    }
    activities = []
    for it in items:
        code: dict[str, Any] = {"text": it["plan_item_id"]}
        if known:
            code = {"coding": [coding(codes.plan_system(plan_id), it["plan_item_id"])]}
        detail: dict[str, Any] = {
            "status": SCHEDULE_STATUS.get(it["status"], "unknown"),
            "code": code,
            "scheduledPeriod": {"start": instant(it["due_at"]), "end": instant(it["window_end"])},
            "description": it["kind"],
        }
        activities.append({"detail": detail})
    res["activity"] = activities
    return res


# ---------------------------------------------------------------------------------------------
# The discharge hand-over: CarePlan, MedicationRequest, Appointment


def handover_resources(
    subject: Subject, h: dict[str, Any], team_ids: list[str]
) -> list[dict[str, Any]]:
    pid = subject.id
    w = _words(subject.lang)
    out: list[dict[str, Any]] = []
    activities: list[dict[str, Any]] = []
    updated = instant(h["updated_at"]) if h["updated_at"] is not None else None
    referent = None
    if h["referent_name"] or h["referent_phone"]:
        referent = uuid.uuid5(pid, "handover:referent")
        out.append(
            practitioner(referent, h["referent_name"] or h["referent_phone"], h["referent_phone"])
        )
    lines = [line.strip(" -•\t") for line in (h["prescriptions"] or "").splitlines()]
    for i, line in enumerate(x for x in lines if x):
        mr_id = uuid.uuid5(pid, f"handover:prescription:{i}")
        out.append(
            {
                "resourceType": "MedicationRequest",
                "id": str(mr_id),
                "status": "active",
                "intent": "order",
                "medicationCodeableConcept": {"text": line},
                "subject": ref(pid),
                "authoredOn": updated,
                "dosageInstruction": [{"text": line}],
            }
        )
        activities.append({"reference": ref(mr_id)})
    if h["next_appointment_at"] is not None:
        at = instant(h["next_appointment_at"])
        ap_id = uuid.uuid5(pid, "handover:appointment")
        participants: list[dict[str, Any]] = [
            {"actor": ref(pid), "required": "required", "status": "accepted"}
        ]
        if h["next_appointment_place"]:
            loc_id = uuid.uuid5(pid, "handover:place")
            out.append(
                {
                    "resourceType": "Location",
                    "id": str(loc_id),
                    "status": "active",
                    "name": h["next_appointment_place"],
                }
            )
            participants.append(
                {"actor": ref(loc_id, h["next_appointment_place"]), "status": "accepted"}
            )
        out.append(
            {
                "resourceType": "Appointment",
                "id": str(ap_id),
                "status": "booked",
                "description": h["next_appointment_reason"],
                # Only the start is known: FHIR asks for both ends (app-2), so the end is the start.
                "start": at,
                "end": at,
                "created": updated[:10] if updated else None,
                "participant": participants,
            }
        )
        activities.append({"reference": ref(ap_id)})
    docs = [str(d) for d in h["documents_given"] or []]
    out.append(
        {
            "resourceType": "CarePlan",
            "id": str(uuid.uuid5(pid, "handover")),
            "status": "active",
            "intent": "plan",
            "title": w["handover"],
            "description": h["summary"],
            "subject": ref(pid),
            "created": updated,
            "contributor": [ref(referent, h["referent_name"])] if referent else [],
            "careTeam": [ref(t) for t in team_ids],
            "activity": activities,
            "note": [{"text": f"{w['documents']}: " + ", ".join(docs)}] if docs else [],
        }
    )
    return out


# ---------------------------------------------------------------------------------------------
# Questionnaires and their responses


def _answer_options(q: Questionnaire, item: Any, lang: str) -> list[dict[str, Any]]:
    system = codes.answer_system(q, item)
    return [
        {"valueCoding": coding(system, str(o.value), _text(o.label, lang))}
        for o in q.options_of(item)
    ]


def questionnaire_resource(
    library: ContentLibrary, base: str, qid: str, lang: str
) -> dict[str, Any]:
    q = library.questionnaires[qid]
    items = []
    for item in q.items:
        out: dict[str, Any] = {
            "linkId": item.id,
            "code": [coding(codes.questionnaire_system(qid), item.id)],
            "text": _text(item.text, lang),
            "type": ITEM_TYPE[item.type],
            "required": not item.optional,
        }
        if item.type == "choice":
            out["answerOption"] = _answer_options(q, item, lang)
        items.append(out)
    res = _questionnaire(library, base, qid, _text(q.title, lang), items)
    wellbeing = library.children.wellbeing if library.children is not None else None
    screen = wellbeing.screen(qid) if wellbeing is not None else None
    if screen is not None and screen.respondent == "parent":
        res["subjectType"] = ["Patient", "RelatedPerson"]  # a parent's own screen is about them
    return res


def _questionnaire(
    library: ContentLibrary, base: str, qid: str, title: str, items: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "resourceType": "Questionnaire",
        "id": str(questionnaire_id(qid)),
        "url": questionnaire_url(base, qid),
        "version": library.version,
        "name": "Relais" + "".join(w.title() for w in qid.replace("-", "_").split("_")),
        "title": title,
        "status": "active",
        "subjectType": ["Patient"],
        "item": items,
    }


def _answer(item: Any, q: Questionnaire, value: Any, lang: str) -> dict[str, Any] | None:
    if value is None:
        return None
    kind = item.type if item is not None else None
    if kind == "choice":
        label = next(
            (_text(o.label, lang) for o in q.options_of(item) if o.value == value), str(value)
        )
        return {"valueCoding": coding(codes.answer_system(q, item), str(value), label)}
    if kind == "yesno" or isinstance(value, bool):
        return {"valueBoolean": bool(value)}
    if isinstance(value, int | float):
        return {"valueDecimal": value}
    return {"valueString": str(value)}


def answer_items(
    library: ContentLibrary, answers: dict[str, Any], lang: str, only: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Answers grouped by questionnaire (QuestionnaireResponse items), in the content's order."""
    by_q: dict[str, list[dict[str, Any]]] = {}
    for item_id, value in answers.items():
        found = library.item(item_id)
        if found is None:
            continue
        q, item = found
        if only is not None and q.id != only:
            continue
        answer = _answer(item, q, value, lang)
        if answer is None or (isinstance(value, str) and not value.strip()):
            continue
        by_q.setdefault(q.id, []).append(
            {"linkId": item_id, "text": _text(item.text, lang), "answer": [answer]}
        )
    for qid, items in by_q.items():
        order = {it.id: i for i, it in enumerate(library.questionnaires[qid].items)}
        items.sort(key=lambda x: order.get(x["linkId"], 0))
    return by_q


def score_observation(
    library: ContentLibrary,
    subject: Subject,
    obs_id: uuid.UUID,
    qid: str,
    total: float,
    when: str,
    derived: uuid.UUID | None,
    focus: dict[str, str] | None = None,
) -> dict[str, Any]:
    q = library.questionnaires.get(qid)
    title = _text(q.title, subject.lang) if q is not None else qid
    scoring = q.scoring if q is not None else None
    if scoring is not None and scoring.loinc:
        code = {"coding": [coding(LOINC, scoring.loinc)], "text": title}
    else:
        code = {"coding": [coding(codes.questionnaire_system(qid), codes.TOTAL)], "text": title}
    return {
        "resourceType": "Observation",
        "id": str(obs_id),
        "status": "final",
        "category": _category("survey", "Survey"),
        "code": code,
        "subject": ref(subject.id),
        "focus": [focus] if focus else [],
        "effectiveDateTime": when,
        "valueQuantity": {"value": total, "system": UCUM, "code": "{score}", "unit": "score"},
        "derivedFrom": [ref(derived)] if derived else [],
    }


# ---------------------------------------------------------------------------------------------
# Check-ins: answers, vital signs, scores


def vital_observations(
    subject: Subject, cid: uuid.UUID, when: str, values: dict[str, Any], vitals: Any
) -> list[dict[str, Any]]:
    """The check-in's vital signs, each an Observation of its R4 vital-signs profile; those of a
    panel (blood pressure) one Observation with a component each."""
    defs = {v.name: v for v in (getattr(vitals, "vitals", None) or [])}
    panels = list(getattr(vitals, "panels", None) or [])
    in_panel = {c for p in panels for c in p.components}
    out: list[dict[str, Any]] = []

    def base(name: str, profile: str | None) -> dict[str, Any]:
        return {
            "resourceType": "Observation",
            "id": str(uuid.uuid5(cid, f"vital:{name}")),
            "meta": {"profile": [profile]} if profile else {},
            "status": "final",
            "category": _category("vital-signs", "Vital Signs"),
            "subject": ref(subject.id),
            "effectiveDateTime": when,
        }

    def concept(v: Any) -> dict[str, Any]:
        return {
            "coding": [coding(LOINC, c, _text(v.label, "en") if c == v.loinc else None)
                       for c in [*v.codes, v.loinc]],
            "text": _text(v.label, subject.lang),
        }  # fmt: skip

    def quantity(v: Any, value: Any) -> dict[str, Any]:
        return {"value": value, "unit": v.symbol, "system": UCUM, "code": v.unit}

    for name, value in values.items():
        if value is None or name in in_panel:
            continue
        v = defs.get(name)
        obs = base(name, v.profile if v else None)
        if v is not None:
            obs["code"] = concept(v)
            obs["valueQuantity"] = quantity(v, value)
        else:  # a vital sign the content no longer lists: kept, described by its name
            obs["code"] = {"text": name}
            obs["valueQuantity"] = {"value": value}
        out.append(obs)
    for panel in panels:
        if all(values.get(c) is None for c in panel.components):
            continue
        obs = base(panel.name, panel.profile)
        obs["code"] = {
            "coding": [coding(LOINC, panel.loinc, _text(panel.label, "en"))],
            "text": _text(panel.label, subject.lang),
        }
        components = []
        for c in panel.components:
            v = defs[c]
            component: dict[str, Any] = {"code": concept(v)}
            if values.get(c) is None:
                component["dataAbsentReason"] = {
                    "coding": [coding(ABSENT, "not-performed", "Not Performed")]
                }
            else:
                component["valueQuantity"] = quantity(v, values[c])
            components.append(component)
        obs["component"] = components
        out.append(obs)
    return out


def checkin_resources(
    library: ContentLibrary,
    base: str,
    subject: Subject,
    row: dict[str, Any],
    people: People,
    used: Used,
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cid: uuid.UUID = row["id"]
    when = instant(row["taken_at"])
    qr_ids: dict[str, uuid.UUID] = {}
    author = people.of(row["submitted_by"])
    for qid, items in answer_items(library, row["answers"], subject.lang).items():
        used.questionnaires.add(qid)
        qr_id = uuid.uuid5(cid, f"qr:{qid}")
        qr_ids[qid] = qr_id
        out.append(
            {
                "resourceType": "QuestionnaireResponse",
                "id": str(qr_id),
                "questionnaire": f"{questionnaire_url(base, qid)}|{library.version}",
                "status": "completed",
                "subject": ref(subject.id),
                "authored": when,
                "author": author,
                "item": items,
            }
        )
    out += vital_observations(subject, cid, when, row["vitals"], library.vitals)
    for qid, total in row["scores"].items():
        if qid in library.questionnaires:
            used.questionnaires.add(qid)
        out.append(
            score_observation(
                library, subject, uuid.uuid5(cid, f"score:{qid}"), qid, total, when,
                qr_ids.get(qid),
            )
        )  # fmt: skip
    return out


# ---------------------------------------------------------------------------------------------
# Alerts and messages


def flag_resource(
    subject: Subject, alert: dict[str, Any], reasons: dict[str, tuple[str, dict[str, str]]]
) -> dict[str, Any]:
    lang = subject.lang
    level = alert["level"]
    texts = [_text(reasons[r][1], lang) if r in reasons else r for r in alert["reasons"]]
    res: dict[str, Any] = {
        "resourceType": "Flag",
        "id": str(as_uuid(alert["id"])),
        "status": "active" if alert["state"] != "resolved" else "inactive",
        "category": [{"coding": [coding(FLAG_CATEGORY, "clinical", "Clinical")]}],
        "code": {
            "coding": [
                coding(codes.RULES, r, _text(reasons[r][1], lang))
                if r in reasons
                else coding(codes.CHILD_ALERTS, r)
                for r in alert["reasons"]
            ],
            "text": f"{_words(lang).get(level, level)}: " + "; ".join(texts),
        },
        "subject": ref(subject.id),
        "period": {"start": instant(alert["opened_at"])},
        # R4 allows a Flag's author to be an Organization, not a CareTeam: the team's own.
        "author": ref(organization_id(alert["team"]), alert["team.name"]),
    }
    if alert["resolved_at"] is not None:
        res["period"]["end"] = instant(alert["resolved_at"])
    return res


def communication_resource(subject: Subject, msg: dict[str, Any], people: People) -> dict[str, Any]:
    return {
        "resourceType": "Communication",
        "id": str(uuid.uuid5(subject.id, f"message:{msg['id']}")),
        "status": "completed",
        "subject": ref(subject.id),
        "sent": instant(msg["created_at"]),
        "sender": people.of(msg.get("author")),
        "payload": [{"contentString": msg["body"]}],
    }


# ---------------------------------------------------------------------------------------------
# Children: growth, development, wellbeing, school


def growth_resources(
    library: ContentLibrary, subject: Subject, m: Growth, people: People
) -> list[dict[str, Any]]:
    children = library.children
    config = children.growth if children is not None else None
    if config is None or config.codes is None:
        return []
    row = m.row
    mid = as_uuid(row["id"])
    when = row["measured_on"].isoformat()
    performer = people.of(row["entered_by"])
    out: list[dict[str, Any]] = []
    made: dict[str, uuid.UUID] = {}
    for measure in GROWTH_MEASURES:
        value = row[measure]
        if value is None:
            continue
        mc = getattr(config.codes, measure)
        extra = {"recumbent": mc.recumbent, "standing": mc.standing}.get(m.position or "")
        obs_id = uuid.uuid5(mid, f"growth:{measure}")
        made[measure] = obs_id
        out.append(
            {
                "resourceType": "Observation",
                "id": str(obs_id),
                "meta": {"profile": [mc.profile]},
                "status": "final",
                "category": _category("vital-signs", "Vital Signs"),
                "code": {"coding": [coding(LOINC, mc.loinc)] + ([coding(LOINC, extra)]
                                                                 if extra else [])},
                "subject": ref(subject.id),
                "effectiveDateTime": when,
                "performer": [performer] if performer and "reference" in performer else [],
                "valueQuantity": {"value": value, "unit": mc.unit, "system": UCUM,
                                  "code": mc.unit},
                "note": [{"text": row["note"]}] if row["note"] else [],
            }
        )  # fmt: skip
    references = {r.id: _text(r.title, subject.lang) for r in config.references}
    measure_of = {i.id: i.measure for i in config.indicators}
    titles = {i.id: _text(i.title, subject.lang) for i in config.indicators}
    for z in m.scores:
        # What the z-score is computed from: its measure, and the length it is placed against.
        needs = NEEDS.get(measure_of.get(z.indicator, ""), [])
        if z.indicator == "weight_for_length_height":
            needs = NEEDS["bmi"]
        out.append(
            {
                "resourceType": "Observation",
                "id": str(uuid.uuid5(mid, f"growth:z:{z.indicator}")),
                "status": "final",
                "category": _category("exam", "Exam"),
                "code": {
                    "coding": [coding(codes.GROWTH, z.indicator, titles.get(z.indicator))],
                    "text": f"{titles.get(z.indicator, z.indicator)} (z)",
                },
                "subject": ref(subject.id),
                "effectiveDateTime": when,
                "valueQuantity": {"value": z.z, "unit": "z", "system": UCUM, "code": "{z-score}"},
                "method": {"text": references.get(z.reference, z.reference)},
                "derivedFrom": [ref(made[n]) for n in needs if n in made],
                "component": [
                    {
                        "code": {"coding": [coding(codes.GROWTH, codes.CENTILE, "Centile")]},
                        "valueQuantity": {
                            "value": z.centile, "unit": "%", "system": UCUM, "code": "%",
                        },
                    }
                ],
            }
        )  # fmt: skip
    return out


def milestone_questionnaire(
    library: ContentLibrary, base: str, check_id: str, lang: str
) -> dict[str, Any] | None:
    children = library.children
    check = children.check(check_id) if children is not None else None
    if check is None or children is None:
        return None
    guidance = children.milestone_guidance
    options = []
    for key in ("yes", "not_yet", "not_sure"):
        label = _text(getattr(guidance.answers, key), lang) if guidance else key
        options.append({"valueCoding": coding(codes.MILESTONE_ANSWERS, key, label)})
    items = [
        {
            "linkId": m.id,
            "code": [coding(codes.MILESTONES, m.id)],
            "text": _text(m.text, lang),
            "type": "choice",
            "answerOption": options,
        }
        for m in check.milestones
    ]
    return _questionnaire(library, base, f"milestones-{check_id}", _text(check.title, lang), items)


def development_response(
    library: ContentLibrary, base: str, subject: Subject, row: dict[str, Any], people: People
) -> dict[str, Any]:
    children = library.children
    guidance = children.milestone_guidance if children is not None else None
    check = children.check(row["check_id"]) if children is not None else None
    texts = {m.id: _text(m.text, subject.lang) for m in (check.milestones if check else [])}
    order = list(texts)
    items = []
    for mid, answer in sorted(
        row["answers"].items(), key=lambda a: order.index(a[0]) if a[0] in order else 0
    ):
        label = _text(getattr(guidance.answers, answer), subject.lang) if guidance else answer
        items.append(
            {
                "linkId": mid,
                "text": texts.get(mid),
                "answer": [{"valueCoding": coding(codes.MILESTONE_ANSWERS, answer, label)}],
            }
        )
    qid = f"milestones-{row['check_id']}"
    return {
        "resourceType": "QuestionnaireResponse",
        "id": str(uuid.uuid5(as_uuid(row["id"]), "development")),
        "questionnaire": f"{questionnaire_url(base, qid)}|{library.version}",
        "status": "completed",
        "subject": ref(subject.id),
        "authored": instant(row["answered_at"]),
        "author": people.of(row["submitted_by"]),
        "item": items,
    }


def wellbeing_resources(
    library: ContentLibrary,
    base: str,
    subject: Subject,
    row: dict[str, Any],
    people: People,
    used: Used,
) -> list[dict[str, Any]]:
    qid = row["questionnaire_id"]
    when = instant(row["taken_at"])
    sid = as_uuid(row["id"])
    respondent = people.of(row["respondent_user"])
    about_parent = row["respondent"] == "parent" and respondent and "reference" in respondent
    out: list[dict[str, Any]] = []
    items = answer_items(library, row["answers"], subject.lang, only=qid).get(qid, [])
    qr_id = uuid.uuid5(sid, "wellbeing")
    if qid in library.questionnaires:
        used.questionnaires.add(qid)
    out.append(
        {
            "resourceType": "QuestionnaireResponse",
            "id": str(qr_id),
            "questionnaire": f"{questionnaire_url(base, qid)}|{library.version}",
            "status": "completed",
            # A parent's own screen is about that parent (the RelatedPerson), not the child.
            "subject": respondent if about_parent else ref(subject.id),
            "authored": when,
            "author": respondent,
            "source": respondent if respondent and "reference" in respondent else None,
            "item": items,
        }
    )
    if row["score"] is not None:
        out.append(
            score_observation(
                library, subject, uuid.uuid5(sid, "score"), qid, row["score"], when, qr_id,
                focus=respondent if about_parent else None,
            )
        )  # fmt: skip
    return out


SCHOOL_QID = "school-return"


def school_questionnaire(library: ContentLibrary, base: str, lang: str) -> dict[str, Any] | None:
    children = library.children
    checklist = children.school if children is not None else None
    if checklist is None:
        return None
    w = _words(lang)
    states = [
        {"valueCoding": coding(codes.SCHOOL_STATES, s, _text(getattr(checklist.states, s), lang))}
        for s in checklist.states.__struct_fields__
    ]
    who = [
        {"valueCoding": coding(codes.SCHOOL_RESPONSIBLE, r,
                               _text(getattr(checklist.responsible, r), lang))}
        for r in checklist.responsible.__struct_fields__
    ]  # fmt: skip
    items = []
    for it in sorted(checklist.items, key=lambda i: i.order):
        items.append(
            {
                "linkId": it.id,
                "code": [coding(codes.SCHOOL, it.id)],
                "text": _text(it.title, lang),
                "type": "group",
                "item": [
                    {"linkId": f"{it.id}.state", "text": w["state"], "type": "choice",
                     "answerOption": states},
                    {"linkId": f"{it.id}.responsible", "text": w["responsible"],
                     "type": "choice", "answerOption": who},
                    {"linkId": f"{it.id}.due_on", "text": w["due_on"], "type": "date"},
                    {"linkId": f"{it.id}.done_on", "text": w["done_on"], "type": "date"},
                    {"linkId": f"{it.id}.note", "text": w["note"], "type": "string"},
                ],
            }
        )  # fmt: skip
    return _questionnaire(library, base, SCHOOL_QID, _text(checklist.title, lang), items)


def school_response(
    library: ContentLibrary, base: str, subject: Subject, rows: list[dict[str, Any]]
) -> dict[str, Any] | None:
    children = library.children
    checklist = children.school if children is not None else None
    if checklist is None or not rows:
        return None
    w = _words(subject.lang)
    by_id = {r["item_id"]: r for r in rows}
    items = []
    for it in sorted(checklist.items, key=lambda i: i.order):
        r = by_id.get(it.id)
        state = r["state"] if r else "todo"
        who = r["responsible"] if r else it.responsible
        parts: list[dict[str, Any]] = [
            {
                "linkId": f"{it.id}.state",
                "text": w["state"],
                "answer": [{"valueCoding": coding(
                    codes.SCHOOL_STATES, state,
                    _text(getattr(checklist.states, state), subject.lang)
                    if state in checklist.states.__struct_fields__ else None)}],
            },
            {
                "linkId": f"{it.id}.responsible",
                "text": w["responsible"],
                "answer": [{"valueCoding": coding(
                    codes.SCHOOL_RESPONSIBLE, who,
                    _text(getattr(checklist.responsible, who), subject.lang)
                    if who in checklist.responsible.__struct_fields__ else None)}],
            },
        ]  # fmt: skip
        if r and r["due_on"]:
            parts.append({"linkId": f"{it.id}.due_on", "text": w["due_on"],
                          "answer": [{"valueDate": r["due_on"].isoformat()}]})  # fmt: skip
        if r and r["done_on"]:
            parts.append({"linkId": f"{it.id}.done_on", "text": w["done_on"],
                          "answer": [{"valueDate": r["done_on"].isoformat()}]})  # fmt: skip
        if r and r["note"].strip():
            parts.append({"linkId": f"{it.id}.note", "text": w["note"],
                          "answer": [{"valueString": r["note"]}]})  # fmt: skip
        items.append({"linkId": it.id, "text": _text(it.title, subject.lang), "item": parts})
    last = max(as_utc(r["updated_at"]) for r in rows)
    return {
        "resourceType": "QuestionnaireResponse",
        "id": str(uuid.uuid5(subject.id, "school")),
        "questionnaire": f"{questionnaire_url(base, SCHOOL_QID)}|{library.version}",
        "status": "in-progress"
        if any(by_id.get(i.id, {}).get("state", "todo") in ("todo", "in_progress")
               for i in checklist.items)
        else "completed",
        "subject": ref(subject.id),
        "authored": instant(last),
        "item": items,
    }  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The streamed bundle


def code_system_id(url: str) -> uuid.UUID:
    return uuid.uuid5(NS, f"codesystem:{url}")


class _Chunks:
    """Entries encoded one by one and handed out in ~64 KiB chunks."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.first = True
        self.ids: set[str] = set()

    def add(self, resource: dict[str, Any], deep: bool = True) -> None:
        """Add a resource once (by id). ``deep=False`` for the check-ins' resources, made without
        empty values below their top level: cleaning them at every depth doubled the time of a
        long export (bench/export.py)."""
        if resource["resourceType"] == "CodeSystem" and "id" not in resource:
            resource = {"id": str(code_system_id(resource["url"])), **resource}
        if deep:
            # Shared resources (a team, a person, a code system) are added once; the check-ins'
            # are unique by their ids, and not remembered, so memory stays bounded.
            if resource["id"] in self.ids:
                return
            self.ids.add(resource["id"])
            resource = clean(resource)
        else:
            resource = {k: v for k, v in resource.items() if v is not None and v != [] and v != {}}
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
    lang = subject.lang
    p = subject.patient
    people = People()
    used = Used()
    if p.get("user") is not None:
        people.refs[as_uuid(p["user"])] = ref(subject.id)
    gp = None
    if p["gp_name"] or p["gp_phone"]:
        gp = uuid.uuid5(subject.id, "gp")
        out.add(practitioner(gp, p["gp_name"] or p["gp_phone"], p["gp_phone"]))
    out.add(patient_resource(subject, gp))
    for link in await data.proxies(subject.id):
        rp = related_person(subject, link)
        out.add(rp)
        people.refs.setdefault(as_uuid(link["user"]), ref(rp["id"]))
    team_rows = await data.teams(subject.id)
    team_ids = [str(as_uuid(t["id"])) for t in team_rows]
    for team in team_rows:
        out.add(organization(team["id"], team["name"], team["phone"]))
        for m in team["members"]:
            pr = member_id(team["id"], m["user"])
            out.add(practitioner(pr, m["user.display_name"] or m["role"]))
            people.refs.setdefault(as_uuid(m["user"]), ref(pr))
        out.add(care_team(subject, team))
    plan = library.plan(p["plan_id"])
    plan_title = _text(plan.title, lang) if plan is not None else ""
    out.add(care_plan(library, subject, plan_title, await data.schedule(subject.id), team_ids))
    if plan is not None:
        for cs in codes.plan_code_system(library, plan, lang):
            out.add(cs)
    h = await data.handover(subject.id)
    if h is not None:
        for res in handover_resources(subject, h, team_ids):
            out.add(res)

    async def names(ids: set[Any]) -> None:
        wanted = {as_uuid(i) for i in ids if i is not None}
        missing = wanted - people.refs.keys() - people.names.keys()
        if missing:
            for uid, row in (await data.user_names(missing)).items():
                people.names[uid] = row["display_name"]

    async for rows in data.iter_checkins(subject.id, subject.until, hidden=subject.hidden):
        await names({r["submitted_by"] for r in rows})
        for row in rows:
            for res in checkin_resources(library, base, subject, row, people, used):
                out.add(res, deep=False)
        if out.full():
            yield out.take()

    # A child's record: growth, development, wellbeing, the return to school.
    for m in await data.growth(library, subject):
        used.growth = True
        for res in growth_resources(library, subject, m, people):
            out.add(res)
    checks = await data.development(subject)
    await names({r["submitted_by"] for r in checks})
    for row in checks:
        used.checks.add(row["check_id"])
        out.add(development_response(library, base, subject, row, people))
    screens = await data.wellbeing(subject)
    await names({r["respondent_user"] for r in screens})
    for row in screens:
        for res in wellbeing_resources(library, base, subject, row, people, used):
            out.add(res)
    school = school_response(library, base, subject, await data.school(subject))
    if school is not None:
        out.add(school)
        sq = school_questionnaire(library, base, lang)
        if sq is not None:
            out.add(sq)
        for cs in codes.school_code_systems(library, lang):
            out.add(cs)
    for check_id in sorted(used.checks):
        mq = milestone_questionnaire(library, base, check_id, lang)
        if mq is not None:
            out.add(mq)
    if used.checks:
        for cs in codes.milestone_code_systems(library, lang):
            out.add(cs)
    if used.growth:
        for cs in codes.growth_code_system(library, lang):
            out.add(cs)

    for qid in sorted(used.questionnaires):
        out.add(questionnaire_resource(library, base, qid, lang))
        for cs in codes.questionnaire_code_systems(library, library.questionnaires[qid], lang):
            out.add(cs)
    reasons = data.rule_reasons(library)
    alerts = await data.alerts(subject.id, subject.until, subject.hidden)
    for alert in alerts:
        if str(as_uuid(alert["team"])) not in team_ids:  # a team no longer attached
            out.add(organization(alert["team"], alert["team.name"]))
        out.add(flag_resource(subject, alert, reasons))
    if alerts:
        for cs in codes.rule_code_system(library, reasons, lang):
            out.add(cs)
    others = {r for a in alerts for r in a["reasons"] if r not in reasons}
    if others:
        for cs in codes.child_alert_code_system(library, others):
            out.add(cs)
    msgs = await data.messages(subject.id, subject.until)
    await names({m.get("author") for m in msgs})
    for msg in msgs:
        out.add(communication_resource(subject, msg, people))
    yield out.take() + b"]}"
