"""Relais' own code systems, as exported in FHIR: their canonical URLs and their CodeSystem
resources, built from the content.

Canonical URLs are fixed, not the deployment's address: the same content item has the same code in
every deployment, so a hospital maps a code once. A deployment that adapts its content keeps the
ids (content/README.md: an id is never reused for another meaning); the content version is each
CodeSystem's ``version``.

    https://relais.health/fhir/CodeSystem/q/<questionnaire>          its items and its scores
    https://relais.health/fhir/CodeSystem/q/<questionnaire>/<set>    answers of an option set (or
                                                                     of an item's own list); the
                                                                     code is the stored value
    https://relais.health/fhir/CodeSystem/milestones                 development milestones
    https://relais.health/fhir/CodeSystem/milestone-answers          yes, not_yet, not_sure
    https://relais.health/fhir/CodeSystem/school                     return-to-school items
    https://relais.health/fhir/CodeSystem/school-states              todo, in_progress, done...
    https://relais.health/fhir/CodeSystem/school-responsible         family, team
    https://relais.health/fhir/CodeSystem/growth                     WHO indicators (z-scores)
    https://relais.health/fhir/CodeSystem/rules                      triage rules (alert reasons)
    https://relais.health/fhir/CodeSystem/child-alerts               a child's alert reasons
    https://relais.health/fhir/CodeSystem/plan/<plan>                a follow-up plan's items

LOINC is used instead wherever content gives a code (vital signs, growth, some scores).
"""

from __future__ import annotations

from typing import Any

from relais.content.loader import ContentLibrary
from relais.content.schemas import FollowUpPlan, Questionnaire

CANONICAL = "https://relais.health/fhir"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"

MILESTONES = f"{CANONICAL}/CodeSystem/milestones"
MILESTONE_ANSWERS = f"{CANONICAL}/CodeSystem/milestone-answers"
SCHOOL = f"{CANONICAL}/CodeSystem/school"
SCHOOL_STATES = f"{CANONICAL}/CodeSystem/school-states"
SCHOOL_RESPONSIBLE = f"{CANONICAL}/CodeSystem/school-responsible"
GROWTH = f"{CANONICAL}/CodeSystem/growth"
RULES = f"{CANONICAL}/CodeSystem/rules"
#: The reasons of a child's alerts, not triage rules: "growth_weight_loss",
#: "growth_centiles_down:<indicator>", "milestone_regression:<milestone>", "wellbeing_positive:<q>".
CHILD_ALERTS = f"{CANONICAL}/CodeSystem/child-alerts"
#: The score total's code in a questionnaire's CodeSystem (when LOINC has none for it).
TOTAL = "total"
CENTILE = "centile"


def questionnaire_system(qid: str) -> str:
    return f"{CANONICAL}/CodeSystem/q/{qid}"


def answer_set(q: Questionnaire, item: Any) -> str:
    """The name of a choice item's answers: its option set, or its own id for an inline list."""
    return item.options if isinstance(item.options, str) else item.id


def answer_system(q: Questionnaire, item: Any) -> str:
    return f"{questionnaire_system(q.id)}/{answer_set(q, item)}"


def text(value: dict[str, str], lang: str) -> str:
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


def _code_system(
    library: ContentLibrary, url: str, name: str, title: str, concepts: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "resourceType": "CodeSystem",
        "url": url,
        "version": library.version,
        "name": name,
        "title": title,
        "status": "active",
        "publisher": "Relais",
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": concepts,
    }


def _name(*parts: str) -> str:
    """A computer-friendly name (FHIR: starts with a capital letter, letters and digits only)."""
    words = "_".join(parts).replace("-", "_").split("_")
    return "Relais" + "".join(w[:1].upper() + w[1:] for w in words if w)


