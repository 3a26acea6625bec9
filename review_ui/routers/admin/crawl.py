"""Crawl now (through crawlers.launch, or the crawl-source deployment), runs, a run's log."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from fastapi import APIRouter, BackgroundTasks, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from crawlers.launch import settle, start_crawl
from pantau.db import engine_for
from pantau.models import CrawlJob, CrawlRun, RunStatus, Source
from pantau.settings import Settings
from pantau.timeutil import utcnow
from review_ui.deps import AdminUser, AppSettings, DbSession, Templates
from review_ui.routers.admin.common import redirect, render

router = APIRouter()
LOG_TAIL_BYTES = 200_000
RECENT = 20
DEPLOYMENT = "crawl-source/crawl-source"


def _launch_process(settings: Settings, source_name: str) -> dict[str, Any]:
    """`scrapy crawl` for a run opened now (crawlers.launch); its output goes to a log."""
    data_dir = settings.data_dir.resolve()
    relative = f"logs/ui/crawl-{source_name}-{utcnow():%Y%m%dT%H%M%S%f}.log"
    log_path = data_dir / relative
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w", encoding="utf-8") as log:
        launched = start_crawl(source_name, output=log, detach=True, settings=settings)

    def reap() -> None:  # the child is waited for (no zombie) and its run settled
        settle(launched.run_id, launched.process.wait(), settings=settings)

    threading.Thread(target=reap, name=f"crawl-{source_name}", daemon=True).start()
    return {"pid": launched.process.pid, "crawl_run_id": launched.run_id, "log_path": relative}


def _launch_deployment(job_id: int, source_name: str) -> dict[str, Any]:
    """A flow run of the crawl-source deployment; the flow records its run id on the job."""
    from prefect.deployments import run_deployment  # only with a Prefect server configured

    flow_run: Any = run_deployment(
        DEPLOYMENT, timeout=0, parameters={"source": source_name, "job_id": job_id}
    )
    return {"flow_run_id": str(flow_run.id)}


def start_job(settings: Settings, job_id: int, source_name: str, via: str) -> None:
    """After the response (the request's transaction is committed, so SQLite's one writer
    is free): start the crawl and note on the job how it went."""
    try:
        if via == "prefect":
            values = _launch_deployment(job_id, source_name)
        else:
            values = _launch_process(settings, source_name)
    except (OSError, RuntimeError) as exc:  # LaunchError is a RuntimeError
        values = {"error": str(exc)}
    engine = engine_for(settings.effective_database_url)
    with Session(engine) as session, session.begin():
        session.execute(update(CrawlJob).where(CrawlJob.id == job_id).values(**values))


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
def crawl_now(
    source_id: int,
    db: DbSession,
    admin: AdminUser,
    settings: AppSettings,
    background: BackgroundTasks,
) -> Response:
    source = db.get(Source, source_id)
    if source is None:
        raise HTTPException(404, "Sumber tidak ditemukan.")
    # Through the crawl-source deployment when a Prefect server is configured.
    via = "prefect" if os.environ.get("PREFECT_API_URL") else "process"
    job = CrawlJob(source_id=source.id, requested_by=admin.username, via=via)
    db.add(job)
    db.flush()
    background.add_task(start_job, settings, job.id, source.name, via)
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
    log = read_tail(settings.data_dir, launch.log_path)
    context = {"source": source, "launch": launch, "log": log}
    return render(request, templates, "launch.html", context)
