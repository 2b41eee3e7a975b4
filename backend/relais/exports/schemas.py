from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec

from relais.web.schemas import Base, In


class EraseIn(In):
    password: Annotated[str, msgspec.Meta(min_length=1, max_length=256)]
    confirm: bool = False


class EraseOut(Base):
    erased: bool
    mode: str
    message: str


class DataPolicyOut(Base):
    """What this deployment does with a person's data: shown before they close their account."""

    erasure_mode: Literal["delete", "pseudonymise"]
    retention_health_days: int
    retention_audit_days: int
    retention_technical_days: int
    controller: str
    dpo: str


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