def questionnaire_code_systems(
    library: ContentLibrary, q: Questionnaire, lang: str
) -> list[dict[str, Any]]:
    """The questionnaire's CodeSystem (items and scores) and one per answer set it uses."""
    concepts = [{"code": it.id, "display": text(it.text, lang)} for it in q.items]
    if q.scoring is not None:
        concepts.append({"code": TOTAL, "display": text(q.title, lang)})
        concepts += [{"code": s.id, "display": text(s.title, lang)} for s in q.scoring.subscales]
    out = [
        _code_system(
            library, questionnaire_system(q.id), _name(q.id), text(q.title, lang), concepts
        )
    ]
    seen: set[str] = set()
    for it in q.items:
        if it.type != "choice":
            continue
        name = answer_set(q, it)
        if name in seen:
            continue
        seen.add(name)
        answers = [{"code": str(o.value), "display": text(o.label, lang)} for o in q.options_of(it)]
        out.append(
            _code_system(
                library,
                answer_system(q, it),
                _name(q.id, name),
                f"{text(q.title, lang)}: {name}",
                answers,
            )
        )
    return out


def milestone_code_systems(library: ContentLibrary, lang: str) -> list[dict[str, Any]]:
    children = library.children
    if children is None:
        return []
    milestones = [
        {"code": m.id, "display": text(m.text, lang)} for c in children.checks for m in c.milestones
    ]
    out = [_code_system(library, MILESTONES, "RelaisMilestones", "Milestones", milestones)]
    guidance = children.milestone_guidance
    if guidance is not None:
        labels = guidance.answers
        answers = [
            {"code": key, "display": text(getattr(labels, key), lang)}
            for key in ("yes", "not_yet", "not_sure")
        ]
        out.append(
            _code_system(
                library, MILESTONE_ANSWERS, "RelaisMilestoneAnswers", "Milestone answers", answers
            )
        )
    return out


def school_code_systems(library: ContentLibrary, lang: str) -> list[dict[str, Any]]:
    children = library.children
    checklist = children.school if children is not None else None
    if checklist is None:
        return []
    items = [{"code": i.id, "display": text(i.title, lang)} for i in checklist.items]
    states = [
        {"code": s, "display": text(getattr(checklist.states, s), lang)}
        for s in checklist.states.__struct_fields__
    ]
    who = [
        {"code": r, "display": text(getattr(checklist.responsible, r), lang)}
        for r in checklist.responsible.__struct_fields__
    ]
    return [
        _code_system(library, SCHOOL, "RelaisSchool", text(checklist.title, lang), items),
        _code_system(library, SCHOOL_STATES, "RelaisSchoolStates", "School item states", states),
        _code_system(
            library, SCHOOL_RESPONSIBLE, "RelaisSchoolResponsible", "Who takes care of it", who
        ),
    ]


def growth_code_system(library: ContentLibrary, lang: str) -> list[dict[str, Any]]:
    children = library.children
    config = children.growth if children is not None else None
    if config is None:
        return []
    concepts = [
        {"code": i.id, "display": text(i.title, lang) + " (z-score)"} for i in config.indicators
    ]
    concepts.append({"code": CENTILE, "display": "Centile"})
    return [_code_system(library, GROWTH, "RelaisGrowth", text(config.title, lang), concepts)]


def rule_code_system(
    library: ContentLibrary, reasons: dict[str, tuple[str, dict[str, str]]], lang: str
) -> list[dict[str, Any]]:
    concepts = [{"code": rid, "display": text(r[1], lang)} for rid, r in sorted(reasons.items())]
    return [_code_system(library, RULES, "RelaisRules", "Triage rules", concepts)]


def child_alert_code_system(library: ContentLibrary, used: set[str]) -> list[dict[str, Any]]:
    """The child's alert reasons the bundle uses (a fragment: the reasons are made from content
    ids, e.g. one per growth indicator)."""
    res = _code_system(
        library,
        CHILD_ALERTS,
        "RelaisChildAlerts",
        "Reasons of a child's alerts",
        [{"code": c} for c in sorted(used)],
    )
    res["content"] = "fragment"
    return [res]


def plan_system(plan_id: str) -> str:
    return f"{CANONICAL}/CodeSystem/plan/{plan_id}"


def plan_code_system(
    library: ContentLibrary, plan: FollowUpPlan, lang: str
) -> list[dict[str, Any]]:
    concepts = [{"code": it.id, "display": text(it.title, lang)} for it in plan.items]
    return [
        _code_system(
            library, plan_system(plan.id), _name("plan", plan.id), text(plan.title, lang), concepts
        )
    ]
