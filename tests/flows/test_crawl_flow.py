"""The crawl-source flow starts its crawl through crawlers.launch: the run id comes back
from the launch (not looked up by time), an admin job gets it, and the nightly summary
names the targets a page cap cut short."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from flows.crawl import CrawlResult, crawl_source
from flows.nightly import NightlySummary, render_summary
from pantau.db import session_scope
from pantau.models import CrawlJob, CrawlRun, Source


def test_nightly_summary_names_the_targets_cut_short() -> None:
    summary = NightlySummary(
        crawls=[
            CrawlResult("mastodon-watchlist", 7, "succeeded", pages=50, cut_short=["account:budi"]),
            CrawlResult("rss-berita", 8, "succeeded", pages=3),
        ]
    )
    text = render_summary(summary)
    assert "**Cut short (resumed next run):** mastodon-watchlist: account:budi." in text
    assert "rss-berita:" not in text


@pytest.mark.slow
def test_crawl_source_returns_the_run_it_launched_and_fills_the_job(
    replay: Any, prefect_harness: None
) -> None:
    # More than one page (40) of posts for one account.
    added = httpx.post(
        f"{replay.url}/_control/posts/add",
        json={"platform": "mastodon", "account": "wahyu_sp", "count": 45},
    )
    added.raise_for_status()
    with session_scope() as session:
        source = session.scalar(select(Source).where(Source.name == "mastodon-watchlist"))
        assert source is not None
        # One page per target: the busy account is cut short and says so.
        session.execute(
            update(Source)
            .where(Source.id == source.id)
            .values(config={**source.config, "max_pages": 1})
        )
        job = CrawlJob(source_id=source.id, requested_by="admin", via="prefect")
        session.add(job)
        session.flush()
        job_id = job.id

    result = crawl_source("mastodon-watchlist", time_limit_s=120, job_id=job_id)

    with session_scope() as session:
        run = session.scalars(select(CrawlRun)).one()
        job_row = session.get(CrawlJob, job_id)
        assert job_row is not None
        assert result.run_id == run.id == job_row.crawl_run_id
        assert result.status == "succeeded" and result.cut_short == run.cut_short
        assert run.cut_short == ["account:wahyu_sp"]
        assert "1 target cut short, resumed next run: account:wahyu_sp" in (run.message or "")
