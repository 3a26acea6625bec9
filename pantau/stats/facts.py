"""One local day's counts, straight from the base tables: what the rollup stores per day.

Every kind is a count per (region, key) with an optional counted subset (`part`):

    posts       key platform      total posts first seen
    classified  key entity        total classifications naming it, part flagged
    flags       key platform      total review items created (one per flagged post)
    final       key platform      total confirm/dismiss decisions, part confirmations
    verdict     key verdict       total decisions (escalations included)
    violation   key code          total confirmations
    position    key group         total confirmations (JPT, Administrator, ...)
    agency      key agency        total confirmations ("" = account not linked)
    model       key version       total confirm/dismiss, part confirmations
    band        key score band    total confirm/dismiss, part confirmations
    side        key entity        total confirm/dismiss, part confirmations
    analyst     key reviewer id   total decisions
    wait        key bucket        total first decisions whose wait fell in the bucket

Decisions count on the day they were made, posts on the day first seen, review items
on the day created: all of them are written once, so a finished day stays finished.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.models import Account, CivilServant, Classification, Post, ReviewItem, Verdict
from pantau.stats import decisions as decision_rows
from pantau.stats.period import Period
from pantau.stats.sql import has_supported, parse_entities, supported_json
from pantau.taxonomy import get_taxonomy

DAY, POSTS, CLASSIFIED, FLAGS, FINAL = "day", "posts", "classified", "flags", "final"
VERDICT, VIOLATION, POSITION, AGENCY = "verdict", "violation", "position", "agency"
MODEL, BAND, SIDE, ANALYST, WAIT = "model", "band", "side", "analyst", "wait"
KINDS: tuple[str, ...] = (POSTS, CLASSIFIED, FLAGS, FINAL, VERDICT, VIOLATION, POSITION)
KINDS += (AGENCY, MODEL, BAND, SIDE, ANALYST, WAIT)
BANDS = 10  # partisan-score bands of 0.1
WAIT_RATIO = 1.02  # wait buckets grow by 2%, so a median read from them is within 2%


@dataclass(frozen=True)
class Fact:
    day: date
    kind: str
    region_code: str
    key: str
    total: int
    part: int = 0


@lru_cache(maxsize=256)
def position_group(code: str | None) -> str:
    if not code:
        return ""
    try:
        return get_taxonomy().position_category(code).group
    except KeyError:
        return ""


def band(score: float | None) -> str:
    if score is None:
        return ""
    low = min(int(score * BANDS), BANDS - 1) / BANDS
    return f"{low:.1f}–{low + 1 / BANDS:.1f}"


def wait_bucket(seconds: float) -> int:
    if seconds < 60:
        return 0
    return 1 + int(math.log(seconds / 60) / math.log(WAIT_RATIO))


def bucket_bounds(bucket: int) -> tuple[float, float]:
    if bucket == 0:
        return 0.0, 60.0
    return 60 * WAIT_RATIO ** (bucket - 1), 60 * WAIT_RATIO**bucket


class _Tally:
    def __init__(self) -> None:
        self.total: Counter[tuple[str, str, str]] = Counter()
        self.part: Counter[tuple[str, str, str]] = Counter()

    def add(self, kind: str, region: str | None, key: object, part: bool = False) -> None:
        k = (kind, region or "", "" if key is None else str(key))
        self.total[k] += 1
        self.part[k] += int(part)

    def facts(self, day: date) -> list[Fact]:
        return [Fact(day, *k, n, self.part[k]) for k, n in sorted(self.total.items())]


def _posts(session: Session, day: date, period: Period) -> list[Fact]:
    """Collected posts by region: the post's own (its source's), else its review item's
    (the matched contest or linked civil servant), else the account's civil servant's."""
    lo, hi = period.bounds
    region = func.coalesce(Post.region_code, ReviewItem.region_code, CivilServant.region_code)
    rows = session.execute(
        select(region, Post.platform, func.count())
        .outerjoin(ReviewItem, ReviewItem.post_id == Post.id)
        .outerjoin(Account, Account.id == Post.account_id)
        .outerjoin(CivilServant, CivilServant.id == Account.civil_servant_id)
        .where(Post.first_seen_at >= lo, Post.first_seen_at < hi)
        .group_by(region, Post.platform)
    )
    return [Fact(day, POSTS, r or "", str(p), int(n)) for r, p, n in rows]


def _flags(session: Session, day: date, period: Period) -> list[Fact]:
    lo, hi = period.bounds
    rows = session.execute(
        select(ReviewItem.region_code, Post.platform, func.count())
        .join(Post, Post.id == ReviewItem.post_id)
        .where(ReviewItem.created_at >= lo, ReviewItem.created_at < hi)
        .group_by(ReviewItem.region_code, Post.platform)
    )
    return [Fact(day, FLAGS, r or "", str(p), int(n)) for r, p, n in rows]


def _classified(session: Session, tally: _Tally, period: Period) -> None:
    lo, hi = period.bounds
    rows = session.execute(
        select(Post.region_code, Classification.flagged, supported_json(session))
        .join(Post, Post.id == Classification.post_id)
        .where(
            Classification.created_at >= lo, Classification.created_at < hi, has_supported(session)
        )
    )
    for region, flagged, supported in rows:
        for entity in parse_entities(supported):
            tally.add(CLASSIFIED, region, entity, bool(flagged))


def _decisions(session: Session, tally: _Tally, period: Period) -> None:
    for d in decision_rows.fetch(session, period):
        if d.verdict in (Verdict.UNDO, Verdict.REOPEN):
            continue  # corrections, not decisions
        region = d.region_code
        tally.add(VERDICT, region, d.verdict.value)
        tally.add(ANALYST, region, d.reviewer_id)
        if d.first:
            tally.add(WAIT, region, wait_bucket(d.wait_seconds))
        if d.verdict is Verdict.ESCALATE:
            continue
        confirmed = d.verdict is Verdict.CONFIRM
        tally.add(FINAL, region, d.platform, confirmed)
        tally.add(MODEL, region, d.model_version, confirmed)
        tally.add(BAND, region, band(d.partisan_score), confirmed)
        for entity in d.supported:
            tally.add(SIDE, region, entity, confirmed)
        if confirmed:
            tally.add(VIOLATION, region, d.violation_code)
            tally.add(POSITION, region, position_group(d.position_category))
            tally.add(AGENCY, region, d.agency)


def day_facts(session: Session, day: date, zone: str) -> list[Fact]:
    """Every count for one local day."""
    period = Period(day, day, zone)
    tally = _Tally()
    _classified(session, tally, period)
    _decisions(session, tally, period)
    return [*_posts(session, day, period), *_flags(session, day, period), *tally.facts(day)]
