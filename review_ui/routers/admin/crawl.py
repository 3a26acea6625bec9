"""Crawl now: `pantau crawl NAME` in a background process, its runs, and a run's log."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau import audit
from pantau.models import AuditEvent, CrawlRun, RunStatus, Source
from pantau.settings import Settings
from pantau.timeutil import as_utc, utcnow
from review_ui.deps import AdminUser, AppSettings, DbSession, Templates
from review_ui.routers.admin.common import redirect, render

router = APIRouter()
LAUNCH_ACTION = "source.crawl_now"
LOG_TAIL_BYTES = 200_000
RECENT = 20


@dataclass(frozen=True)
class Launch:
    at: datetime
    actor: str
    pid: int
    log: str  # relative to the data dir
    run_started: bool  # a crawl run of this source began after the launch

    @property
    def fresh(self) -> bool:
        return utcnow() - as_utc(self.at) < timedelta(minutes=2)


def start_crawl(settings: Settings, source_name: str) -> tuple[int, str]:
    """Start `pantau crawl NAME` detached; its output goes to a launcher log."""
    data_dir = settings.data_dir.resolve()
    relative = f"logs/ui/crawl-{source_name}-{utcnow():%Y%m%dT%H%M%S%f}.log"
    log_path = data_dir / relative
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        # The crawl must write where this app reads, whatever its settings came from.
        "PANTAU_DATABASE_URL": settings.effective_database_url,
        "PANTAU_DATA_DIR": str(data_dir),
    }
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pantau", "crawl", source_name],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
    # Reap the child when it ends so it does not linger as a zombie.
    threading.Thread(target=proc.wait, name=f"crawl-{source_name}", daemon=True).start()
    return proc.pid, relative


def recent_runs(db: Session, source_id: int, limit: int = RECENT) -> list[CrawlRun]:
    query = (
        select(CrawlRun)
        .where(CrawlRun.source_id == source_id)
        .order_by(CrawlRun.id.desc())
        .limit(limit)
    )
    return list(db.scalars(query))


def last_launch(db: Session, source: Source) -> Launch | None:
    event = db.scalar(
        select(AuditEvent)
        .where(
            AuditEvent.action == LAUNCH_ACTION,
            AuditEvent.object_type == "source",
            AuditEvent.object_id == str(source.id),
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    if event is None:
        return None
    started = db.scalar(
        select(CrawlRun.id).where(
            CrawlRun.source_id == source.id, CrawlRun.started_at >= event.occurred_at
        )
    )
    details = event.details or {}
    return Launch(
        event.occurred_at,
        event.actor,
        int(details.get("pid", 0)),
        str(details.get("log", "")),
        started is not None,
    )


def read_tail(data_dir: Path, relative: str | None) -> str | None:
    """The end of a log under the data dir; None if there is none (or it points outside)."""
    if not relative:
        return None
    root = data_dir.resolve()
    path = (root / relative).resolve()
    if root not in path.parents or not path.is_file():
        return None
    with path.open("rb") as fh:
        size = fh.seek(0, os.SEEK_END)
        fh.seek(max(0, size - LOG_TAIL_BYTES))
        return fh.read().decode("utf-8", errors="replace")


@router.post("/sources/{source_id}/crawl")
def crawl_now(source_id: int, db: DbSession, admin: AdminUser, settings: AppSettings) -> Response:
    source = db.get(Source, source_id)
    if source is None:
        raise HTTPException(404, "Sumber tidak ditemukan.")
    pid, log = start_crawl(settings, source.name)
    audit.record(db, admin, LAUNCH_ACTION, "source", source.id, {"pid": pid, "log": log})
    return redirect(f"/admin/sources/{source_id}?pesan=perayapan-dimulai")


@router.get("/sources/{source_id}/runs")
def runs_fragment(
    request: Request, source_id: int, db: DbSession, templates: Templates
) -> Response:
    """The runs table alone, which the source page refreshes while a crawl is going."""
    source = db.get(Source, source_id)
    if source is None:
        raise HTTPException(404, "Sumber tidak ditemukan.")
    context = {
        "source": source,
        "runs": recent_runs(db, source.id),
        "launch": last_launch(db, source),
    }
    return templates.TemplateResponse(request, "admin/_runs.html", context)


@router.get("/runs/{run_id}")
def run_page(
    request: Request, run_id: int, db: DbSession, templates: Templates, settings: AppSettings
) -> Response:
    run = db.get(CrawlRun, run_id)
    if run is None:
        raise HTTPException(404, "Putaran perayapan tidak ditemukan.")
    context = {
        "run": run,
        "log": read_tail(settings.data_dir, run.log_path),
        "running": run.status is RunStatus.RUNNING,
    }
    return render(request, templates, "run.html", context)


@router.get("/launches/{source_id}/log")
def launch_log(
    request: Request, source_id: int, db: DbSession, templates: Templates, settings: AppSettings
) -> Response:
    """The output of the last `crawl now` of a source (useful when no run could start)."""
    source = db.get(Source, source_id)
    launch = last_launch(db, source) if source else None
    if source is None or launch is None:
        raise HTTPException(404, "Belum ada perayapan yang dimulai dari halaman ini.")
    context = {"source": source, "launch": launch, "log": read_tail(settings.data_dir, launch.log)}
    return render(request, templates, "launch.html", context)
