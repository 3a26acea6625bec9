"""Dialect-specific SQL fragments the aggregates need (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Float, String, cast, func, literal_column, text
from sqlalchemy.orm import Session

from pantau.db import is_postgres
from pantau.models import Classification
from pantau.stats.period import Period


def local_day(session: Session, column: Any, period: Period) -> ColumnElement[str]:
    """The local calendar day of a UTC timestamp column, as 'YYYY-MM-DD'."""
    if is_postgres(session):
        return func.to_char(func.timezone(period.zone, column), "YYYY-MM-DD")
    # SQLite stores naive UTC text; Indonesian zones have a fixed offset.
    return func.strftime("%Y-%m-%d", column, f"{period.utc_offset_minutes():+d} minutes")


def seconds_between(session: Session, earlier: Any, later: Any) -> ColumnElement[float]:
    if is_postgres(session):
        return cast(func.extract("epoch", later - earlier), Float)
    return (func.julianday(later) - func.julianday(earlier)) * 86400.0


def supported_json(session: Session) -> ColumnElement[Any]:
    """explanation["supported"] as JSON (the triage flow stores Score.supported there)."""
    if is_postgres(session):
        return Classification.explanation.op("->")(literal_column("'supported'"))
    return func.json_extract(Classification.explanation, "$.supported")


def has_supported(session: Session) -> ColumnElement[bool]:
    """Rows whose explanation names at least one supported entity."""
    if is_postgres(session):
        return cast(supported_json(session), String).notin_(["[]", "null"]) & (
            text("jsonb_typeof(classifications.explanation -> 'supported') = 'array'")
        )
    return func.json_array_length(Classification.explanation, "$.supported") > 0


def parse_entities(value: Any) -> list[str]:
    """The supported list as Python strings, whatever the driver handed back."""
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    if not isinstance(value, list):
        return []
    return sorted({str(v) for v in value if v})


def as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
