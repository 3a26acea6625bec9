"""Crawl now (through crawlers.launch, or the crawl-source deployment), runs, a run's log."""

from __future__ import annotations

import os
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers.launch import settle, start_crawl
from pantau.models import CrawlJob, CrawlRun, RunStatus, Source, User
from pantau.settings import Settings
from pantau.timeutil import as_utc, utcnow
from review_ui.deps import AdminUser, AppSettings, DbSession, Templates
from review_ui.routers.admin.common import redirect, render

router = APIRouter()
LOG_TAIL_BYTES = 200_000
RECENT = 20
DEPLOYMENT = "crawl-source/crawl-source"


def job_is_fresh(job: CrawlJob) -> bool:
    return utcnow() - as_utc(job.requested_at) < timedelta(minutes=2)


def _launch_process(settings: Settings, job: CrawlJob, source_name: str) -> None:
    """`scrapy crawl` for a run opened now (crawlers.launch); its output goes to a log."""
    data_dir = settings.data_dir.resolve()
    relative = f"logs/ui/crawl-{source_name}-{utcnow():%Y%m%dT%H%M%S%f}.log"
    log_path = data_dir / relative
    log_path.parent.mkdir(parents=True, exist_ok=True)
    job.via, job.log_path = "process", relative
    with log_path.open("w", encoding="utf-8") as log:
        launched = start_crawl(source_name, output=log, detach=True, settings=settings)
    job.pid, job.crawl_run_id = launched.process.pid, launched.run_id

    def reap() -> None:  # the child is waited for (no zombie) and its run settled
        settle(launched.run_id, launched.process.wait(), settings=settings)

    threading.Thread(target=reap, name=f"crawl-{source_name}", daemon=True).start()


def _launch_deployment(db: Session, job: CrawlJob, source_name: str) -> None:
    """A flow run of the crawl-source deployment; the flow records its run id on the job."""
    from prefect.deployments import run_deployment  # only with a Prefect server configured

    job.via = "prefect"
    db.add(job)
    db.flush()  # the flow run is given the job's id
    flow_run: Any = run_deployment(
        DEPLOYMENT, timeout=0, parameters={"source": source_name, "job_id": job.id}
    )
    job.flow_run_id = str(flow_run.id)


def launch(db: Session, settings: Settings, source: Source, actor: User) -> CrawlJob:
    """Start a crawl of `source` and record the job (with its error if it could not start).

    Without a Prefect server the run is opened (in its own transaction) before this
    request's session writes anything, so SQLite's single writer is never waited for."""
    job = CrawlJob(source_id=source.id, requested_by=actor.username, via="process")
    try:
        if os.environ.get("PREFECT_API_URL"):
            _launch_deployment(db, job, source.name)
        else:
            _launch_process(settings, job, source.name)
    except (OSError, RuntimeError) as exc:  # LaunchError is a RuntimeError
        job.error = str(exc)
    db.add(job)
    db.flush()
    return job


def recent_runs(db: Session, source_id: int, limit: int = RECENT) -> list[CrawlRun]:
    query = (
        select(CrawlRun)
        .where(CrawlRun.source_id == source_id)
        .order_by(CrawlRun.id.desc())
        .limit(limit)
    )
    return list(db.scalars(query))


def last_launch(db: Session, source: Source) -> CrawlJob | None:
    query = (
        select(CrawlJob)
        .where(CrawlJob.source_id == source.id)
        .order_by(CrawlJob.id.desc())
        .limit(1)
    )
    return db.scalar(query)


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
    job = launch(db, settings, source, admin)
    # A job that could not start shows its error above the runs table.
    return redirect(
        f"/admin/sources/{source_id}" + ("" if job.error else "?pesan=perayapan-dimulai")
    )


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
    log = read_tail(settings.data_dir, launch.log_path)
    context = {"source": source, "launch": launch, "log": log}
    return render(request, templates, "launch.html", context)
