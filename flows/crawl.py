"""crawl-source: one Scrapy crawl in its own process (Twisted's reactor cannot restart)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run
from sqlalchemy import select

from pantau.db import session_scope
from pantau.models import CrawlRun, RunStatus, Source
from pantau.settings import get_settings
from pantau.timeutil import utcnow

# Scrapy closes the spider itself at the time limit; the process gets this much longer to
# flush its last batch and close the WARC before it is killed.
SHUTDOWN_GRACE_S = 120
LOG_TAIL_LINES = 200


class CrawlFailed(RuntimeError):
    pass


@dataclass
class CrawlResult:
    source: str
    run_id: int | None
    status: str
    pages: int = 0
    posts_new: int = 0
    posts_updated: int = 0
    errors: int = 0
    message: str = ""
    log_path: str = ""


def crawl_command(
    platform: str, source: str, time_limit_s: int, run_label: str, log_path: Path
) -> list[str]:
    return [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        platform,
        "-a",
        f"source={source}",
        "-s",
        f"CLOSESPIDER_TIMEOUT={time_limit_s}",
        "-s",
        f"LOG_FILE={log_path}",
        "-s",
        "LOG_LEVEL=INFO",
        "-a",
        f"run_label={run_label}",
    ]


def _source_platform(name: str) -> str:
    with session_scope() as session:
        source = session.scalar(select(Source).where(Source.name == name))
        if source is None:
            raise CrawlFailed(f"no source named {name!r}")
        if not source.enabled:
            raise CrawlFailed(f"source {name!r} is disabled")
        return source.platform.value


def _run_since(name: str, started: datetime) -> CrawlRun | None:
    with session_scope() as session:
        return session.scalar(
            select(CrawlRun)
            .join(Source)
            .where(Source.name == name, CrawlRun.started_at >= started)
            .order_by(CrawlRun.id.desc())
            .limit(1)
        )


def crawl_result(name: str, started: datetime, log_path: str = "") -> CrawlResult:
    """What the crawl of `name` begun at or after `started` recorded in crawl_runs."""
    run = _run_since(name, started)
    if run is None:
        return CrawlResult(source=name, run_id=None, status="not started", log_path=log_path)
    return CrawlResult(
        source=name,
        run_id=run.id,
        status=run.status.value,
        pages=run.pages,
        posts_new=run.posts_new,
        posts_updated=run.posts_updated,
        errors=run.errors,
        message=run.message or "",
        log_path=log_path or run.log_path or "",
    )


def run_crawl_process(name: str, time_limit_s: int, run_label: str = "") -> CrawlResult:
    """Run one crawl to completion and read back the crawl_runs row it wrote."""
    platform = _source_platform(name)
    logs = get_settings().data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    started = utcnow()
    log_path = logs / f"crawl-{name}-{started:%Y%m%dT%H%M%S}.log"
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawlers.settings"}
    cmd = crawl_command(platform, name, time_limit_s, run_label or name, log_path)
    try:
        proc = subprocess.run(
            cmd, env=env, capture_output=True, text=True, timeout=time_limit_s + SHUTDOWN_GRACE_S
        )
        code, output = proc.returncode, proc.stderr + proc.stdout
    except subprocess.TimeoutExpired as exc:
        code, output = -9, f"killed after {time_limit_s + SHUTDOWN_GRACE_S}s: {exc}"
    result = crawl_result(name, started, log_path=str(log_path))
    if code != 0 or result.status != RunStatus.SUCCEEDED.value:
        raise CrawlFailed(
            f"crawl of {name} failed (exit {code}, {result.status}): "
            f"{result.message or output.strip()[-500:]}"
        )
    return result


def log_tail(path: str, lines: int = LOG_TAIL_LINES) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log written)"
    return "\n".join(text.splitlines()[-lines:])


# No task retries: the crawler retries its own requests with back-off, a failed crawl
# resumes from its cursor next run, and a config error would only fail twice.
@task(task_run_name="crawl {name}")
def crawl_task(name: str, time_limit_s: int) -> CrawlResult:
    label = str(flow_run.get_id() or name)
    try:
        return run_crawl_process(name, time_limit_s, label)
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
def crawl_source(source: str, time_limit_s: int = 3600) -> CrawlResult:
    """Crawl one source; a separate flow run per source lets workers share a night's crawls."""
    return crawl_task(source, time_limit_s)
