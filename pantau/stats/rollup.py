"""The daily rollup: every dashboard count per local day, refreshed incrementally.

Posts and classifications grow to millions of rows, and even the review tables are too
big to join row by row for every page load, so the dashboard reads per-day counts
(pantau.stats.facts) summed in SQL. The nightly flow calls `refresh()`, which rolls up
every finished local day not rolled up yet and re-rolls the last two weeks (late
registry links, transactions that straddled midnight). Days not rolled up, such as
today, are counted live with the same function, so rollup and live cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, insert, select
from sqlalchemy.orm import Session

from pantau.models import Classification, Decision, Post, ReviewItem, StatsDaily
from pantau.scope import in_scope, scope_filter
from pantau.settings import get_settings
from pantau.stats.facts import DAY, Fact, day_facts
from pantau.stats.period import Filters, local_today
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
    last = None if full else session.scalar(select(func.max(StatsDaily.day)))
    if start is not None and last is not None:
        start = max(start, as_date(last) - timedelta(days=max(overlap_days, 1) - 1))
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
        self._cache: dict[tuple[str, tuple[str, ...]], dict[tuple[str, ...], tuple[int, int]]] = {}

    def live_facts(self) -> list[Fact]:
        if self._live is None:
            zone = self.filters.period.zone
            facts = (f for day in self.live_days for f in day_facts(self.session, day, zone))
            self._live = [f for f in facts if in_scope(f.region_code or None, self.filters.region)]
        return self._live

    def totals(self, kind: str, group: Sequence[str]) -> dict[tuple[str, ...], tuple[int, int]]:
        """{(group values...): (total, part)} for `kind` over the period and region;
        `group` names columns of stats_daily ("day", "region_code", "key")."""
        cache_key = (kind, tuple(group))
        if cache_key not in self._cache:
            self._cache[cache_key] = self._totals(kind, group)
        return self._cache[cache_key]

    def _totals(self, kind: str, group: Sequence[str]) -> dict[tuple[str, ...], tuple[int, int]]:
        result: Counter[tuple[str, ...]] = Counter()
        part: Counter[tuple[str, ...]] = Counter()
        for key, total, n in [*self._rolled_totals(kind, group), *self._live_totals(kind, group)]:
            result[key] += total
            part[key] += n
        return {key: (result[key], part[key]) for key in result}

    def by_key(self, kind: str) -> dict[str, tuple[int, int]]:
        return {k[0]: v for k, v in self.totals(kind, ("key",)).items()}

    def days_by_key(self, kind: str) -> dict[str, tuple[int, int]]:
        """{key: (total, days with a count)}; rolled and live days never overlap."""
        cache_key = (kind, ("key", "#days"))
        if cache_key not in self._cache:
            self._cache[cache_key] = {(k,): v for k, v in self._days_by_key(kind).items()}
        return {k[0]: v for k, v in self._cache[cache_key].items()}

    def _days_by_key(self, kind: str) -> dict[str, tuple[int, int]]:
        totals: Counter[str] = Counter()
        days: Counter[str] = Counter()
        if self.rolled:
            query = (
                select(
                    StatsDaily.key,
                    func.sum(StatsDaily.total),
                    func.count(StatsDaily.day.distinct()),
                )
                .where(*self._where(kind))
                .group_by(StatsDaily.key)
            )
            for key, total, n_days in self.session.execute(query):
                totals[key] += int(total or 0)
                days[key] += int(n_days or 0)
        live: dict[str, set[date]] = {}
        for f in self.live_facts():
            if f.kind == kind:
                totals[f.key] += f.total
                live.setdefault(f.key, set()).add(f.day)
        for key, seen in live.items():
            days[key] += len(seen)
        return {key: (totals[key], days[key]) for key in totals}

    def sum(self, kind: str) -> tuple[int, int]:
        values = self.by_key(kind).values()
        return sum(t for t, _ in values), sum(p for _, p in values)

    def _rolled_totals(
        self, kind: str, group: Sequence[str]
    ) -> Iterable[tuple[tuple[str, ...], int, int]]:
        if not self.rolled:
            return []
        columns = [getattr(StatsDaily, g) for g in group]
        query = (
            select(*columns, func.sum(StatsDaily.total), func.sum(StatsDaily.part))
            .where(*self._where(kind))
            .group_by(*columns)
        )
        return [
            (tuple(_key(v) for v in row[: len(group)]), int(row[-2] or 0), int(row[-1] or 0))
            for row in self.session.execute(query)
        ]

    def _where(self, kind: str) -> list[ColumnElement[bool]]:
        return [
            StatsDaily.kind == kind,
            StatsDaily.day >= self.filters.period.start,
            StatsDaily.day <= self.filters.period.end,
            scope_filter(StatsDaily.region_code, self.filters.region),
        ]

    def _live_totals(
        self, kind: str, group: Sequence[str]
    ) -> Iterable[tuple[tuple[str, ...], int, int]]:
        if not self.live_days:
            return []
        return [
            (tuple(_key(getattr(f, g)) for g in group), f.total, f.part)
            for f in self.live_facts()
            if f.kind == kind
        ]


def _key(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
