"""The one way to start a crawl: open its run here, start Scrapy for that run, return its id.

The CLI (`pantau crawl`), the `crawl-source` flow and the admin page's "crawl now" all come
through `start_crawl`; the run id is handed to the Scrapy process (`-a run_id=N`), which
claims the run, so nobody has to guess which run a launch made.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers import runs
from pantau.db import engine_for
from pantau.models import CrawlRun, RunStatus, Source
from pantau.settings import Settings, get_settings

# Scrapy closes the spider itself at the time limit; the process gets this much longer to
# flush its last batch and close the WARC before it is killed.
SHUTDOWN_GRACE_S = 120


class LaunchError(RuntimeError):
    """The crawl could not be started (unknown or disabled source, a run already going)."""


@dataclass
class Launched:
    run_id: int
    source: str
    process: subprocess.Popen[Any]


@dataclass
class CrawlOutcome:
    """What a crawl's run row says once its process has ended."""

    source: str
    run_id: int | None  # None: no run was opened ("not started")
    status: str
    pages: int = 0
    lookups: int = 0
    posts_new: int = 0
    posts_updated: int = 0
    errors: int = 0
    message: str = ""
    log_path: str = ""
    # Targets whose sweep the run could not finish (page cap, time limit): resumed next run.
    cut_short: list[str] = field(default_factory=list)
    exit_code: int | None = None  # of the Scrapy process, when this process waited for it

    @property
    def succeeded(self) -> bool:
        return self.exit_code in (0, None) and self.status == RunStatus.SUCCEEDED.value


@contextmanager
def _session(settings: Settings) -> Iterator[Session]:
    """A transaction on the database of `settings` (the admin app may not use the process's)."""
    engine = engine_for(settings.effective_database_url)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


def scrapy_command(
    platform: str,
    source: str,
    run_id: int,
    *,
    full: bool = False,
    max_pages: int | None = None,
    time_limit_s: int | None = None,
    log_file: Path | None = None,
    label: str | None = None,
) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", platform, "-a", f"source={source}"]
    cmd += ["-a", f"run_id={run_id}"]
    if full:
        cmd += ["-a", "full=1"]
    if max_pages:
        cmd += ["-a", f"max_pages={max_pages}"]
    if label:
        cmd += ["-a", f"run_label={label}"]
    if time_limit_s:
        cmd += ["-s", f"CLOSESPIDER_TIMEOUT={time_limit_s}"]
    if log_file is not None:
        cmd += ["-s", f"LOG_FILE={log_file}", "-s", "LOG_LEVEL=INFO"]
    return cmd


def start_crawl(
    source: str,
    *,
    full: bool = False,
    max_pages: int | None = None,
    time_limit_s: int | None = None,
    log_file: Path | None = None,
    label: str | None = None,
    output: int | IO[Any] | None = subprocess.PIPE,
    env: dict[str, str] | None = None,
    detach: bool = False,
    enabled_only: bool = False,
    settings: Settings | None = None,
) -> Launched:
    """Open a run of `source` and start `scrapy crawl` for it; the run id is known at once.
    With `settings`, the run and the crawl use that database and data directory."""
    settings = settings or get_settings()
    with _session(settings) as session:
        row = session.scalar(select(Source).where(Source.name == source))
        if row is None:
            raise LaunchError(f"no source named {source!r} (see `pantau sources list`)")
        if enabled_only and not row.enabled:
            raise LaunchError(f"source {source!r} is disabled")
        try:
            run = runs.open_run(session, row, settings.evidence_dir, launching=True)
        except runs.RunInProgress as exc:
            raise LaunchError(str(exc)) from exc
        run_id, platform = run.id, row.platform.value
    cmd = scrapy_command(
        platform,
        source,
        run_id,
        full=full,
        max_pages=max_pages,
        time_limit_s=time_limit_s,
        log_file=log_file,
        label=label,
    )
    try:
        proc = subprocess.Popen(
            cmd,
            env={
                **os.environ,
                "SCRAPY_SETTINGS_MODULE": "crawlers.settings",
                # The crawl writes where the launcher reads, whatever its settings came from.
                "PANTAU_DATABASE_URL": settings.effective_database_url,
                "PANTAU_DATA_DIR": str(settings.data_dir.resolve()),
                **(env or {}),
            },
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            bufsize=1,
            start_new_session=detach,
        )
    except OSError as exc:
        settle(
            run_id, None, why=f"the crawl process could not be started: {exc}", settings=settings
        )
        raise LaunchError(str(exc)) from exc
    return Launched(run_id, source, proc)


def settle(
    run_id: int,
    exit_code: int | None,
    *,
    why: str | None = None,
    settings: Settings | None = None,
) -> CrawlOutcome:
    """Once the Scrapy process has ended: a run it never claimed is failed, a run it left
    open (it was killed) is reaped at once; then read the run back."""
    settings = settings or get_settings()
    with _session(settings) as session:
        run = session.get(CrawlRun, run_id)
        if run is None:
            raise LaunchError(f"run {run_id} does not exist")
        if run.status is RunStatus.RUNNING and (run.message or "").startswith("launching"):
            reason = why or f"the crawl process exited with code {exit_code} before it began"
            runs.finish_run(session, run_id, RunStatus.FAILED, reason)
        elif run.status is RunStatus.RUNNING and exit_code is not None:
            # Another crawl of the source may have started meanwhile; it keeps its run.
            with suppress(runs.RunInProgress):
                runs.reap(session, run.source, settings.evidence_dir)
        session.flush()
        session.refresh(run)
        return outcome_of(run, exit_code)


def outcome_of(run: CrawlRun, exit_code: int | None = None) -> CrawlOutcome:
    return CrawlOutcome(
        source=run.source.name,
        run_id=run.id,
        status=run.status.value,
        pages=run.pages,
        lookups=run.lookups,
        posts_new=run.posts_new,
        posts_updated=run.posts_updated,
        errors=run.errors,
        message=run.message or "",
        log_path=run.log_path or "",
        cut_short=list(run.cut_short or []),
        exit_code=exit_code,
    )


def run_crawl(
    source: str,
    *,
    on_line: Callable[[str], None] | None = None,
    on_started: Callable[[int], None] | None = None,
    **options: Any,
) -> CrawlOutcome:
    """Start a crawl and wait for it (past its time limit plus a grace, it is killed).
    Each line of Scrapy's output goes to `on_line`; `on_started` gets the run id at once."""
    output = subprocess.PIPE if on_line else subprocess.DEVNULL
    launched = start_crawl(source, output=output, **options)
    if on_started is not None:
        on_started(launched.run_id)
    proc = launched.process
    limit = options.get("time_limit_s")
    try:
        if on_line is not None and proc.stdout is not None:
            for line in proc.stdout:
                on_line(line.rstrip("\n"))
        code = proc.wait(timeout=limit + SHUTDOWN_GRACE_S if limit else None)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = proc.wait()
    return settle(launched.run_id, code, settings=options.get("settings"))
