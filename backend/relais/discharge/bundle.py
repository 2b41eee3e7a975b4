"""Reading a discharge Bundle: FHIR R4 structure first, then what Relais needs, every problem found.

``read_discharge(body, library)`` returns the ``Discharge`` (what the import writes) or raises
``Rejected`` with every issue at once, each at its FHIRPath. The structure (types, formats,
unknown elements) is checked by the FHIR models of ``fhir.resources`` (R4B, whose resources
used here are R4's); what Relais needs (which resources, which identifiers, the plan, the
referent's phone) is checked here. The resources and what is read from each are listed in
docs/integration.md, "Discharge import".
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import json
import re
import uuid
from typing import Any
from zoneinfo import ZoneInfo

import pydantic
from fhir.resources.R4B.bundle import Bundle

from relais.care.ages import ADULT_AGE, age_years
from relais.content.loader import ContentLibrary
from relais.discharge.outcome import Issue, Rejected
from relais.web.bodies import too_deep

#: The French national health identifier (INS-NIR), OID 1.2.250.1.213.1.4.8.
INS_SYSTEM = "urn:oid:1.2.250.1.213.1.4.8"
#: The coding that names a Relais follow-up plan (content/plans/<code>.yaml).
PLAN_SYSTEM = "urn:relais:plan"
#: A CareTeam names its Relais team by this identifier: the team's id as ``urn:uuid:<id>``.
TEAM_SYSTEM = "urn:ietf:rfc:3986"
#: Where Relais reads days (discharge date, day 1) when the hospital sends a time.
HOSPITAL_TZ = "Europe/Paris"

SUPPORTED = (
    "Patient",
    "Encounter",
    "Practitioner",
    "PractitionerRole",
    "CareTeam",
    "CarePlan",
    "ServiceRequest",
    "MedicationRequest",
    "Appointment",
    "DocumentReference",
    "Condition",
    "Organization",
    "Location",
)
GENDER = {"female": "female", "male": "male", "other": "unknown", "unknown": "unknown"}
PHONE = re.compile(r"^[0-9+() .-]{3,30}$")
SUMMARY_MAX = 20000
TEXT_MAX = 300


@dataclasses.dataclass
class Discharge:
    """What the import writes, read from the bundle."""

    #: (system, value), the INS first when there is one.
    identifiers: list[tuple[str, str]]
    ins: str | None
    given_name: str
    family_name: str
    birth_date: dt.date
    sex: str
    phone: str
    locale: str
    gp_name: str
    gp_phone: str
    encounter: tuple[str, str]
    discharge_date: dt.date
    day1: dt.date | None
    plan_id: str
    team_id: uuid.UUID | None
    team_at: str
    referent_name: str
    referent_phone: str
    prescriptions: str
    next_appointment_at: dt.datetime | None
    next_appointment_place: str
    next_appointment_reason: str
    summary: str
    documents_given: list[str]
    warnings: list[Issue]
    patient_at: str = "Bundle.entry"
    encounter_at: str = "Bundle.entry"


def ins_key_ok(value: str) -> bool:
    """The INS-NIR's 2-digit key is 97 minus the first 13 characters modulo 97 (Corsica's 2A and
    2B counted as 19 and 18)."""
    if not re.fullmatch(r"[12378][0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{6}[0-9]{2}", value):
        return False
    body = value[:13].replace("2A", "19").replace("2B", "18")
    return 97 - int(body) % 97 == int(value[13:])


def _path(loc: tuple[Any, ...]) -> str:
    out = "Bundle"
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            out += f".{part.removesuffix('__ext')}"
    return out


def _structure(data: dict[str, Any]) -> list[Issue]:
    try:
        Bundle.model_validate(data)
    except pydantic.ValidationError as exc:
        return [
            Issue(
                "fhir-structure",
                "structure",
                _path(tuple(e["loc"])),
                diagnostics=str(e["msg"]),
            )
            for e in exc.errors()[:50]
        ]
    except (ValueError, TypeError, KeyError) as exc:  # the models refuse before pydantic does
        return [Issue("fhir-structure", "structure", "Bundle", diagnostics=str(exc)[:300])]
    return []


def _date(value: Any) -> dt.date | None:
    """A FHIR date or dateTime's day (a time with an offset: the day in the hospital's zone)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(ZoneInfo(HOSPITAL_TZ)).date()


