"""Live queries over the review queue, decisions and cases for one period and region.

These tables hold the flagged few percent of posts, so they are read directly (by
indexed time ranges) rather than rolled up: their figures change as late decisions and
follow-ups arrive, and a median cannot be summed from daily parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from pantau.models import (
    Account,
    Case,
    CaseEvent,
    CivilServant,
    Classification,
    Decision,
    Post,
    ReviewItem,
    Verdict,
)
from pantau.scope import scope_filter
from pantau.stats.period import Filters
from pantau.stats.sql import local_day, parse_entities, seconds_between, supported_json

EXPORTED, RECOMMENDED, SANCTIONED = "exported", "recommendation_issued", "sanctioned"


@dataclass(frozen=True)
class FlagRow:
    day: str
    region_code: str
    platform: str
    count: int


@dataclass(frozen=True)
class DecisionRow:
    item_id: int
    verdict: Verdict
    violation_code: str | None
    position_category: str | None  # the analyst's, else the registry's
    agency: str | None
    reviewer_id: int
    day: str
    first: bool  # the item's first decision (any verdict)
    wait_seconds: float
    model_version: str | None
    partisan_score: float | None
    supported: list[str]
    region_code: str
    platform: str


@dataclass(frozen=True)
class CaseRow:
    id: int
    day: str
    violation_codes: list[str]
    position_category: str
    agency: str
    region_code: str


def flags(session: Session, filters: Filters) -> list[FlagRow]:
    """Review items created in the period (one per flagged post), per day/region/platform."""
    lo, hi = filters.period.bounds
    day = local_day(session, ReviewItem.created_at, filters.period)
    rows = session.execute(
        select(day, ReviewItem.region_code, Post.platform, func.count())
        .join(Post, Post.id == ReviewItem.post_id)
        .where(
            ReviewItem.created_at >= lo,
            ReviewItem.created_at < hi,
            scope_filter(ReviewItem.region_code, filters.region),
        )
        .group_by(day, ReviewItem.region_code, Post.platform)
    )
    return [FlagRow(str(d), r or "", str(p), int(n)) for d, r, p, n in rows]


def decisions(session: Session, filters: Filters) -> list[DecisionRow]:
    """Every decision made in the period on an item in the region."""
    lo, hi = filters.period.bounds
    earlier = aliased(Decision)
    first = ~exists().where(
        earlier.review_item_id == Decision.review_item_id, earlier.id < Decision.id
    )
    query = (
        select(
            Decision.review_item_id,
            Decision.verdict,
            Decision.violation_code,
            func.coalesce(Decision.position_category, CivilServant.position_category),
            CivilServant.agency,
            Decision.reviewer_id,
            local_day(session, Decision.created_at, filters.period),
            first,
            seconds_between(session, ReviewItem.created_at, Decision.created_at),
            Classification.model_version,
            Classification.partisan_score,
            supported_json(session),
            ReviewItem.region_code,
            Post.platform,
        )
        .join(ReviewItem, ReviewItem.id == Decision.review_item_id)
        .join(Post, Post.id == ReviewItem.post_id)
        .outerjoin(Classification, Classification.id == ReviewItem.classification_id)
        .outerjoin(Account, Account.id == Post.account_id)
        .outerjoin(CivilServant, CivilServant.id == Account.civil_servant_id)
        .where(
            Decision.created_at >= lo,
            Decision.created_at < hi,
            scope_filter(ReviewItem.region_code, filters.region),
        )
    )
    return [_decision(row) for row in session.execute(query)]


def _decision(row: Any) -> DecisionRow:
    (item, verdict, code, category, agency, reviewer, day, first, wait, model, score) = row[:11]
    supported, region, platform = row[11:]
    return DecisionRow(
        item_id=int(item),
        verdict=Verdict(verdict),
        violation_code=code,
        position_category=category,
        agency=agency,
        reviewer_id=int(reviewer),
        day=str(day),
        first=bool(first),
        wait_seconds=max(float(wait or 0.0), 0.0),
        model_version=model,
        partisan_score=None if score is None else float(score),
        supported=parse_entities(supported),
        region_code=region or "",
        platform=str(platform),
    )


def cases(session: Session, filters: Filters) -> list[CaseRow]:
    lo, hi = filters.period.bounds
    rows = session.execute(
        select(
            Case.id,
            local_day(session, Case.created_at, filters.period),
            Case.violation_codes,
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
        CaseRow(int(i), str(d), list(codes or []), cat or "", agency or "", region or "")
        for i, d, codes, cat, agency, region in rows
    ]


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
