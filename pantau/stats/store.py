"""Totals over a period: rolled-up days (and whole months) from stats_daily, the rest live.

Each page load asks for many (kind, grouping) totals; they are fetched a grouping at a
time for every kind that uses it, so a dashboard is about ten queries, not forty.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from pantau.models import StatsDaily
from pantau.scope import in_scope, scope_filter
from pantau.stats.facts import DAY, FINAL, FLAGS, KINDS, POSTS, Fact, day_facts
from pantau.stats.months import PREFIX, full_months
from pantau.stats.period import Filters
from pantau.stats.sql import as_date

Totals = dict[tuple[str, ...], tuple[int, int]]
# Which kinds are read together for a grouping (the others are read one by one).
BATCHES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("key",): KINDS,
    ("region_code",): (POSTS, FLAGS, FINAL),
    ("day",): (POSTS, FLAGS, FINAL),
}


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


class FactStore:
    def __init__(self, session: Session, filters: Filters) -> None:
        self.session, self.filters = session, filters
        self.start, self.end = filters.period.start, filters.period.end
        rolled = session.scalars(
            select(StatsDaily.day).where(
                StatsDaily.kind == DAY, StatsDaily.day >= self.start, StatsDaily.day <= self.end
            )
        )
        self.rolled = {as_date(d) for d in rolled}
        self.live_days = [d for d in filters.period.days() if d not in self.rolled]
        self.months = full_months(self.start, self.end, self.rolled)
        self._live: list[Fact] | None = None
        self._cache: dict[tuple[str, tuple[str, ...]], Totals] = {}

    def live_facts(self) -> list[Fact]:
        if self._live is None:
            zone = self.filters.period.zone
            facts = (f for day in self.live_days for f in day_facts(self.session, day, zone))
            self._live = [f for f in facts if in_scope(f.region_code or None, self.filters.region)]
        return self._live

    def totals(self, kind: str, group: Sequence[str]) -> Totals:
        """{(group values...): (total, part)} for `kind` over the period and region;
        `group` names columns of stats_daily ("day", "region_code", "key")."""
        group = tuple(group)
        if (kind, group) not in self._cache:
            batch = BATCHES.get(group, ())
            self._load(batch if kind in batch else (kind,), group)
        return self._cache[(kind, group)]

    def by_key(self, kind: str) -> dict[str, tuple[int, int]]:
        return {k[0]: v for k, v in self.totals(kind, ("key",)).items()}

    def sum(self, kind: str) -> tuple[int, int]:
        values = self.by_key(kind).values()
        return sum(t for t, _ in values), sum(p for _, p in values)

    def days_by_key(self, kind: str) -> dict[str, tuple[int, int]]:
        """{key: (total, days with a count)}; rolled and live days never overlap."""
        if (kind, ("#days",)) not in self._cache:
            self._cache[(kind, ("#days",))] = {(k,): v for k, v in self._days(kind).items()}
        return {k[0]: v for k, v in self._cache[(kind, ("#days",))].items()}

    def _load(self, kinds: tuple[str, ...], group: tuple[str, ...]) -> None:
        total: dict[str, Counter[tuple[str, ...]]] = {k: Counter() for k in kinds}
        part: dict[str, Counter[tuple[str, ...]]] = {k: Counter() for k in kinds}
        for kind, key, t, p in self._rolled(kinds, group):
            total[kind][key] += t
            part[kind][key] += p
        for f in self.live_facts() if self.live_days else ():
            if f.kind in total:
                key = tuple(_text(getattr(f, g)) for g in group)
                total[f.kind][key] += f.total
                part[f.kind][key] += f.part
        for kind in kinds:
            self._cache[(kind, group)] = {k: (n, part[kind][k]) for k, n in total[kind].items()}

    def _rolled(
        self, kinds: tuple[str, ...], group: tuple[str, ...]
    ) -> list[tuple[str, tuple[str, ...], int, int]]:
        if not self.rolled:
            return []
        if "day" in group or self.months is None:
            return self._query(kinds, group, self.start, self.end)
        first, last = self.months
        found = self._query(tuple(PREFIX + k for k in kinds), group, first, last)
        # The days before and after the whole months: each one contiguous key range.
        for lo, hi in (
            (self.start, first - timedelta(days=1)),
            (last + timedelta(days=1), self.end),
        ):
            if lo <= hi:
                found += self._query(kinds, group, lo, hi)
        return found

    def _where(self, kinds: tuple[str, ...], lo: date, hi: date) -> list[ColumnElement[bool]]:
        return [
            StatsDaily.kind.in_(kinds),
            StatsDaily.day >= lo,
            StatsDaily.day <= hi,
            scope_filter(StatsDaily.region_code, self.filters.region),
        ]

    def _query(
        self, kinds: tuple[str, ...], group: tuple[str, ...], lo: date, hi: date
    ) -> list[tuple[str, tuple[str, ...], int, int]]:
        columns = [getattr(StatsDaily, g) for g in group]
        query = (
            select(StatsDaily.kind, *columns, func.sum(StatsDaily.total), func.sum(StatsDaily.part))
            .where(*self._where(kinds, lo, hi))
            .group_by(StatsDaily.kind, *columns)
        )
        return [
            (
                row[0].removeprefix(PREFIX),
                tuple(_text(v) for v in row[1 : 1 + len(group)]),
                int(row[-2] or 0),
                int(row[-1] or 0),
            )
            for row in self.session.execute(query)
        ]

    def _days(self, kind: str) -> dict[str, tuple[int, int]]:
        totals: Counter[str] = Counter()
        days: Counter[str] = Counter()
        if self.rolled:
            query = (
                select(
                    StatsDaily.key,
                    func.sum(StatsDaily.total),
                    func.count(StatsDaily.day.distinct()),
                )
                .where(*self._where((kind,), self.start, self.end))
                .group_by(StatsDaily.key)
            )
            for key, total, n_days in self.session.execute(query):
                totals[key] += int(total or 0)
                days[key] += int(n_days or 0)
        live: dict[str, set[date]] = {}
        for f in self.live_facts() if self.live_days else ():
            if f.kind == kind:
                totals[f.key] += f.total
                live.setdefault(f.key, set()).add(f.day)
        for key, seen in live.items():
            days[key] += len(seen)
        return {key: (totals[key], days[key]) for key in totals}
