"""Crawl-run bookkeeping: open a run from the last cursor, record progress, close or reap it."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import socket
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from crawlers.evidence import sha256_file
from crawlers.sources import SourceConfigError, validate_config
from pantau.models import CrawlRun, Platform, RunStatus, Source
from pantau.timeutil import utcnow

_RUNNING = re.compile(r"^running as pid (\d+) on (\S+)$")
# A run on another machine cannot be probed; past this age it is presumed dead.
FOREIGN_RUN_TIMEOUT = timedelta(hours=24)


class RunInProgress(RuntimeError):
    """Another live process is crawling this source."""


class UnknownSource(LookupError):
    pass


def running_message(pid: int, host: str) -> str:
    return f"running as pid {pid} on {host}"


def resolve_source(
    session: Session, platform: str, name: str | None, config: dict[str, Any] | None
) -> Source:
    """The named source, or for targets given on the command line a disabled ad-hoc source
    named after them, so that repeating the same command is incremental too."""
    if name:
        source = session.scalar(select(Source).where(Source.name == name))
        if source is None:
            raise UnknownSource(f"no source named {name!r} (see `pantau sources list`)")
        if source.platform.value != platform:
            raise UnknownSource(
                f"source {name!r} is a {source.platform.value} source, not {platform}"
            )
        return source
    clean = validate_config(platform, config or {})
    digest = hashlib.sha256(json.dumps(clean, sort_keys=True).encode()).hexdigest()[:10]
    adhoc = f"cli-{platform}-{digest}"
    source = session.scalar(select(Source).where(Source.name == adhoc))
    if source is None:
        source = Source(platform=Platform(platform), name=adhoc, config=clean, enabled=False)
        session.add(source)
        session.flush()
    return source


def latest_cursor(session: Session, source_id: int) -> dict[str, Any]:
    """Each run starts from a copy of the previous run's cursor, so the newest run holds
    the whole state, even if it was killed (it only ever records committed progress)."""
    cursor = session.scalar(
        select(CrawlRun.cursor)
        .where(CrawlRun.source_id == source_id)
        .order_by(CrawlRun.id.desc())
        .limit(1)
    )
    return copy.deepcopy(cursor or {})


def _alive(pid: int, source: str) -> bool:
    """Is a crawl of `source` still running as `pid` on this host?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    proc = Path(f"/proc/{pid}")
    if not proc.exists():  # not Linux: trust the pid
        return True
    try:
        stat, raw = (proc / "stat").read_bytes(), (proc / "cmdline").read_bytes()
    except OSError:  # it ended meanwhile
        return False
    if stat.rsplit(b")", 1)[-1].split()[:1] == [b"Z"]:
        return False  # killed, not yet waited for by its parent
    if not raw:  # still starting up
        return True
    # The pid may have been reused since, by something else or by another source's crawl.
    args = raw.split(b"\0")
    named = f"source={source}".encode() in args or source.startswith("cli-")
    return b"scrapy" in b" ".join(args) and named


def reap(session: Session, source: Source, evidence_dir: Path) -> list[int]:
    """Mark runs left 'running' by a dead process as killed; refuse if one is alive."""
    host = socket.gethostname()
    reaped = []
    runs = session.scalars(
        select(CrawlRun).where(
            CrawlRun.source_id == source.id, CrawlRun.status == RunStatus.RUNNING
        )
    ).all()
    for run in runs:
        match = _RUNNING.match(run.message or "")
        pid, run_host = (int(match.group(1)), match.group(2)) if match else (0, "")
        if run_host == host and pid and pid != os.getpid() and _alive(pid, source.name):
            raise RunInProgress(f"source is being crawled by run {run.id} (pid {pid})")
        if run_host and run_host != host and utcnow() - run.started_at < FOREIGN_RUN_TIMEOUT:
            raise RunInProgress(f"source is being crawled by run {run.id} on {run_host}")
        run.status = RunStatus.KILLED
        run.ended_at = utcnow()
        run.message = (
            f"killed: the process ({run.message or 'unknown'}) ended without closing the run; "
            "its committed posts and cursor were kept"
        )
        if run.warc_path and (evidence_dir / run.warc_path).exists():
            run.warc_sha256 = sha256_file(evidence_dir / run.warc_path)
        reaped.append(run.id)
    session.flush()
    return reaped


def open_run(session: Session, source: Source, evidence_dir: Path) -> CrawlRun:
    reap(session, source, evidence_dir)
    run = CrawlRun(
        source_id=source.id,
        status=RunStatus.RUNNING,
        cursor=latest_cursor(session, source.id),
        message=running_message(os.getpid(), socket.gethostname()),
    )
    session.add(run)
    session.flush()
    return run


@dataclass
class Progress:
    pages: int = 0
    posts_new: int = 0
    posts_updated: int = 0
    errors: int = 0


def save_progress(
    session: Session, run_id: int, progress: Progress, cursor: dict[str, Any]
) -> None:
    session.execute(
        update(CrawlRun)
        .where(CrawlRun.id == run_id)
        .values(
            pages=progress.pages,
            posts_new=progress.posts_new,
            posts_updated=progress.posts_updated,
            errors=progress.errors,
            cursor=cursor,
        )
    )


def finish_run(
    session: Session,
    run_id: int,
    status: RunStatus,
    message: str,
    *,
    warc_sha256: str | None = None,
) -> None:
    values: dict[str, Any] = {"status": status, "ended_at": utcnow(), "message": message}
    if warc_sha256:
        values["warc_sha256"] = warc_sha256
    session.execute(update(CrawlRun).where(CrawlRun.id == run_id).values(**values))


def mark_unavailable(session: Session, source_id: int, target: str, reason: str) -> None:
    """Keep on the source why a target gave nothing (e.g. a channel turned its preview off)."""
    source = session.get(Source, source_id)
    if source is None:
        return
    config = dict(source.config or {})
    notes = dict(config.get("unavailable") or {})
    notes[target] = {"reason": reason, "seen_at": utcnow().isoformat(timespec="seconds")}
    config["unavailable"] = notes
    source.config = config
    session.flush()


def source_config(source: Source) -> dict[str, Any]:
    try:
        return validate_config(source.platform.value, source.config or {})
    except SourceConfigError as exc:
        raise UnknownSource(f"source {source.name!r} has an invalid config: {exc}") from exc
