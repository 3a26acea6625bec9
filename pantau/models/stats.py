"""Precomputed daily counts behind the dashboard (pantau.stats.rollup keeps them fresh)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pantau.models.base import Base
from pantau.timeutil import utcnow


class StatsDaily(Base):
    """One local (settings.timezone) day of counts per kind and dimension.

    kind "day" is a marker row saying the day is rolled up (a day with no posts still
    gets one); "posts" counts posts first seen that day per region and platform;
    "classified" counts classifications per supported candidate entity, with how many
    were flagged. Empty strings stand for "none" so every key column can be in the key.
    """

    __tablename__ = "stats_daily"
    __table_args__ = (Index("ix_stats_daily_kind_day", "kind", "day"),)

    day: Mapped[date] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    region_code: Mapped[str] = mapped_column(String(13), primary_key=True, default="")
    platform: Mapped[str] = mapped_column(String(32), primary_key=True, default="")
    entity: Mapped[str] = mapped_column(String(200), primary_key=True, default="")
    total: Mapped[int] = mapped_column(Integer, default=0)
    flagged: Mapped[int] = mapped_column(Integer, default=0)
    refreshed_at: Mapped[datetime] = mapped_column(default=utcnow)
