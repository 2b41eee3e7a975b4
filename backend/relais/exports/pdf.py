"""A one-to-three page summary of the record that a doctor can read: identity, hand-over, a table of
trends by week, questionnaire scores and alerts, in the reader's language.

Made with fpdf2 (pure Python, small, embeds a subset of a Unicode TTF font so that accents print
and the text can be copied or searched). The font is DejaVu Sans, shipped in ``relais/fonts``.
The check-ins are read batch by batch and folded into per-week figures: the summary's size does
not grow with the length of the follow-up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.fonts import FontFace

from relais.content.loader import ContentLibrary
from relais.db import as_utc
from relais.exports import data
from relais.exports.data import Subject

FONTS = Path(__file__).resolve().parents[1] / "fonts"
WEEKS_SHOWN = 12
ALERTS_SHOWN = 20
GROWTH_SHOWN = 12

WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Résumé de suivi",
        "made": "Document établi le {date} à partir de Relais.",
        "not_device": "Relais n'est pas un dispositif médical : ces données sont déclarées par "
        "le patient ou sa famille, à domicile.",
        "identity": "Identité",
        "name": "Nom",
        "born": "Né(e) le",
        "sex": "Sexe à la naissance",
        "phone": "Téléphone",
        "gp": "Médecin traitant",
        "none": "aucun renseigné",
        "discharge": "Sortie d'hospitalisation",
        "plan": "Programme de suivi",
        "teams": "Équipes",
        "handover": "Transmission de sortie",
        "summary": "Résumé",
        "referent": "Référent 24 h/24",
        "prescriptions": "Ordonnances",
        "next": "Prochain rendez-vous",
        "no_handover": "Aucune transmission enregistrée.",
        "trends": "Tendances par semaine ({n} dernières semaines avec des données)",
        "week": "Semaine du",
        "count": "Points",
        "levels": "R / O / V",
        "temp": "T° max",
        "spo2": "SpO2 min",
        "hr": "Pouls max",
        "rr": "FR max",
        "sbp": "PAS min",
        "total": "En tout : {n} points de suivi du {first} au {last}.",
        "no_checkins": "Aucun point de suivi.",
        "scores": "Questionnaires",
        "questionnaire": "Questionnaire",
        "latest": "Dernier score",
        "date": "Date",
        "previous": "Précédents",
        "band": "Niveau",
        "no_scores": "Aucun questionnaire noté.",
        "alerts": "Alertes ({n} en tout, les {shown} plus récentes)",
        "opened": "Ouverte le",
        "level": "Niveau",
        "reasons": "Motifs",
        "state": "État",
        "no_alerts": "Aucune alerte.",
        "red": "rouge",
        "amber": "orange",
        "open": "ouverte",
        "acknowledged": "vue",
        "resolved": "close",
        "page": "Page {n}/{nb}",
        "male": "masculin",
        "female": "féminin",
        "growth": "Croissance (normes de l'OMS ; z : écart à la médiane en écarts-types)",
        "age": "Âge",
        "months": "{n} mois",
        "weight": "Poids (kg)",
        "length": "Taille (cm)",
        "head": "PC (cm)",
        "z_weight": "z poids",
        "z_length": "z taille",
        "z_head": "z PC",
        "development": "Développement",
        "check": "Étape",
        "answers": "Oui / Pas encore / Pas sûr",
        "not_yet": "Pas encore ou pas sûr",
        "wellbeing": "Bien-être",
        "about": "Pour",
        "about_child": "l'enfant",
        "score": "Score",
        "about_parent": "un parent",
        "result": "Résultat",
        "positive": "à reprendre avec l'équipe",
        "negative": "sans signe d'alerte",
        "school": "Retour à l'école",
        "item": "Étape",
        "due": "Pour le",
        "done": "Fait le",
        "note": "Note",
    },
    "en": {
        "title": "Follow-up summary",
        "made": "Document made on {date} from Relais.",
        "not_device": "Relais is not a medical device: these data are reported by the patient or "
        "their family, at home.",
        "identity": "Identity",
        "name": "Name",
        "born": "Born on",
        "sex": "Sex at birth",
        "phone": "Phone",
        "gp": "General practitioner",
        "none": "none given",
        "discharge": "Hospital discharge",
        "plan": "Follow-up plan",
        "teams": "Teams",
        "handover": "Discharge hand-over",
        "summary": "Summary",
        "referent": "24/7 referent",
        "prescriptions": "Prescriptions",
        "next": "Next appointment",
        "no_handover": "No hand-over recorded.",
        "trends": "Trends by week (last {n} weeks with data)",
        "week": "Week of",
        "count": "Check-ins",
        "levels": "R / A / G",
        "temp": "Temp max",
        "spo2": "SpO2 min",
        "hr": "Pulse max",
        "rr": "RR max",
        "sbp": "SBP min",
        "total": "In all: {n} check-ins from {first} to {last}.",
        "no_checkins": "No check-ins.",
        "scores": "Questionnaires",
        "questionnaire": "Questionnaire",
        "latest": "Latest score",
        "date": "Date",
        "previous": "Previous",
        "band": "Band",
        "no_scores": "No scored questionnaire.",
        "alerts": "Alerts ({n} in all, the {shown} most recent)",
        "opened": "Opened on",
        "level": "Level",
        "reasons": "Reasons",
        "state": "State",
        "no_alerts": "No alerts.",
        "red": "red",
        "amber": "amber",
        "open": "open",
        "acknowledged": "seen",
        "resolved": "closed",
        "page": "Page {n}/{nb}",
        "male": "male",
        "female": "female",
        "growth": "Growth (WHO standards; z: distance from the median in standard deviations)",
        "age": "Age",
        "months": "{n} months",
        "weight": "Weight (kg)",
        "length": "Length (cm)",
        "head": "HC (cm)",
        "z_weight": "z weight",
        "z_length": "z length",
        "z_head": "z HC",
        "development": "Development",
        "check": "Check",
        "answers": "Yes / Not yet / Not sure",
        "not_yet": "Not yet or not sure",
        "wellbeing": "Wellbeing",
        "about": "About",
        "about_child": "the child",
        "score": "Score",
        "about_parent": "a parent",
        "result": "Result",
        "positive": "to talk over with the team",
        "negative": "no warning sign",
        "school": "Return to school",
        "item": "Step",
        "due": "Due",
        "done": "Done",
        "note": "Note",
    },
}


@dataclass
class Week:
    count: int = 0
    levels: dict[str, int] = field(default_factory=lambda: {"red": 0, "amber": 0, "green": 0})
    high: dict[str, float] = field(default_factory=dict)
    low: dict[str, float] = field(default_factory=dict)

    def add(self, row: dict[str, Any]) -> None:
        self.count += 1
        self.levels[row["level"]] = self.levels.get(row["level"], 0) + 1
        for name, value in row["vitals"].items():
            if value is None:
                continue
            self.high[name] = max(self.high.get(name, value), value)
            self.low[name] = min(self.low.get(name, value), value)


@dataclass
class Summary:
    weeks: dict[dt.date, Week] = field(default_factory=dict)
    total: int = 0
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    # questionnaire id -> last 4 (taken_at, score), oldest first
    scores: dict[str, list[tuple[dt.datetime, float]]] = field(default_factory=dict)


async def summarise(subject: Subject, tz: ZoneInfo) -> Summary:
    out = Summary()
    async for rows in data.iter_checkins(subject.id, subject.until, hidden=subject.hidden):
        for row in rows:
            local = row["taken_at"].astimezone(tz).date()
            monday = local - dt.timedelta(days=local.weekday())
            out.weeks.setdefault(monday, Week()).add(row)
            out.total += 1
            out.first = out.first or row["taken_at"]
            out.last = row["taken_at"]
            for qid, value in row["scores"].items():
                kept = out.scores.setdefault(qid, [])
                kept.append((row["taken_at"], float(value)))
                del kept[:-4]
    # Keep the most recent weeks only (bounded however long the follow-up).
    return out


def _fmt(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:.{decimals}f}"


class _Pdf(FPDF):
    def __init__(self, words: dict[str, str]) -> None:
        super().__init__(format="A4")
        self.words = words
        self.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_font("DejaVu", size=10)
        self.set_auto_page_break(auto=True, margin=15)
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=8)
        self.cell(0, 8, self.words["page"].format(n=self.page_no(), nb="{nb}"), align="C")

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font("DejaVu", "B", 12)
        self.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font("DejaVu", size=10)

    def pair(self, label: str, value: str) -> None:
        self.set_font("DejaVu", "B", 10)
        self.cell(55, 6, label)
        self.set_font("DejaVu", size=10)
        self.multi_cell(0, 6, value or "–", new_x="LMARGIN", new_y="NEXT")

    def grid(self, header: list[str], rows: list[list[str]], widths: tuple[int, ...]) -> None:
        self.set_font("DejaVu", size=9)
        with self.table(
            col_widths=widths,
            headings_style=FontFace(emphasis="BOLD"),
            line_height=5,
            text_align="LEFT",
        ) as table:
            table.row(header)
            for r in rows:
                table.row(r)
        self.set_font("DejaVu", size=10)


async def summary_pdf(library: ContentLibrary, subject: Subject, now: dt.datetime) -> bytes:
    lang = subject.lang if subject.lang in WORDS else "fr"
    w = WORDS[lang]
    p = subject.patient
    tz = ZoneInfo(p["timezone"])

    def day(value: dt.datetime | dt.date | None) -> str:
        if value is None:
            return "–"
        if isinstance(value, dt.datetime):
            value = as_utc(value).astimezone(tz).date()
        return value.strftime("%d/%m/%Y")

    pdf = _Pdf(w)
    pdf.set_title(w["title"])
    pdf.set_lang(lang)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(0, 10, f"{w['title']} — {p['given_name']} {p['family_name']}", new_x="LMARGIN",
             new_y="NEXT")  # fmt: skip
    pdf.set_font("DejaVu", size=9)
    pdf.multi_cell(0, 5, w["made"].format(date=day(now)) + " " + w["not_device"],
                   new_x="LMARGIN", new_y="NEXT")  # fmt: skip

    pdf.heading(w["identity"])
    pdf.pair(w["name"], f"{p['given_name']} {p['family_name']}")
    pdf.pair(w["born"], day(p["birth_date"]))
    pdf.pair(w["sex"], w.get(p["sex_at_birth"], p["sex_at_birth"]))
    pdf.pair(w["phone"], p["phone"])
    gp = " — ".join(x for x in (p["gp_name"], p["gp_phone"]) if x) or w["none"]
    pdf.pair(w["gp"], gp)
    pdf.pair(w["discharge"], day(p["discharge_date"]))
    plan = library.plan(p["plan_id"])
    pdf.pair(w["plan"], (plan.title.get(lang) or p["plan_id"]) if plan else p["plan_id"])
    teams = await data.teams(subject.id)
    pdf.pair(w["teams"], "; ".join(f"{t['name']} ({t['phone']})" if t["phone"] else t["name"]
                                   for t in teams))  # fmt: skip

    pdf.heading(w["handover"])
    h = await data.handover(subject.id)
    if h is None:
        pdf.multi_cell(0, 6, w["no_handover"], new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.pair(w["summary"], h["summary"])
        pdf.pair(w["referent"], " — ".join(x for x in (h["referent_name"], h["referent_phone"])
                                           if x))  # fmt: skip
        pdf.pair(w["prescriptions"], h["prescriptions"])
        nxt = h["next_appointment_at"]
        place = " — ".join(
            x for x in (h["next_appointment_reason"], h["next_appointment_place"]) if x
        )
        pdf.pair(w["next"], (day(nxt) + " " + place).strip() if nxt else "")

    s = await summarise(subject, tz)
    weeks = sorted(s.weeks.items())[-WEEKS_SHOWN:]
    pdf.heading(w["trends"].format(n=len(weeks)))
    if not weeks:
        pdf.multi_cell(0, 6, w["no_checkins"], new_x="LMARGIN", new_y="NEXT")
    else:
        rows = [
            [
                day(monday),
                str(wk.count),
                f"{wk.levels.get('red', 0)} / {wk.levels.get('amber', 0)} / "
                f"{wk.levels.get('green', 0)}",
                _fmt(wk.high.get("temperature"), 1),
                _fmt(wk.low.get("spo2")),
                _fmt(wk.high.get("heart_rate")),
                _fmt(wk.high.get("resp_rate")),
                _fmt(wk.low.get("systolic_bp")),
            ]
            for monday, wk in reversed(weeks)
        ]
        pdf.grid(
            [w["week"], w["count"], w["levels"], w["temp"], w["spo2"], w["hr"], w["rr"], w["sbp"]],
            rows,
            (26, 18, 26, 20, 20, 22, 20, 22),
        )
        pdf.set_font("DejaVu", size=9)
        pdf.multi_cell(0, 6, w["total"].format(n=s.total, first=day(s.first), last=day(s.last)),
                       new_x="LMARGIN", new_y="NEXT")  # fmt: skip

    pdf.heading(w["scores"])
    if not s.scores:
        pdf.multi_cell(0, 6, w["no_scores"], new_x="LMARGIN", new_y="NEXT")
    else:
        from relais.content.scoring import band_for

        rows = []
        for qid, values in sorted(s.scores.items()):
            q = library.questionnaires.get(qid)
            when, latest = values[-1]
            band = None
            if q is not None and q.scoring is not None:
                found = band_for(q.scoring.bands, latest)
                band = found.label.get(lang) if found else None
            title = (q.title.get(lang) or qid) if q else qid
            previous = ", ".join(_fmt(v, 1 if v % 1 else 0) for _, v in values[:-1][::-1])
            rows.append(
                [title, _fmt(latest, 1 if latest % 1 else 0), band or "–", day(when), previous]
            )
        pdf.grid(
            [w["questionnaire"], w["latest"], w["band"], w["date"], w["previous"]],
            rows,
            (60, 22, 40, 24, 28),
        )

    alerts = await data.alerts(subject.id, subject.until, subject.hidden)
    reasons = data.rule_reasons(library)
    shown = list(reversed(alerts))[:ALERTS_SHOWN]
    pdf.heading(w["alerts"].format(n=len(alerts), shown=len(shown)))
    if not alerts:
        pdf.multi_cell(0, 6, w["no_alerts"], new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.grid(
            [w["opened"], w["level"], w["reasons"], w["state"]],
            [
                [
                    day(a["opened_at"]),
                    w.get(a["level"], a["level"]),
                    "; ".join(
                        reasons[r][1].get(lang, r) if r in reasons else r for r in a["reasons"]
                    )
                    or "–",
                    w.get(a["state"], a["state"]) + (f" ({a['outcome']})" if a["outcome"] else ""),
                ]
                for a in shown
            ],
            (24, 18, 108, 30),
        )
    await _children(pdf, library, subject, w, lang, day)
    return bytes(pdf.output())


async def _children(
    pdf: _Pdf,
    library: ContentLibrary,
    subject: Subject,
    w: dict[str, str],
    lang: str,
    day: Any,
) -> None:
    """A child's growth, development checks, wellbeing screens and return to school: each
    section printed when the child has such data."""
    children = library.children
    if children is None:
        return

    def z_of(m: data.Growth, indicator: str) -> str:
        found = next((z for z in m.scores if z.indicator == indicator), None)
        return f"{found.z:+.1f}" if found is not None else "–"

    growth = (await data.growth(library, subject))[-GROWTH_SHOWN:]
    if growth:
        pdf.heading(w["growth"])
        pdf.grid(
            [w["date"], w["age"], w["weight"], w["length"], w["head"], w["z_weight"],
             w["z_length"], w["z_head"]],
            [[day(m.row["measured_on"]), w["months"].format(n=int(m.age_days / 30.4375)),
              _fmt(m.row["weight_kg"], 2), _fmt(m.row["length_cm"], 1),
              _fmt(m.row["head_cm"], 1), z_of(m, "weight_for_age"),
              z_of(m, "length_height_for_age"), z_of(m, "head_circumference_for_age")]
             for m in reversed(growth)],
            (24, 20, 22, 22, 20, 20, 22, 20),
        )  # fmt: skip
    checks = await data.development(subject)
    if checks:
        pdf.heading(w["development"])
        rows = []
        for c in reversed(checks[-ALERTS_SHOWN:]):
            check = children.check(c["check_id"])
            texts = {m.id: m.text for m in check.milestones} if check else {}
            counts = [sum(1 for a in c["answers"].values() if a == k)
                      for k in ("yes", "not_yet", "not_sure")]  # fmt: skip
            pending = [
                (texts[mid].get(lang) or mid) if mid in texts else mid
                for mid, a in c["answers"].items()
                if a in ("not_yet", "not_sure")
            ]
            title = (check.title.get(lang) or c["check_id"]) if check else c["check_id"]
            rows.append([title, day(c["answered_at"]), " / ".join(map(str, counts)),
                         "; ".join(pending) or "–"])  # fmt: skip
        pdf.grid([w["check"], w["date"], w["answers"], w["not_yet"]], rows, (40, 22, 30, 88))
    screens = await data.wellbeing(subject)
    if screens:
        pdf.heading(w["wellbeing"])
        rows = []
        for s in reversed(screens[-ALERTS_SHOWN:]):
            q = library.questionnaires.get(s["questionnaire_id"])
            rows.append([
                day(s["taken_at"]),
                (q.title.get(lang) or s["questionnaire_id"]) if q else s["questionnaire_id"],
                w["about_child"] if s["respondent"] == "child" else w["about_parent"],
                _fmt(s["score"]) if s["score"] is not None else "–",
                w["positive"] if s["positive"] else w["negative"],
            ])  # fmt: skip
        pdf.grid(
            [w["date"], w["questionnaire"], w["about"], w["score"], w["result"]],
            rows,
            (22, 74, 22, 22, 40),
        )
    school = await data.school(subject)
    checklist = children.school
    if school and checklist is not None:
        pdf.heading(w["school"])
        by_id = {r["item_id"]: r for r in school}
        rows = []
        for it in sorted(checklist.items, key=lambda i: i.order):
            r = by_id.get(it.id)
            state = r["state"] if r else "todo"
            label = getattr(checklist.states, state, None)
            rows.append([
                it.title.get(lang) or it.id,
                (label.get(lang) or state) if label else state,
                day(r["due_on"]) if r and r["due_on"] else "–",
                day(r["done_on"]) if r and r["done_on"] else "–",
                (r["note"] if r else "") or "–",
            ])  # fmt: skip
        pdf.grid(
            [w["item"], w["state"], w["due"], w["done"], w["note"]], rows, (64, 26, 22, 22, 46)
        )
