"""Monthly sums of the daily rollup, so a long period reads a dozen rows per key, not 365.

A month's rows live in stats_daily too: kind "m.<kind>", day = the 1st of the month.
They are rebuilt from the daily rows whenever a day of that month is rolled up, and the
dashboard reads them only for months that lie wholly inside its period and are wholly
rolled up; the days around them still come from the daily rows.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import delete, func, insert, literal, select
from sqlalchemy.orm import Session

from pantau.models import StatsDaily
from pantau.stats.facts import DAY

PREFIX = "m."


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def roll_months(session: Session, days: Iterable[date]) -> int:
    """Rebuild the monthly rows of every month holding one of `days`."""
    rows = 0
    for first in sorted({month_start(d) for d in days}):
        last = month_end(first)
        session.execute(
            delete(StatsDaily).where(StatsDaily.day == first, StatsDaily.kind.like(PREFIX + "%"))
        )
        source = (
            select(
                (literal(PREFIX) + StatsDaily.kind).label("kind"),
                literal(first).label("day"),
                StatsDaily.region_code,
                StatsDaily.key,
                func.sum(StatsDaily.total),
                func.sum(StatsDaily.part),
                func.max(StatsDaily.refreshed_at),
            )
            .where(
                StatsDaily.day >= first,
                StatsDaily.day <= last,
                StatsDaily.kind != DAY,
                StatsDaily.kind.not_like(PREFIX + "%"),
            )
            .group_by(StatsDaily.kind, StatsDaily.region_code, StatsDaily.key)
        )
        columns = ["kind", "day", "region_code", "key", "total", "part", "refreshed_at"]
        result = session.execute(insert(StatsDaily).from_select(columns, source))
        rows += int(result.rowcount or 0)  # type: ignore[attr-defined]
    return rows


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def full_months(start: date, end: date, rolled: set[date]) -> tuple[date, date] | None:
    """The first and last day of the run of whole, wholly rolled-up months in [start, end]."""
    first = start if start.day == 1 else next_month(start)
    months: list[date] = []
    while month_end(first) <= end:
        days = (first + timedelta(days=i) for i in range(month_end(first).day))
        if not all(d in rolled for d in days):
            break  # the months after a gap are read day by day, which is still right
        months.append(first)
        first = next_month(first)
    return (months[0], month_end(months[-1])) if months else None
