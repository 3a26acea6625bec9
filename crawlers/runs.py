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

_RUNNING = re.compile(r"^(running|launching) as pid (\d+) on (\S+)$")
# A run on another machine cannot be probed; past this age it is presumed dead.
FOREIGN_RUN_TIMEOUT = timedelta(hours=24)


class RunInProgress(RuntimeError):
    """Another live process is crawling this source."""


class UnknownSource(LookupError):
    pass


def running_message(pid: int, host: str, *, launching: bool = False) -> str:
    return f"{'launching' if launching else 'running'} as pid {pid} on {host}"


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
    if not _exists(pid):
        return False
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
        pid, run_host = (int(match.group(2)), match.group(3)) if match else (0, "")
        # A launcher (CLI, flow, admin page) holds the run until its Scrapy process claims it.
        launching = match is not None and match.group(1) == "launching"
        alive = _exists(pid) if launching else _alive(pid, source.name)
        if run_host == host and pid and pid != os.getpid() and alive:
            raise RunInProgress(f"source is being crawled by run {run.id} (pid {pid})")
        if run_host and run_host != host and utcnow() - run.started_at < FOREIGN_RUN_TIMEOUT:
            raise RunInProgress(f"source is being crawled by run {run.id} on {run_host}")
        run.status = RunStatus.KILLED
        # The last moment it was seen alive, not the moment this run noticed it was gone.
        run.ended_at = run.last_seen_at or run.started_at
        run.message = (
            f"killed: the process ({run.message or 'unknown'}) ended without closing the run; "
            "its committed posts and cursor were kept"
        )
        if run.warc_path and (evidence_dir / run.warc_path).exists():
            run.warc_sha256 = sha256_file(evidence_dir / run.warc_path)
        reaped.append(run.id)
    session.flush()
    return reaped


def open_run(
    session: Session, source: Source, evidence_dir: Path, *, launching: bool = False
) -> CrawlRun:
    """A new run of `source` from the last cursor, held by this process (`launching`: for
    the Scrapy process a launcher is about to start, which claims it with `claim_run`)."""
    reap(session, source, evidence_dir)
    now = utcnow()
    run = CrawlRun(
        source_id=source.id,
        status=RunStatus.RUNNING,
        started_at=now,
        last_seen_at=now,
        cursor=latest_cursor(session, source.id),
        message=running_message(os.getpid(), socket.gethostname(), launching=launching),
    )
    session.add(run)
    session.flush()
    return run


def claim_run(session: Session, run_id: int, source: Source) -> CrawlRun:
    """The run a launcher opened for this process: it now runs as our pid."""
    run = session.get(CrawlRun, run_id)
    if run is None or run.source_id != source.id or run.status is not RunStatus.RUNNING:
        raise UnknownSource(f"run {run_id} is not an open run of source {source.name!r}")
    run.message = running_message(os.getpid(), socket.gethostname())
    run.last_seen_at = utcnow()
    session.flush()
    return run


@dataclass
class Progress:
    pages: int = 0
    lookups: int = 0
    posts_new: int = 0
    posts_updated: int = 0
    errors: int = 0


def unfinished(cursor: dict[str, Any]) -> list[str]:
    """Targets whose sweep was cut short (page cap, time limit, kill): the next run resumes
    them before anything else."""
    return sorted(
        t for t, state in cursor.items() if isinstance(state, dict) and state.get("sweep")
    )


def save_progress(
    session: Session, run_id: int, progress: Progress, cursor: dict[str, Any]
) -> None:
    session.execute(
        update(CrawlRun)
        .where(CrawlRun.id == run_id)
        .values(
            pages=progress.pages,
            lookups=progress.lookups,
            posts_new=progress.posts_new,
            posts_updated=progress.posts_updated,
            errors=progress.errors,
            cursor=cursor,
            cut_short=unfinished(cursor),
            last_seen_at=utcnow(),
        )
    )


def heartbeat(session: Session, run_id: int) -> None:
    """The run is alive: if it is killed, this is its end time."""
    session.execute(
        update(CrawlRun)
        .where(CrawlRun.id == run_id, CrawlRun.status == RunStatus.RUNNING)
        .values(last_seen_at=utcnow())
    )


def finish_run(
    session: Session,
    run_id: int,
    status: RunStatus,
    message: str,
    *,
    warc_sha256: str | None = None,
) -> None:
    now = utcnow()
    values: dict[str, Any] = {
        "status": status,
        "ended_at": now,
        "last_seen_at": now,
        "message": message,
    }
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
