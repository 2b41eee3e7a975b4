"""The patient's record as CSV files, one per kind, in a zip streamed as it is written.

The zip is written to a sink that is emptied after every batch of check-ins (``zipfile`` writes
entries with data descriptors when it cannot seek), so memory stays bounded. Cells that a
spreadsheet would run as a formula (starting with = + - @) are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
import zipfile
from collections.abc import AsyncIterator, Iterable
from typing import Any

from relais.content.loader import ContentLibrary
from relais.db import as_utc, as_uuid
from relais.exports import data
from relais.exports.data import Subject

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Sink(io.RawIOBase):
    """A write-only, non-seekable stream whose bytes are taken out as they come."""

    def __init__(self) -> None:
        self.buf = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.buf += b
        return len(b)

    def take(self) -> bytes:
        out = bytes(self.buf)
        self.buf.clear()
        return out


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return as_utc(value).isoformat()
    if isinstance(value, dt.date | uuid.UUID):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _CsvEntry:
    """One CSV file inside the zip, written row by row."""

    def __init__(self, zf: zipfile.ZipFile, name: str, header: list[str]) -> None:
        self.raw = zf.open(zipfile.ZipInfo(name, date_time=_zip_time()), "w", force_zip64=True)
        self.text = io.TextIOWrapper(self.raw, encoding="utf-8", newline="")
        self.text.write("\ufeff")  # spreadsheets then read the accents right
        self.writer = csv.writer(self.text)
        self.writer.writerow(header)

    def rows(self, rows: Iterable[Iterable[Any]]) -> None:
        self.writer.writerows([cell(v) for v in row] for row in rows)
        self.text.flush()

    def close(self) -> None:
        self.text.flush()
        self.text.detach()
        self.raw.close()


async def children_files(
    library: ContentLibrary, subject: Subject
) -> list[tuple[str, list[str], list[list[Any]]]]:
    """A child's growth (with the WHO z-scores), development checks, wellbeing screens and
    return-to-school checklist: one file each, written when the child has such data."""
    out: list[tuple[str, list[str], list[list[Any]]]] = []
    growth = await data.growth(library, subject)
    if growth:
        out.append((
            "growth.csv",
            ["measurement_id", "measured_on", "age_days", "weight_kg", "length_cm", "position",
             "head_cm", "note", "entered_as"],
            [[m.row["id"], m.row["measured_on"], m.age_days, m.row["weight_kg"],
              m.row["length_cm"], m.position, m.row["head_cm"], m.row["note"],
              m.row["entered_as"]] for m in growth],
        ))  # fmt: skip
        out.append((
            "growth_zscores.csv",
            ["measurement_id", "measured_on", "indicator", "reference", "value", "z", "centile"],
            [[m.row["id"], m.row["measured_on"], z.indicator, z.reference, z.value, z.z,
              z.centile] for m in growth for z in m.scores],
        ))  # fmt: skip
    checks = await data.development(subject)
    if checks:
        children = library.children
        domains = dict(children.milestones) if children is not None else {}
        out.append((
            "development.csv",
            ["check_id", "check", "answered_at", "age_days", "corrected_age", "milestone",
             "domain", "answer", "answered_later_at", "reviewed_at"],
            [[c["id"], c["check_id"], c["answered_at"], c["age_days"], c["corrected"], mid,
              domains[mid][1].domain if mid in domains else "", answer,
              (c["completed"].get(mid) or {}).get("at"), c["reviewed_at"]]
             for c in checks for mid, answer in c["answers"].items()],
        ))  # fmt: skip
    screens = await data.wellbeing(subject)
    if screens:
        out.append((
            "wellbeing.csv",
            ["screen_id", "questionnaire", "respondent", "taken_at", "score", "positive"],
            [[w["id"], w["questionnaire_id"], w["respondent"], w["taken_at"], w["score"],
              w["positive"]] for w in screens],
        ))  # fmt: skip
        out.append((
            "wellbeing_answers.csv",
            ["screen_id", "questionnaire", "item", "value"],
            [[w["id"], w["questionnaire_id"], item, value]
             for w in screens for item, value in w["answers"].items()],
        ))  # fmt: skip
    children = library.children
    checklist = children.school if children is not None else None
    school = await data.school(subject)
    if school and checklist is not None:
        by_id = {r["item_id"]: r for r in school}
        lang = subject.lang
        rows = []
        for it in sorted(checklist.items, key=lambda i: i.order):
            r = by_id.get(it.id) or {}
            rows.append([
                it.id, it.title.get(lang) or it.title.get("en", ""), r.get("state", "todo"),
                r.get("responsible", it.responsible), r.get("due_on"), r.get("done_on"),
                r.get("note", ""), r.get("updated_at"), r.get("updated_as", ""),
            ])  # fmt: skip
        out.append((
            "school.csv",
            ["item", "title", "state", "responsible", "due_on", "done_on", "note", "updated_at",
             "updated_as"],
            rows,
        ))  # fmt: skip
    return out


def _zip_time() -> tuple[int, int, int, int, int, int]:
    now = dt.datetime.now(dt.UTC)
    return (now.year, now.month, now.day, now.hour, now.minute, now.second)


async def csv_zip(library: ContentLibrary, subject: Subject) -> AsyncIterator[bytes]:
    sink = _Sink()
    zf = zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_DEFLATED)
    pid = subject.id
    p = subject.patient

    def small(name: str, header: list[str], rows: Iterable[Iterable[Any]]) -> None:
        entry = _CsvEntry(zf, name, header)
        entry.rows(rows)
        entry.close()

    small(
        "patient.csv",
        ["id", "given_name", "family_name", "birth_date", "sex_at_birth", "phone", "locale",
         "timezone", "gp_name", "gp_phone", "discharge_date", "day1", "plan_id", "status"],
        [[pid, p["given_name"], p["family_name"], p["birth_date"], p["sex_at_birth"], p["phone"],
          p["locale"], p["timezone"], p["gp_name"], p["gp_phone"], p["discharge_date"], p["day1"],
          p["plan_id"], p["status"]]],
    )  # fmt: skip
    small(
        "family.csv",
        ["name", "relationship", "can_log", "can_read_results", "can_read_messages", "since",
         "ended_at", "valid_until"],
        [[r["user.display_name"], r["relationship"], r["can_log"], r["can_read_results"],
          r["can_read_messages"], r["created_at"], r["ended_at"], r["valid_until"]]
         for r in await data.proxies(pid)],
    )  # fmt: skip
    team_rows = await data.teams(pid)
    small(
        "care_team.csv",
        ["team_id", "team", "phone", "member", "role", "is_lead"],
        [[t["id"], t["name"], t["phone"], m["user.display_name"], m["role"], m["is_lead"]]
         for t in team_rows for m in (t["members"] or [{"user.display_name": "", "role": "",
                                                          "is_lead": False}])],
    )  # fmt: skip
    h = await data.handover(pid)
    small(
        "handover.csv",
        ["summary", "referent_name", "referent_phone", "prescriptions", "next_appointment_at",
         "next_appointment_place", "next_appointment_reason", "documents_given", "updated_at"],
        [[h["summary"], h["referent_name"], h["referent_phone"], h["prescriptions"],
          h["next_appointment_at"], h["next_appointment_place"], h["next_appointment_reason"],
          h["documents_given"], h["updated_at"]]] if h else [],
    )  # fmt: skip
    small(
        "schedule.csv",
        ["plan_id", "item", "kind", "questionnaires", "due_at", "window_end", "status", "done_at"],
        [[r["plan_id"], r["plan_item_id"], r["kind"], r["questionnaires"], r["due_at"],
          r["window_end"], r["status"], r["done_at"]] for r in await data.schedule(pid)],
    )  # fmt: skip
    yield sink.take()

    # zipfile writes one entry at a time, so each per-check-in file is its own pass over the
    # check-ins (batch by batch): four reads of the rows instead of holding them all.
    vitals = data.vital_defs(library)

    def checkin_rows(r: dict[str, Any]) -> list[list[Any]]:
        return [[r["id"], r["taken_at"], r["received_at"], r["level"],
                 " ".join(f["id"] for f in r["fired"]), r["note"]]]  # fmt: skip

    def answer_rows(r: dict[str, Any]) -> list[list[Any]]:
        out = []
        for item_id, value in r["answers"].items():
            found = library.item(item_id)
            out.append([r["id"], r["taken_at"], found[0].id if found else "", item_id, value])
        return out

    def vital_rows(r: dict[str, Any]) -> list[list[Any]]:
        out = []
        for name, value in r["vitals"].items():
            if value is None:
                continue
            v = vitals.get(name)
            out.append(
                [r["id"], r["taken_at"], name, value, v.unit if v else "", v.loinc if v else ""]
            )
        return out

    def score_rows(r: dict[str, Any]) -> list[list[Any]]:
        return [[r["id"], r["taken_at"], qid, total] for qid, total in r["scores"].items()]

    passes = [
        ("checkins.csv", ["checkin_id", "taken_at", "received_at", "level", "rules", "note"],
         checkin_rows),
        ("answers.csv", ["checkin_id", "taken_at", "questionnaire", "item", "value"], answer_rows),
        ("vitals.csv", ["checkin_id", "taken_at", "vital", "value", "unit_ucum", "loinc"],
         vital_rows),
        ("scores.csv", ["checkin_id", "taken_at", "questionnaire", "score"], score_rows),
    ]  # fmt: skip
    for name, header, make in passes:
        entry = _CsvEntry(zf, name, header)
        async for batch in data.iter_checkins(pid, subject.until, hidden=subject.hidden):
            entry.rows(row for r in batch for row in make(r))
            yield sink.take()
        entry.close()
        yield sink.take()

    reasons = data.rule_reasons(library)
    small(
        "alerts.csv",
        ["alert_id", "team", "level", "kind", "rules", "reasons", "state", "opened_at",
         "acknowledged_at", "resolved_at", "outcome", "note"],
        [[a["id"], a["team.name"], a["level"], a["kind"], " ".join(a["reasons"]),
          "; ".join(reasons[r][1].get(subject.lang, r) if r in reasons else r
                    for r in a["reasons"]),
          a["state"], a["opened_at"], a["acknowledged_at"], a["resolved_at"], a["outcome"],
          a["note"]] for a in await data.alerts(pid, subject.until, subject.hidden)],
    )  # fmt: skip
    small(
        "team_sharing.csv",
        ["team", "decision", "decided_at"],
        [[c["team.name"], c["decision"], c["decided_at"]] for c in await data.team_consents(pid)],
    )
    for name, header, rows in await children_files(library, subject):
        small(name, header, rows)
    yield sink.take()
    msgs = await data.messages(pid, subject.until)
    if msgs:
        names = await data.user_names({as_uuid(m["author"]) for m in msgs if m.get("author")})
        small(
            "messages.csv",
            ["sent_at", "author", "body"],
            [[m["created_at"],
              names.get(as_uuid(m["author"]), {}).get("display_name", "") if m.get("author")
              else "", m["body"]] for m in msgs],
        )  # fmt: skip
    zf.close()
    yield sink.take()
