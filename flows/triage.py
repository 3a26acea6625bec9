"""Triage as a flow: score every post the active model has not scored, flag, and queue.

The work is `pantau.triage.triage_batch`; this module only cuts it into committed batches.
Each batch is one transaction holding its classifications and review items, so a crash
between batches loses nothing and a re-run picks up exactly where it stopped.
"""

from __future__ import annotations

from prefect import flow, get_run_logger, task

from pantau.db import session_scope
from pantau.modelreg import active_model
from pantau.settings import get_settings
from pantau.triage import TriageStats, pending_post_ids, triage_batch

__all__ = ["TriageStats", "pending_batches", "triage", "triage_next_batch", "triage_posts"]


@task
def pending_batches(batch_size: int) -> list[list[int]]:
    """Every post still to score, in posting order, cut into batches (ids only)."""
    with session_scope() as session:
        ids = pending_post_ids(session, active_model(session).version)
    return [ids[i : i + batch_size] for i in range(0, len(ids), batch_size)]


@task(retries=2, retry_delay_seconds=5)
def triage_posts(post_ids: list[int]) -> TriageStats:
    """One committed batch; posts scored meanwhile (e.g. by a retry) are skipped."""
    with session_scope() as session:
        return triage_batch(session, post_ids)


@task(retries=2, retry_delay_seconds=5)
def triage_next_batch(batch_size: int) -> TriageStats | None:
    """The next committed batch in posting order; None when nothing is left to score."""
    with session_scope() as session:
        ids = pending_post_ids(session, active_model(session).version, batch_size)
        return triage_batch(session, ids) if ids else None


@flow(name="triage")
def triage(batch_size: int | None = None, max_batches: int | None = None) -> TriageStats:
    """Score every unscored post in memory-sized batches; safe to re-run at any point.

    The pending posts are listed once (one sort, not one per batch); posts that arrive
    while it runs are picked up by a second pass.
    """
    size = batch_size or get_settings().triage_batch_size
    total = TriageStats()
    while max_batches is None or total.batches < max_batches:
        batches = pending_batches(size)
        if not batches:
            break
        left = None if max_batches is None else max_batches - total.batches
        for ids in batches[:left]:
            total += triage_posts(ids)
    get_run_logger().info("triage: %s", total)
    return total
