"""Precomputed daily counts behind the dashboard (pantau.stats.rollup keeps them fresh)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pantau.models.base import Base
from pantau.timeutil import utcnow


class StatsDaily(Base):
    """One local (settings.timezone) day of counts per kind, region and key.

    `kind` names what is counted and what `key` holds (a platform, a candidate entity,
    a violation code, a reviewer id, a wait-time bucket ...); `total` is the count and
    `part` a counted subset (flagged, confirmed). Kind "day" is a marker saying the day
    is rolled up. Empty strings stand for "none" so every key column can be in the key.
    The kinds are listed in pantau.stats.facts.
    """

    __tablename__ = "stats_daily"
    # The key leads with (kind, day), the dashboard's range; without a rowid SQLite keeps
    # the rows in key order, so a period of one kind is one contiguous read.
    __table_args__ = ({"sqlite_with_rowid": False},)

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(String(13), primary_key=True, default="")
    key: Mapped[str] = mapped_column(String(200), primary_key=True, default="")
    total: Mapped[int] = mapped_column(Integer, default=0)
    part: Mapped[int] = mapped_column(Integer, default=0)
    refreshed_at: Mapped[datetime] = mapped_column(default=utcnow)
