"""The daily rollup: post and classification counts per local day, refreshed incrementally.

Posts and classifications are the tables that grow to millions of rows, so the dashboard
never scans them for a whole period. The nightly flow calls `refresh()`, which rolls up
every finished local day not yet rolled up (and re-rolls the last one, in case a
transaction straddled midnight). Days not rolled up yet, such as today, are counted live
from the base tables with the same query, so rollup and live counts cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from pantau.models import Classification, Post, StatsDaily
from pantau.scope import in_scope, scope_filter
from pantau.settings import get_settings
from pantau.stats.period import Filters, Period, local_today
from pantau.stats.sql import as_date, has_supported, parse_entities, supported_json
from pantau.timeutil import local, utcnow

DAY, POSTS, CLASSIFIED = "day", "posts", "classified"
GROUPS = ("day", "region_code", "platform", "entity")


@dataclass(frozen=True)
class Fact:
    day: date
    kind: str
    region_code: str
    platform: str
    entity: str
    total: int
    flagged: int = 0


@dataclass(frozen=True)
class RefreshReport:
    days: int
    rows: int
    first: date | None = None
    last: date | None = None


def day_facts(session: Session, day: date, zone: str) -> list[Fact]:
    """Count one local day straight from posts and classifications."""
    lo, hi = Period(day, day, zone).bounds
    posts = session.execute(
        select(Post.region_code, Post.platform, func.count())
        .where(Post.first_seen_at >= lo, Post.first_seen_at < hi)
        .group_by(Post.region_code, Post.platform)
    )
    facts = [Fact(day, POSTS, r or "", str(p), "", n) for r, p, n in posts]
    counts: Counter[tuple[str, str, str]] = Counter()
    flagged: Counter[tuple[str, str, str]] = Counter()
    rows = session.execute(
        select(Post.region_code, Post.platform, Classification.flagged, supported_json(session))
        .join(Post, Post.id == Classification.post_id)
        .where(
            Classification.created_at >= lo, Classification.created_at < hi, has_supported(session)
        )
    )
    for region, platform, is_flagged, supported in rows:
        for entity in parse_entities(supported):
            key = (region or "", str(platform), entity)
            counts[key] += 1
            flagged[key] += int(bool(is_flagged))
    facts += [Fact(day, CLASSIFIED, *key, n, flagged[key]) for key, n in sorted(counts.items())]
    return facts


def roll_day(session: Session, day: date, zone: str) -> int:
    """Replace one day's rollup rows; idempotent."""
    session.execute(delete(StatsDaily).where(StatsDaily.day == day))
    facts = [*day_facts(session, day, zone), Fact(day, DAY, "", "", "", 0)]
    now = utcnow()
    session.execute(
        insert(StatsDaily),
        [
            dict(
                day=f.day,
                kind=f.kind,
                region_code=f.region_code,
                platform=f.platform,
                entity=f.entity,
                total=f.total,
                flagged=f.flagged,
                refreshed_at=now,
            )
            for f in facts
        ],
    )
    return len(facts)


def _earliest_day(session: Session, zone: str) -> date | None:
    firsts = [
        session.scalar(select(func.min(Post.first_seen_at))),
        session.scalar(select(func.min(Classification.created_at))),
    ]
    found = [local(t, zone).date() for t in firsts if isinstance(t, datetime)]
    return min(found) if found else None


def refresh(
    session: Session, *, now: datetime | None = None, full: bool = False, overlap_days: int = 1
) -> RefreshReport:
    """Roll up every finished local day since the last rolled-up one (all days if `full`).

    The caller commits. A full rebuild recounts from what the tables hold now, so days
    whose posts were purged by retention lose those posts; the incremental path keeps
    them, which is why the nightly flow uses it.
    """
    zone = get_settings().timezone
    today = local_today(zone, now)
    last = None if full else session.scalar(select(func.max(StatsDaily.day)))
    if last is None:
        start = _earliest_day(session, zone)
    else:
        start = as_date(last) - timedelta(days=max(overlap_days, 0) - 1)
    if start is None or start >= today:
        return RefreshReport(0, 0)
    days = [start + timedelta(days=i) for i in range((today - start).days)]
    rows = sum(roll_day(session, day, zone) for day in days)
    return RefreshReport(len(days), rows, days[0], days[-1])


class FactStore:
    """Totals over a period: rolled-up days from stats_daily, the rest counted live."""

    def __init__(self, session: Session, filters: Filters) -> None:
        self.session, self.filters = session, filters
        start, end = filters.period.start, filters.period.end
        rolled = session.scalars(
            select(StatsDaily.day).where(
                StatsDaily.kind == DAY, StatsDaily.day >= start, StatsDaily.day <= end
            )
        )
        self.rolled = {as_date(d) for d in rolled}
        self.live_days = [d for d in filters.period.days() if d not in self.rolled]
        self._live: list[Fact] | None = None

    def live_facts(self) -> list[Fact]:
        if self._live is None:
            zone = self.filters.period.zone
            facts = (f for day in self.live_days for f in day_facts(self.session, day, zone))
            self._live = [f for f in facts if in_scope(f.region_code or None, self.filters.region)]
        return self._live

    def totals(self, kind: str, group: Sequence[str]) -> dict[tuple[str, ...], tuple[int, int]]:
        """{(group values...): (total, flagged)} for `kind` over the period and region."""
        result: Counter[tuple[str, ...]] = Counter()
        flagged: Counter[tuple[str, ...]] = Counter()
        for key, total, n_flagged in [
            *self._rolled_totals(kind, group),
            *self._live_totals(kind, group),
        ]:
            result[key] += total
            flagged[key] += n_flagged
        return {key: (result[key], flagged[key]) for key in result}

    def _rolled_totals(
        self, kind: str, group: Sequence[str]
    ) -> Iterable[tuple[tuple[str, ...], int, int]]:
        if not self.rolled:
            return []
        columns = [getattr(StatsDaily, g) for g in group]
        query = (
            select(*columns, func.sum(StatsDaily.total), func.sum(StatsDaily.flagged))
            .where(
                StatsDaily.kind == kind,
                StatsDaily.day >= self.filters.period.start,
                StatsDaily.day <= self.filters.period.end,
                scope_filter(StatsDaily.region_code, self.filters.region),
            )
            .group_by(*columns)
        )
        return [
            (tuple(_key(v) for v in row[: len(group)]), int(row[-2] or 0), int(row[-1] or 0))
            for row in self.session.execute(query)
        ]

    def _live_totals(
        self, kind: str, group: Sequence[str]
    ) -> Iterable[tuple[tuple[str, ...], int, int]]:
        if not self.live_days:
            return []
        return [
            (tuple(_key(getattr(f, g)) for g in group), f.total, f.flagged)
            for f in self.live_facts()
            if f.kind == kind
        ]


def _key(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
