"""Admin "crawl now" goes through crawlers.launch: the job is recorded in crawl_jobs (not the
audit log) with the run id the launch opened, and the run page names cut-short targets."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from crawlers.replay import ReplayServer
from pantau.models import AuditEvent, CrawlJob, CrawlRun, RunStatus, Source

pytestmark = pytest.mark.slow


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    with ReplayServer() as server:
        yield server


def test_crawl_now_records_a_job_with_its_run_and_the_run_page_shows_cut_short_targets(
    ui: Any, replay: ReplayServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)  # no Prefect server: a process
    added = httpx.post(
        f"{replay.url}/_control/posts/add",
        json={"platform": "mastodon", "account": "wahyu_sp", "count": 45},
    )
    added.raise_for_status()
    with ui.db.session() as session:
        source = Source(
            platform="mastodon",
            name="mastodon-uji",
            config={"instance": replay.url, "accounts": ["wahyu_sp"], "max_pages": 1},
        )
        session.add(source)
        session.commit()
        source_id = source.id
    admin = ui.client_for("admin")

    answer = admin.post(f"/admin/sources/{source_id}/crawl", data={"csrf_token": admin.csrf})
    assert answer.status_code in (302, 303), answer.text

    with ui.db.session() as session:
        job = session.scalars(select(CrawlJob)).one()
        assert job.via == "process" and job.error is None and job.requested_by == "admin"
        run_id = job.crawl_run_id
        assert run_id is not None  # known at launch, not guessed from the latest run
        audited = select(func.count()).select_from(AuditEvent)
        assert session.scalar(audited.where(AuditEvent.action == "source.crawl_now")) == 0
    deadline = time.monotonic() + 120
    while True:
        with ui.db.session() as session:
            run = session.get(CrawlRun, run_id)
            assert run is not None
            if run.status is not RunStatus.RUNNING:
                break
        assert time.monotonic() < deadline, "the crawl did not finish"
        time.sleep(0.2)
    assert run.status is RunStatus.SUCCEEDED, run.message
    assert run.cut_short == ["account:wahyu_sp"]

    page = admin.get(f"/admin/runs/{run_id}")
    assert page.status_code == 200
    assert "Target terpotong" in page.text and "account:wahyu_sp" in page.text
    runs = admin.get(f"/admin/sources/{source_id}/runs")
    assert f"putaran #{run_id}" in runs.text and "account:wahyu_sp" in runs.text
