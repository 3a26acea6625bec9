"""The decisions of one period, joined to what the dashboard breaks them down by."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from pantau.models import (
    Account,
    CivilServant,
    Classification,
    Decision,
    Post,
    ReviewItem,
    Verdict,
)
from pantau.stats.period import Period
from pantau.stats.sql import parse_entities, seconds_between, supported_json


@dataclass(frozen=True)
class DecisionRow:
    item_id: int
    verdict: Verdict
    violation_code: str | None
    position_category: str | None  # the analyst's, else the registry's
    agency: str | None
    reviewer_id: int
    first: bool  # the item's first decision (any verdict)
    wait_seconds: float
    model_version: str | None
    partisan_score: float | None
    supported: list[str]
    region_code: str
    platform: str


def fetch(session: Session, period: Period) -> list[DecisionRow]:
    """Every decision made in the period, with what the dashboard counts it by."""
    lo, hi = period.bounds
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
        )
    )
    return [_decision(row) for row in session.execute(query)]


def _decision(row: Any) -> DecisionRow:
    (item, verdict, code, category, agency, reviewer, first, wait, model, score) = row[:10]
    supported, region, platform = row[10:]
    return DecisionRow(
        item_id=int(item),
        verdict=Verdict(verdict),
        violation_code=code,
        position_category=category,
        agency=agency,
        reviewer_id=int(reviewer),
        first=bool(first),
        wait_seconds=max(float(wait or 0.0), 0.0),
        model_version=model,
        partisan_score=None if score is None else float(score),
        supported=parse_entities(supported),
        region_code=region or "",
        platform=str(platform),
    )