def _instant(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(dt.UTC) if moment.tzinfo else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _human(names: Any) -> str:
    """A HumanName's words: prefix, given names, family name (the official one first)."""
    found = [n for n in _list(names) if isinstance(n, dict)]
    if not found:
        return ""
    name = next((n for n in found if n.get("use") == "official"), found[0])
    if _str(name.get("text")):
        return _str(name["text"])
    words = [*map(_str, _list(name.get("prefix"))), *map(_str, _list(name.get("given")))]
    words.append(_str(name.get("family")))
    return " ".join(w for w in words if w)


def _phone(telecom: Any) -> tuple[str, int] | None:
    """The first phone number of a telecom list, with its index."""
    for i, t in enumerate(_list(telecom)):
        if isinstance(t, dict) and t.get("system") == "phone" and _str(t.get("value")):
            return _str(t["value"]), i
    return None


@dataclasses.dataclass
class _Entry:
    index: int
    resource: dict[str, Any]

    @property
    def at(self) -> str:
        return f"Bundle.entry[{self.index}].resource"


class _Reader:
    def __init__(self, data: dict[str, Any], library: ContentLibrary, today: dt.date) -> None:
        self.data = data
        self.library = library
        self.today = today
        self.issues: list[Issue] = []
        self.warnings: list[Issue] = []
        self.by_type: dict[str, list[_Entry]] = {}
        self.by_ref: dict[str, _Entry] = {}

    def problem(self, code: str, kind: str, at: str, **params: Any) -> None:
        self.issues.append(Issue(code, kind, at, params))

    def fits(self, system: str, value: str, at: str) -> bool:
        """An identifier Relais can keep: a system of at most 200 characters, a value of 100."""
        if len(system) <= 200 and len(value) <= 100:
            return True
        self.problem("fhir-identifier-too-long", "too-long", at)
        return False

    def warn(self, code: str, kind: str, at: str, **params: Any) -> None:
        self.warnings.append(Issue(code, kind, at, params, severity="warning"))

    # --- entries ---------------------------------------------------------------------------

    def index(self) -> None:
        for i, entry in enumerate(_list(self.data.get("entry"))):
            resource = _dict(_dict(entry).get("resource"))
            kind = _str(resource.get("resourceType"))
            if not kind:
                continue  # the structure check has said so
            found = _Entry(i, resource)
            if kind not in SUPPORTED:
                self.warn("fhir-resource-ignored", "not-supported", found.at, resource=kind)
                continue
            self.by_type.setdefault(kind, []).append(found)
            if _str(_dict(entry).get("fullUrl")):
                self.by_ref[_str(entry["fullUrl"])] = found
            if _str(resource.get("id")):
                self.by_ref[f"{kind}/{_str(resource['id'])}"] = found

    def one(self, kind: str, *, required: bool = True) -> _Entry | None:
        found = self.by_type.get(kind, [])
        if not found:
            if required:
                self.problem("fhir-resource-missing", "required", "Bundle.entry", resource=kind)
            return None
        if len(found) > 1:
            self.problem(
                "fhir-resource-repeated",
                "business-rule",
                found[1].at,
                resource=kind,
                count=len(found),
            )
        return found[0]

    def resolve(self, reference: Any) -> _Entry | None:
        ref = _str(_dict(reference).get("reference"))
        return self.by_ref.get(ref) if ref else None

    # --- the parts -------------------------------------------------------------------------

    def patient(self, e: _Entry) -> dict[str, Any]:
        r, at = e.resource, e.at
        identifiers: list[tuple[str, str]] = []
        ins = None
        for i, ident in enumerate(_list(r.get("identifier"))):
            system, value = _str(_dict(ident).get("system")), _str(_dict(ident).get("value"))
            if not (system and value):
                continue
            if system == INS_SYSTEM:
                value = value.replace(" ", "").upper()
                if not ins_key_ok(value):
                    self.problem("fhir-ins-invalid", "value", f"{at}.identifier[{i}].value")
                    continue
                ins = value
                identifiers.insert(0, (system, value))
            elif self.fits(system, value, f"{at}.identifier[{i}]"):
                identifiers.append((system, value))
        if not identifiers and not any(i.code == "fhir-ins-invalid" for i in self.issues):
            self.problem("fhir-patient-identifier-missing", "required", f"{at}.identifier")
        names = [n for n in _list(r.get("name")) if isinstance(n, dict)]
        name = next((n for n in names if n.get("use") == "official"), names[0] if names else {})
        family = _str(name.get("family"))[:100]
        given = " ".join(_str(g) for g in _list(name.get("given")) if _str(g))[:100]
        if not family:
            self.problem("fhir-family-name-missing", "required", f"{at}.name.family")
        if not given:
            self.problem("fhir-given-name-missing", "required", f"{at}.name.given")
        birth = _date(r.get("birthDate")) if len(_str(r.get("birthDate"))) == 10 else None
        if "birthDate" not in r:
            self.problem("fhir-birth-date-missing", "required", f"{at}.birthDate")
        elif birth is not None and birth > self.today:
            self.problem("fhir-birth-date-in-future", "value", f"{at}.birthDate")
        elif birth is not None and birth < self.today.replace(year=self.today.year - 120):
            self.problem("fhir-birth-date-too-old", "value", f"{at}.birthDate")
        elif birth is None and 0 < len(_str(r.get("birthDate"))) < 10:
            self.problem("fhir-birth-date-partial", "value", f"{at}.birthDate")
        sex = GENDER.get(_str(r.get("gender")), "")
        if "gender" not in r:
            self.problem("fhir-gender-missing", "required", f"{at}.gender")
        phone = ""
        if found := _phone(r.get("telecom")):
            phone, i = found
            if not PHONE.fullmatch(phone):
                self.problem("fhir-phone-invalid", "value", f"{at}.telecom[{i}].value")
        locale = "fr"
        for c in _list(r.get("communication")):
            codes = _list(_dict(_dict(c).get("language")).get("coding"))
            code = next((_str(_dict(x).get("code")) for x in codes), "")
            if code[:2].lower() in ("fr", "en"):
                locale = code[:2].lower()
                break
        gp_name = gp_phone = ""
        gps = _list(r.get("generalPractitioner"))
        if gps:
            gp = self.resolve(gps[0])
            gp_name = _human(gp.resource.get("name")) if gp else ""
            gp_name = gp_name or _str(_dict(gps[0]).get("display"))
            if gp and (found := _phone(gp.resource.get("telecom"))):
                gp_phone = found[0] if PHONE.fullmatch(found[0]) else ""
        if not (gp_name or gp_phone):
            self.warn("fhir-no-gp", "informational", f"{at}.generalPractitioner")
        return {
            "identifiers": identifiers,
            "ins": ins,
            "given_name": given,
            "family_name": family,
            "birth_date": birth,
            "sex": sex,
            "phone": phone,
            "locale": locale,
            "gp_name": gp_name[:200],
            "gp_phone": gp_phone,
            "gp_ref": _str(_dict(gps[0]).get("reference")) if gps else "",
        }

    def encounter(self, e: _Entry) -> dict[str, Any]:
        r, at = e.resource, e.at
        ident = next(
            (
                (_str(i.get("system")), _str(i.get("value")))
                for i in map(_dict, _list(r.get("identifier")))
                if _str(i.get("system")) and _str(i.get("value"))
            ),
            None,
        )
        if ident is None:
            self.problem("fhir-encounter-identifier-missing", "required", f"{at}.identifier")
        elif not self.fits(*ident, f"{at}.identifier"):
            ident = None
        end = _dict(r.get("period")).get("end")
        discharge = _date(end)
        if end is None:
            self.problem("fhir-discharge-date-missing", "required", f"{at}.period.end")
        elif discharge is not None and discharge > self.today + dt.timedelta(days=30):
            self.problem("fhir-discharge-too-far", "value", f"{at}.period.end")
        return {"encounter": ident, "discharge_date": discharge}

    def team(self, e: _Entry) -> tuple[uuid.UUID | None, str]:
        r, at = e.resource, e.at
        idents = [_dict(i) for i in _list(r.get("identifier"))]
        for i, ident in enumerate(idents):
            if _str(ident.get("system")) == TEAM_SYSTEM:
                value = _str(ident.get("value")).removeprefix("urn:uuid:")
                try:
                    return uuid.UUID(value), f"{at}.identifier[{i}].value"
                except ValueError:
                    return None, f"{at}.identifier[{i}].value"
        self.problem("fhir-team-identifier-missing", "required", f"{at}.identifier")
        return None, f"{at}.identifier"

    def plan(self, birth: dt.date | None) -> tuple[str, str]:
        named: list[tuple[str, str]] = []
        for e in self.by_type.get("CarePlan", []):
            for c, cat in enumerate(_list(e.resource.get("category"))):
                for k, coding in enumerate(_list(_dict(cat).get("coding"))):
                    if _str(_dict(coding).get("system")) == PLAN_SYSTEM:
                        at = f"{e.at}.category[{c}].coding[{k}].code"
                        named.append((_str(_dict(coding).get("code")), at))
        for e in self.by_type.get("ServiceRequest", []):
            for k, coding in enumerate(_list(_dict(e.resource.get("code")).get("coding"))):
                if _str(_dict(coding).get("system")) == PLAN_SYSTEM:
                    named.append((_str(_dict(coding).get("code")), f"{e.at}.code.coding[{k}].code"))
        if not named:
            self.problem("fhir-plan-missing", "required", "Bundle.entry")
            return "", ""
        if len({p for p, _ in named}) > 1:
            self.problem(
                "fhir-plan-repeated", "business-rule", named[1][1], count=len({p for p, _ in named})
            )
        plan_id, at = named[0]
        plan = self.library.plans.get(plan_id)
        if plan is None:
            known = ", ".join(sorted(self.library.plans))
            self.problem("fhir-plan-unknown", "code-invalid", at, plan=plan_id, known=known)
            return "", at
        if birth is not None and plan.audience != "any":
            child = age_years(birth, self.today) < ADULT_AGE
            if child and plan.audience == "adult":
                self.problem("fhir-plan-for-adults", "business-rule", at, plan=plan_id)
            elif not child and plan.audience == "child":
                self.problem("fhir-plan-for-children", "business-rule", at, plan=plan_id)
        return plan_id, at

    def day1(self, plan_id: str, plan_at: str) -> dt.date | None:
        """Day 1 (the first symptoms) from a Condition's onset: plans anchored on it need it."""
        onset = None
        for e in self.by_type.get("Condition", []):
            onset = onset or _date(e.resource.get("onsetDateTime"))
        plan = self.library.plans.get(plan_id)
        if plan is not None and plan.anchor == "day1" and onset is None:
            self.problem("fhir-day1-missing", "required", plan_at, plan=plan_id)
        if onset is not None and onset > self.today:
            at = self.by_type["Condition"][0].at
            self.problem("fhir-day1-in-future", "value", f"{at}.onsetDateTime")
        return onset

    def referent(self, gp_ref: str) -> tuple[str, str]:
        roles = self.by_type.get("PractitionerRole", [])
        if roles:
            e = roles[0]
            who = self.resolve(e.resource.get("practitioner"))
            name = _human(who.resource.get("name")) if who else ""
            name = name or _str(_dict(e.resource.get("practitioner")).get("display"))
            telecom = [(e, e.resource.get("telecom"))]
            if who is not None:
                telecom.append((who, who.resource.get("telecom")))
        else:
            gp = self.by_ref.get(gp_ref)
            people = [p for p in self.by_type.get("Practitioner", []) if p is not gp]
            if not people:
                self.problem("fhir-referent-missing", "required", "Bundle.entry")
                return "", ""
            e = people[0]
            name = _human(e.resource.get("name"))
            telecom = [(e, e.resource.get("telecom"))]
        if not name:
            self.problem("fhir-referent-name-missing", "required", f"{e.at}.practitioner")
        for owner, values in telecom:
            if found := _phone(values):
                phone, i = found
                if not PHONE.fullmatch(phone):
                    self.problem("fhir-phone-invalid", "value", f"{owner.at}.telecom[{i}].value")
                return name[:200], phone
        self.problem("fhir-referent-phone-missing", "required", f"{e.at}.telecom")
        return name[:200], ""

    def prescriptions(self) -> str:
        lines = []
        for e in self.by_type.get("MedicationRequest", []):
            r = e.resource
            concept = _dict(r.get("medicationCodeableConcept"))
            name = _str(concept.get("text")) or next(
                (_str(_dict(c).get("display")) for c in _list(concept.get("coding"))), ""
            )
            name = name or _str(_dict(r.get("medicationReference")).get("display"))
            if not name:
                self.problem(
                    "fhir-medication-unreadable", "required", f"{e.at}.medicationCodeableConcept"
                )
                continue
            dosage = "; ".join(
                _str(_dict(d).get("text"))
                for d in _list(r.get("dosageInstruction"))
                if _str(_dict(d).get("text"))
            )
            # One line per medicine, the dosage after a dash: read the same in both languages.
            lines.append(f"{name} — {dosage}" if dosage else name)
        return "\n".join(lines)

    def appointment(self) -> tuple[dt.datetime | None, str, str]:
        chosen: tuple[dt.datetime, _Entry] | None = None
        for e in self.by_type.get("Appointment", []):
            if e.resource.get("status") in ("cancelled", "noshow", "entered-in-error"):
                continue
            start = _instant(e.resource.get("start"))
            if start is None:
                if "start" not in e.resource:
                    self.problem("fhir-appointment-start-missing", "required", f"{e.at}.start")
                continue
            if chosen is None or start < chosen[0]:
                chosen = (start, e)
        if chosen is None:
            return None, "", ""
        start, e = chosen
        place = ""
        for p in _list(e.resource.get("participant")):
            actor = _dict(_dict(p).get("actor"))
            if _str(actor.get("reference")).startswith("Location") or (
                (found := self.resolve(actor)) and found.resource.get("resourceType") == "Location"
            ):
                where = self.resolve(actor)
                place = _str(actor.get("display")) or (
                    _str(where.resource.get("name")) if where else ""
                )
                break
        reason = _str(e.resource.get("description")) or next(
            (_str(_dict(c).get("text")) for c in _list(e.resource.get("reasonCode"))), ""
        )
        return start, place[:TEXT_MAX], reason[:TEXT_MAX]

    def summary(self) -> tuple[str, list[str]]:
        docs = self.by_type.get("DocumentReference", [])
        if not docs:
            return "", []
        e = docs[0]
        text, titles = "", []
        for c, content in enumerate(_list(e.resource.get("content"))):
            attachment = _dict(_dict(content).get("attachment"))
            if _str(attachment.get("title")):
                titles.append(_str(attachment["title"])[:200])
            if text or not _str(attachment.get("contentType")).startswith("text/"):
                continue
            try:
                text = base64.b64decode(_str(attachment.get("data")), validate=True).decode()
            except (binascii.Error, UnicodeDecodeError):
                at = f"{e.at}.content[{c}].attachment.data"
                self.problem("fhir-summary-unreadable", "value", at)
        text = text.strip() or _str(e.resource.get("description"))
        if not text:
            self.problem("fhir-summary-unreadable", "value", f"{e.at}.content")
        elif len(text) > SUMMARY_MAX:
            self.problem("fhir-summary-too-long", "too-long", f"{e.at}.content", limit=SUMMARY_MAX)
        return text, titles


def read_json(body: bytes) -> dict[str, Any]:
    """The body as a JSON object that says it is a Bundle, or ``Rejected`` (400)."""
    if too_deep(body):
        raise Rejected(400, [Issue("fhir-not-json", "structure", "Bundle")])
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Rejected(400, [Issue("fhir-not-json", "structure", "Bundle")]) from None
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise Rejected(400, [Issue("fhir-not-bundle", "structure", "Bundle.resourceType")])
    return data


def read_discharge(data: dict[str, Any], library: ContentLibrary) -> Discharge:
    """Every problem of the bundle in one ``Rejected`` (422), or what to import."""
    today = dt.datetime.now(ZoneInfo(HOSPITAL_TZ)).date()
    reader = _Reader(data, library, today)
    reader.issues.extend(_structure(data))
    if data.get("type") not in ("transaction", "collection"):
        reader.problem("fhir-bundle-type", "value", "Bundle.type")
    reader.index()
    patient_e = reader.one("Patient")
    patient = reader.patient(patient_e) if patient_e else {}
    encounter_e = reader.one("Encounter")
    encounter = reader.encounter(encounter_e) if encounter_e else {}
    team_e = reader.one("CareTeam")
    team_id, team_at = reader.team(team_e) if team_e else (None, "")
    plan_id, plan_at = reader.plan(patient.get("birth_date"))
    day1 = reader.day1(plan_id, plan_at) if plan_id else None
    referent_name, referent_phone = reader.referent(patient.get("gp_ref", ""))
    prescriptions = reader.prescriptions()
    appointment = reader.appointment()
    summary, titles = reader.summary()
    if reader.issues:
        raise Rejected(422, reader.issues + reader.warnings)
    return Discharge(
        identifiers=patient["identifiers"],
        ins=patient["ins"],
        given_name=patient["given_name"],
        family_name=patient["family_name"],
        birth_date=patient["birth_date"],
        sex=patient["sex"],
        phone=patient["phone"],
        locale=patient["locale"],
        gp_name=patient["gp_name"],
        gp_phone=patient["gp_phone"],
        encounter=encounter["encounter"],
        discharge_date=encounter["discharge_date"],
        day1=day1,
        plan_id=plan_id,
        team_id=team_id,
        team_at=team_at,
        referent_name=referent_name,
        referent_phone=referent_phone,
        prescriptions=prescriptions,
        next_appointment_at=appointment[0],
        next_appointment_place=appointment[1],
        next_appointment_reason=appointment[2],
        summary=summary,
        documents_given=titles,
        warnings=reader.warnings,
        patient_at=patient_e.at if patient_e else "Bundle.entry",
        encounter_at=f"{encounter_e.at}.identifier" if encounter_e else "Bundle.entry",
    )
