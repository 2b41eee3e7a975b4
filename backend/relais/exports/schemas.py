from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec


class Base(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    pass


class EraseIn(Base):
    password: Annotated[str, msgspec.Meta(min_length=1, max_length=256)]
    confirm: bool = False


class EraseOut(Base):
    erased: bool
    mode: str
    message: str


class AccessLogEntry(Base):
    at: dt.datetime
    who: str
    role: str
    teams: list[str]
    action: str


class AccessLogOut(Base):
    items: list[AccessLogEntry]
    page: int
    per_page: int
    total: int


class ProcessingRecordOut(Base):
    controller: str
    dpo: str
    lang: str
    erasure_mode: str
    activities: list[dict[str, Any]]
    security: str
    transfers: str
    markdown: str
