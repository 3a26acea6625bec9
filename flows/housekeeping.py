"""Housekeeping: dashboard rollups, expired review leases, and the retention purge."""

from __future__ import annotations

from dataclasses import dataclass

from prefect import flow, get_run_logger, task

from pantau import retention, review
from pantau.db import session_scope
from pantau.stats.rollup import refresh


@dataclass
class PurgeSummary:
    dry_run: bool
    posts: int
    files_removed: int
    complete: bool


@task(retries=2, retry_delay_seconds=10)
def refresh_stats() -> int:
    """Roll finished days into the dashboard table; returns the days rolled."""
    with session_scope() as session:
        return refresh(session).days


@task(retries=2, retry_delay_seconds=10)
def expire_leases() -> int:
    with session_scope() as session:
        return review.expire_leases(session)


@task(retries=1, retry_delay_seconds=60)
def purge_task(dry_run: bool, max_posts: int | None) -> PurgeSummary:
    with session_scope() as session:
        report = retention.purge(session, dry_run=dry_run, max_posts=max_posts)
    # Files go only after the rows that named them are committed away.
    removed = retention.remove_files(report)
    return PurgeSummary(dry_run, report.posts, removed, report.complete)


@flow(name="purge")
def purge(dry_run: bool = False, max_posts: int | None = None) -> PurgeSummary:
    """Purge never-flagged posts past the retention period (UU 27/2022 purpose limitation)."""
    summary = purge_task(dry_run, max_posts)
    get_run_logger().info("purge: %s", summary)
    return summary
