"""Live queries over cases and their history for one period and region.

Cases are few (one per civil servant reported), and their follow-ups arrive weeks
later, so they are read directly rather than rolled up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from pantau.models import Case, CaseEvent
from pantau.scope import scope_filter
from pantau.stats.period import Filters
from pantau.stats.sql import local_day

EXPORTED, RECOMMENDED, SANCTIONED = "exported", "recommendation_issued", "sanctioned"


@dataclass(frozen=True)
class CaseRow:
    id: int
    day: str
    violation_codes: list[str]
    position_category: str
    agency: str
    region_code: str


def cases(session: Session, filters: Filters) -> list[CaseRow]:
    lo, hi = filters.period.bounds
    rows = session.execute(
        select(
            Case.id,
            local_day(session, Case.created_at, filters.period),
            cast(Case.violation_codes, String),  # parsed below: cheaper than the JSON type
            Case.position_category,
            Case.agency,
            Case.region_code,
        ).where(
            Case.created_at >= lo,
            Case.created_at < hi,
            scope_filter(Case.region_code, filters.region),
        )
    )
    return [
        CaseRow(int(i), str(d), _codes(codes), cat or "", agency or "", region or "")
        for i, d, codes, cat, agency, region in rows
    ]


def _codes(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def case_events(session: Session, filters: Filters, kind: str) -> set[int]:
    """Cases in the region that had an event of `kind` in the period."""
    lo, hi = filters.period.bounds
    return set(
        session.scalars(
            select(CaseEvent.case_id)
            .join(Case, Case.id == CaseEvent.case_id)
            .where(
                CaseEvent.kind == kind,
                CaseEvent.occurred_at >= lo,
                CaseEvent.occurred_at < hi,
                scope_filter(Case.region_code, filters.region),
            )
            .distinct()
        )
    )


def followed_up(session: Session, case_ids: set[int]) -> set[int]:
    """Of these cases, those whose PPK acted on the recommendation (a sanction), ever."""
    if not case_ids:
        return set()
    found: set[int] = set()
    ids = sorted(case_ids)
    for i in range(0, len(ids), 500):
        found.update(
            session.scalars(
                select(CaseEvent.case_id)
                .where(CaseEvent.kind == SANCTIONED, CaseEvent.case_id.in_(ids[i : i + 500]))
                .distinct()
            )
        )
    return found
