"""The daily rollup: every dashboard count per local day, refreshed incrementally.

Posts and classifications grow to millions of rows, and even the review tables are too
big to join row by row for every page load, so the dashboard reads per-day counts
(pantau.stats.facts) summed in SQL. The nightly flow calls `refresh()`, which rolls up
every finished local day not rolled up yet and re-rolls the last two weeks (late
registry links, transactions that straddled midnight). Days not rolled up, such as
today, are counted live with the same function, so rollup and live cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from pantau.models import Classification, Decision, Post, ReviewItem, StatsDaily
from pantau.settings import get_settings
from pantau.stats.facts import DAY, Fact, day_facts
from pantau.stats.months import roll_months
from pantau.stats.period import local_today
from pantau.stats.sql import as_date
from pantau.timeutil import local, utcnow

# The registry link behind the agency and position breakdowns can be made after the
# decision; re-rolling the last two weeks every night picks such late links up.
OVERLAP_DAYS = 14


@dataclass(frozen=True)
class RefreshReport:
    days: int
    rows: int
    first: date | None = None
    last: date | None = None


def roll_day(session: Session, day: date, zone: str) -> int:
    """Replace one day's rollup rows; idempotent."""
    session.execute(delete(StatsDaily).where(StatsDaily.day == day))
    facts = [*day_facts(session, day, zone), Fact(day, DAY, "", "", 0)]
    now = utcnow()
    session.execute(
        insert(StatsDaily),
        [
            dict(
                day=f.day,
                kind=f.kind,
                region_code=f.region_code,
                key=f.key,
                total=f.total,
                part=f.part,
                refreshed_at=now,
            )
            for f in facts
        ],
    )
    return len(facts)


def _earliest_day(session: Session, zone: str) -> date | None:
    firsts = [
        session.scalar(select(func.min(column)))
        for column in (
            Post.first_seen_at,
            Classification.created_at,
            ReviewItem.created_at,
            Decision.created_at,
        )
    ]
    found = [local(t, zone).date() for t in firsts if isinstance(t, datetime)]
    return min(found) if found else None


def refresh(
    session: Session,
    *,
    now: datetime | None = None,
    full: bool = False,
    overlap_days: int = OVERLAP_DAYS,
) -> RefreshReport:
    """Roll up every finished local day since the last rolled-up one, re-rolling the
    last `overlap_days` of those (all days if `full`).

    The caller commits. A full rebuild recounts from what the tables hold now, so days
    whose posts were purged by retention lose those posts; the incremental path keeps
    them, which is why the nightly flow uses it.
    """
    zone = get_settings().timezone
    today = local_today(zone, now)
    start = _earliest_day(session, zone)
    last = (
        None
        if full
        else session.scalar(select(func.max(StatsDaily.day)).where(StatsDaily.kind == DAY))
    )
    if start is not None and last is not None:
        start = max(start, as_date(last) - timedelta(days=max(overlap_days, 1) - 1))
    if start is None or start >= today:
        return RefreshReport(0, 0)
    days = [start + timedelta(days=i) for i in range((today - start).days)]
    rows = sum(roll_day(session, day, zone) for day in days)
    rows += roll_months(session, days)
    return RefreshReport(len(days), rows, days[0], days[-1])
