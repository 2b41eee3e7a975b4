"""The return-to-school checklist shared by the family and the team."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from relais.access.policy import Access, today_in
from relais.children.common import (
    children_of,
    refused,
    text_in,
)
from relais.children.schemas import (
    SchoolIn,
    SchoolItemOut,
    SchoolOut,
)
from relais.children.tables import (
    SchoolStatus,
)
from relais.content.loader import ContentLibrary
from relais.db import as_utc, as_uuid, transaction, utcnow
from relais.errors import FieldRefusal, Refusal
from relais.phone_writes import item_done

# --- school ------------------------------------------------------------------------------------


async def school_view(library: ContentLibrary, pid: uuid.UUID, lang: str) -> SchoolOut:
    checklist = children_of(library).school
    if checklist is None:
        raise Refusal("no-school", "not-found")
    rows = {r["item_id"]: r for r in await SchoolStatus.select().where(SchoolStatus.patient == pid)}
    items: list[SchoolItemOut] = []
    for it in sorted(checklist.items, key=lambda i: i.order):
        r = rows.get(it.id)
        state = r["state"] if r else "todo"
        items.append(
            SchoolItemOut(
                id=it.id,
                order=it.order,
                title=text_in(it.title, lang),
                help=text_in(it.help, lang),
                state=state,  # type: ignore[arg-type]
                state_label=text_in(getattr(checklist.states, state), lang),
                responsible=r["responsible"] if r else it.responsible,
                due_on=r["due_on"] if r else None,
                done_on=r["done_on"] if r else None,
                note=r["note"] if r else "",
                updated_at=as_utc(r["updated_at"]) if r else None,
                updated_as=r["updated_as"] if r else "",
            )
        )
    closed = sum(1 for i in items if i.state in ("done", "not_needed"))
    return SchoolOut(
        title=text_in(checklist.title, lang),
        description=text_in(checklist.description, lang),
        items=items,
        done=closed,
        total=len(items),
        state_labels={
            name: text_in(getattr(checklist.states, name), lang)
            for name in checklist.states.__struct_fields__
        },
    )


async def save_school(
    library: ContentLibrary, access: Access, data: SchoolIn, by: uuid.UUID, lang: str
) -> SchoolOut:
    checklist = children_of(library).school
    if checklist is None:
        raise Refusal("no-school", "not-found")
    known = {i.id: i for i in checklist.items}
    errors = [
        FieldRefusal(f"items.{it.id}", "unknown-checklist-item", {"item": it.id})
        for it in data.items
        if it.id not in known
    ]
    ids = [it.id for it in data.items]
    errors += [
        FieldRefusal(f"items.{i}", "given-twice")
        for i in sorted({i for i in ids if ids.count(i) > 1})
    ]
    if errors:
        raise refused("invalid-school-checklist", errors)
    pid = as_uuid(access.patient["id"])
    now = utcnow()
    today = today_in(access.patient["timezone"])
    async with transaction():
        current = {
            r["item_id"]: r
            for r in await SchoolStatus.select(
                SchoolStatus.item_id, SchoolStatus.responsible
            ).where(SchoolStatus.patient == pid)
        }
        for it in data.items:
            done_on = it.done_on or (today if it.state == "done" else None)
            # Not given: who takes care of it stays as it was (the content's default at first).
            kept = current[it.id]["responsible"] if it.id in current else known[it.id].responsible
            values: dict[Any, Any] = {
                SchoolStatus.state: it.state,
                SchoolStatus.responsible: it.responsible or kept,
                SchoolStatus.due_on: it.due_on,
                SchoolStatus.done_on: done_on if it.state == "done" else None,
                SchoolStatus.note: it.note,
                SchoolStatus.updated_at: now,
                SchoolStatus.updated_by: by,
                SchoolStatus.updated_as: access.relation,
            }
            where = (SchoolStatus.patient == pid) & (SchoolStatus.item_id == it.id)
            if it.id in current:
                await SchoolStatus.update(values).where(where)
            else:
                await SchoolStatus.insert(
                    SchoolStatus(
                        patient=pid, item_id=it.id, **{c._meta.name: v for c, v in values.items()}
                    )
                )
        out = await school_view(library, pid, lang)
        if out.done == out.total:
            await item_done(pid, "school", None, now, by, dt.timedelta(days=3650))
    return out
