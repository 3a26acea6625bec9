"""crawl-source: one Scrapy crawl in its own process (Twisted's reactor cannot restart)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run
from sqlalchemy import select, update

from crawlers.launch import SHUTDOWN_GRACE_S, CrawlOutcome, LaunchError, outcome_of, run_crawl
from pantau.db import session_scope
from pantau.models import CrawlJob, CrawlRun, Source
from pantau.settings import get_settings
from pantau.timeutil import utcnow

__all__ = ["SHUTDOWN_GRACE_S", "CrawlFailed", "CrawlResult", "crawl_result", "crawl_task"]
LOG_TAIL_LINES = 200


class CrawlFailed(RuntimeError):
    pass


# What a crawl's run recorded; the nightly summary keeps one per source.
CrawlResult = CrawlOutcome


def _result(outcome: CrawlOutcome, log_path: str = "") -> CrawlResult:
    if log_path:
        outcome.log_path = log_path
    return outcome


def crawl_result(name: str, started: datetime, log_path: str = "") -> CrawlResult:
    """What the crawl of `name` begun at or after `started` recorded in crawl_runs (for flow
    runs on other workers, whose return values the nightly run cannot read)."""
    with session_scope() as session:
        run = session.scalar(
            select(CrawlRun)
            .join(Source)
            .where(Source.name == name, CrawlRun.started_at >= started)
            .order_by(CrawlRun.id.desc())
            .limit(1)
        )
        if run is None:
            return CrawlResult(source=name, run_id=None, status="not started", log_path=log_path)
        return _result(outcome_of(run), log_path)


def run_crawl_process(
    name: str, time_limit_s: int, run_label: str = "", job_id: int | None = None
) -> CrawlResult:
    """Run one crawl to completion (crawlers.launch) and return what its run recorded."""
    logs = get_settings().data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / f"crawl-{name}-{utcnow():%Y%m%dT%H%M%S}.log"
    try:
        outcome = run_crawl(
            name,
            time_limit_s=time_limit_s,
            log_file=log_path,
            label=run_label or name,
            enabled_only=True,
            on_started=lambda run_id: _record_job(job_id, run_id),
        )
    except LaunchError as exc:
        raise CrawlFailed(str(exc)) from exc
    result = _result(outcome, str(log_path))
    if not outcome.succeeded:
        raise CrawlFailed(
            f"crawl of {name} failed (exit {outcome.exit_code}, {outcome.status}): "
            f"{outcome.message}"
        )
    return result


def _record_job(job_id: int | None, run_id: int) -> None:
    """The admin page's job learns the run its flow run opened."""
    if job_id is None:
        return
    with session_scope() as session:
        session.execute(update(CrawlJob).where(CrawlJob.id == job_id).values(crawl_run_id=run_id))


def log_tail(path: str, lines: int = LOG_TAIL_LINES) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log written)"
    return "\n".join(text.splitlines()[-lines:])


# No task retries: the crawler retries its own requests with back-off, a failed crawl
# resumes from its cursor next run, and a config error would only fail twice.
@task(task_run_name="crawl {name}")
def crawl_task(name: str, time_limit_s: int, job_id: int | None = None) -> CrawlResult:
    label = str(flow_run.get_id() or name)
    try:
        return run_crawl_process(name, time_limit_s, label, job_id)
    finally:
        latest = sorted((get_settings().data_dir / "logs").glob(f"crawl-{name}-*.log"))
        if latest:
            create_markdown_artifact(
                key=f"crawl-log-{_slug(name)}",
                markdown=f"### Crawl log: {name}\n\n```\n{log_tail(str(latest[-1]))}\n```",
                description=f"Last {LOG_TAIL_LINES} lines of the crawl log of {name}",
            )


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "source"


@flow(name="crawl-source")
def crawl_source(source: str, time_limit_s: int = 3600, job_id: int | None = None) -> CrawlResult:
    """Crawl one source; a separate flow run per source lets workers share a night's crawls.
    `job_id`: the admin page's crawl_jobs row, which gets the run id."""
    return crawl_task(source, time_limit_s, job_id)
