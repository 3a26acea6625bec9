"""Where posts come from: configured sources, their crawl runs and the input they rejected."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pantau.models.base import Base, BigId, CreatedMixin, IdMixin, JSONType, str_enum
from pantau.models.enums import Platform, RunStatus
from pantau.timeutil import utcnow


class Source(IdMixin, CreatedMixin, Base):
    __tablename__ = "sources"

    platform: Mapped[Platform] = mapped_column(str_enum(Platform))
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # Per platform: {"instance", "base_url", "accounts", "queries", "channels", "feeds",
    # "videos", "region_code"}; validated by crawlers.sources before saving.
    config: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    enabled: Mapped[bool] = mapped_column(default=True)

    runs: Mapped[list[CrawlRun]] = relationship(back_populates="source")


class CrawlRun(IdMixin, Base):
    __tablename__ = "crawl_runs"

    source_id: Mapped[int] = mapped_column(BigId, ForeignKey("sources.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    status: Mapped[RunStatus] = mapped_column(str_enum(RunStatus), default=RunStatus.RUNNING)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    posts_new: Mapped[int] = mapped_column(Integer, default=0)
    posts_updated: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    # Where the next run resumes, per target: {"tag:pilkada": {"min_id": "..."}, ...}
    cursor: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    log_path: Mapped[str | None] = mapped_column(Text)
    warc_path: Mapped[str | None] = mapped_column(Text)
    warc_sha256: Mapped[str | None] = mapped_column(String(64))
    message: Mapped[str | None] = mapped_column(Text)
    # Account lookups (e.g. Mastodon acct -> id), counted apart from timeline pages.
    lookups: Mapped[int] = mapped_column(Integer, default=0)
    # Targets whose sweep did not finish in this run (page cap, time limit, kill): the next
    # run resumes them. Kept up to date with every committed batch.
    cut_short: Mapped[list[str]] = mapped_column(JSONType, default=list)
    # The last moment the run was seen alive (heartbeat or committed batch): a killed run's
    # ended_at is taken from here, not from when the next run noticed it.
    last_seen_at: Mapped[datetime | None]

    source: Mapped[Source] = relationship(back_populates="runs")


class CrawlJob(IdMixin, Base):
    """A crawl someone asked for (admin "crawl now"): how it was launched and its run."""

    __tablename__ = "crawl_jobs"

    source_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("sources.id", ondelete="CASCADE"), index=True
    )
    requested_by: Mapped[str] = mapped_column(String(100))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    via: Mapped[str] = mapped_column(String(16))  # "prefect" or "process"
    flow_run_id: Mapped[str | None] = mapped_column(String(64))
    pid: Mapped[int | None] = mapped_column(Integer)
    log_path: Mapped[str | None] = mapped_column(Text)  # relative to the data dir
    crawl_run_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("crawl_runs.id", ondelete="SET NULL")
    )
    error: Mapped[str | None] = mapped_column(Text)


class Quarantine(IdMixin, CreatedMixin, Base):
    """Input a crawl or import could not parse, kept byte for byte with the reason."""

    __tablename__ = "quarantine"

    crawl_run_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("crawl_runs.id", ondelete="SET NULL"), index=True
    )
    platform: Mapped[str] = mapped_column(String(32))
    url: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    captured_at: Mapped[datetime] = mapped_column(default=utcnow)
