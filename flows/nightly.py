"""nightly: crawl every enabled source, triage, recheck, export, and publish a summary."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any, cast

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment
from prefect.futures import PrefectFuture
from prefect.task_runners import ThreadPoolTaskRunner
from sqlalchemy import func, select

from complaints.delivery import DeliveryStats
from flows import images
from flows.audit_checkpoint import checkpoint_audit
from flows.crawl import SHUTDOWN_GRACE_S, CrawlResult, crawl_result, crawl_task
from flows.export import export
from flows.housekeeping import expire_leases, refresh_stats
from flows.recheck import RecheckStats, recheck
from flows.triage import TriageStats, triage
from pantau.db import session_scope
from pantau.models import ReviewItem, ReviewStatus, Source
from pantau.timeutil import utcnow

# How many crawls run at once on this machine; each is its own process.
DEFAULT_CONCURRENCY = 4
POLL_S = 2.0
CRAWL_RUNNER: Any = ThreadPoolTaskRunner(max_workers=DEFAULT_CONCURRENCY)


@dataclass
class NightlySummary:
    crawls: list[CrawlResult] = field(default_factory=list)
    failed_sources: dict[str, str] = field(default_factory=dict)
    triage: TriageStats = field(default_factory=TriageStats)
    recheck: RecheckStats = field(default_factory=RecheckStats)
    export: DeliveryStats = field(default_factory=DeliveryStats)
    queue_size: int = 0
    # Wall seconds per phase, so an admin sees which part of the night grew.
    durations: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def summary_from_dict(data: dict[str, Any]) -> NightlySummary:
    return NightlySummary(
        crawls=[CrawlResult(**c) for c in data["crawls"]],
        failed_sources=dict(data["failed_sources"]),
        triage=TriageStats(**data["triage"]),
        recheck=RecheckStats(**data["recheck"]),
        export=DeliveryStats(**data["export"]),
        queue_size=int(data["queue_size"]),
        durations={k: float(v) for k, v in data.get("durations", {}).items()},
    )


def enabled_sources() -> list[str]:
    with session_scope() as session:
        return list(
            session.scalars(
                select(Source.name).where(Source.enabled.is_(True)).order_by(Source.name)
            )
        )


def open_queue_size() -> int:
    with session_scope() as session:
        return int(
            session.scalar(
                select(func.count(ReviewItem.id)).where(
                    ReviewItem.status.in_([ReviewStatus.QUEUED, ReviewStatus.CLAIMED])
                )
            )
            or 0
        )


def render_summary(summary: NightlySummary) -> str:
    lines = [
        "# Pantau nightly run",
        "",
        "| source | status | pages | new | updated | errors |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for c in summary.crawls:
        lines.append(
            f"| {c.source} | {c.status} | {c.pages} | {c.posts_new} | "
            f"{c.posts_updated} | {c.errors} |"
        )
    for name, error in summary.failed_sources.items():
        lines.append(f"| {name} | **failed** | | | | {error.splitlines()[0][:200]} |")
    # Targets a page cap or time limit cut short (crawlers): their rest waits for the next run.
    cut = [f"{c.source}: {', '.join(c.cut_short)}" for c in summary.crawls if c.cut_short]
    if cut:
        lines += ["", "**Cut short (resumed next run):** " + "; ".join(cut) + "."]
    t, r, e = summary.triage, summary.recheck, summary.export
    lines += [
        "",
        f"**Triage:** {t.scored} scored, {t.flagged} flagged, {t.queued} newly queued, "
        f"{t.duplicates} duplicates skipped.",
        f"**Recheck:** {r.checked} rechecked, {r.edited} edited, {r.deleted} deleted, "
        f"{r.failed} could not be fetched.",
        f"**Export:** {e.delivered} delivered, {e.retried} to retry, {e.failed} failed.",
        f"**Review queue:** {summary.queue_size} open items.",
    ]
    if summary.durations:
        took = ", ".join(f"{phase} {s:.0f} s" for phase, s in summary.durations.items())
        lines.append(f"**Took:** {took}.")
    if summary.failed_sources:
        lines += ["", "**Errors:**"] + [
            f"- {n}: {err}" for n, err in summary.failed_sources.items()
        ]
    return "\n".join(lines)


@contextmanager
def timed(durations: dict[str, float], phase: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        durations[phase] = round(time.perf_counter() - start, 3)


def _crawl_locally(names: list[str], time_limit_s: int) -> list[tuple[str, Any]]:
    futures: list[tuple[str, PrefectFuture[CrawlResult]]] = [
        (name, crawl_task.submit(name, time_limit_s)) for name in names
    ]
    return [(name, fut.result(raise_on_failure=False)) for name, fut in futures]


def _crawl_on_workers(names: list[str], time_limit_s: int) -> list[tuple[str, Any]]:
    """One crawl-source flow run per source, so a work pool's workers share the night.

    Results are read back from crawl_runs (the shared database), not from the runs'
    return values, which live on whichever worker ran them.
    """
    started = utcnow()
    # Called from sync code these return values, not coroutines (Prefect's dual API).
    runs = [
        (
            name,
            cast(
                FlowRun,
                run_deployment(
                    "crawl-source/crawl-source",
                    timeout=0,
                    as_subflow=True,
                    parameters={"source": name, "time_limit_s": time_limit_s},
                ),
            ),
        )
        for name in names
    ]
    results: list[tuple[str, Any]] = []
    with get_client(sync_client=True) as client:
        for name, run in runs:
            finished = _wait(client, run, time_limit_s + SHUTDOWN_GRACE_S + 600)
            state = finished.state
            if state is not None and state.is_completed():
                results.append((name, crawl_result(name, started)))
            else:
                why = f"{state.name} {state.message or ''}" if state else "no state"
                results.append((name, f"flow run {finished.name}: {why}"))
    return results


def _wait(client: SyncPrefectClient, run: FlowRun, timeout_s: float) -> FlowRun:
    deadline = time.monotonic() + timeout_s
    while True:
        current = client.read_flow_run(run.id)
        if (current.state is not None and current.state.is_final()) or time.monotonic() > deadline:
            return current
        time.sleep(POLL_S)


@flow(name="nightly", task_runner=CRAWL_RUNNER)
def nightly(
    sources: list[str] | None = None, time_limit_s: int = 3600, fan_out: bool = False
) -> dict[str, Any]:
    """The main job. `fan_out=True` runs each crawl as its own deployment run (workers)."""
    logger = get_run_logger()
    summary = NightlySummary()
    names = sources if sources is not None else enabled_sources()
    crawl = _crawl_on_workers if fan_out else _crawl_locally
    took = summary.durations
    with timed(took, "crawl"):
        for name, outcome in crawl(names, time_limit_s):
            if isinstance(outcome, CrawlResult):
                summary.crawls.append(outcome)
            else:
                summary.failed_sources[name] = str(outcome)
                logger.warning("source %s failed: %s", name, outcome)
    images.before_triage(took)  # fetch new posts' images (issue 14)
    with timed(took, "triage"):
        expire_leases()
        summary.triage = triage()
    images.after_triage(took)  # analyse them where they can matter; raises go through triage
    with timed(took, "recheck"):
        summary.recheck = recheck()
    with timed(took, "export"):
        summary.export = export()
    with timed(took, "stats"):
        refresh_stats()
        summary.queue_size = open_queue_size()
    with timed(took, "checkpoint"):
        checkpoint_audit()  # last: the checkpoint covers tonight's audit events (issue 16)
    create_markdown_artifact(
        key="nightly-summary",
        markdown=render_summary(summary),
        description="Posts per source, new flags, queue size, errors",
    )
    return summary.as_dict()
