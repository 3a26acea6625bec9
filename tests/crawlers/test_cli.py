"""`pantau sources add/list` and `pantau crawl SOURCE` (Scrapy in a subprocess, live output)."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from sqlalchemy import select
from typer.testing import CliRunner

from crawlers import cli
from crawlers.replay import ReplayServer
from pantau.models import CrawlRun, RunStatus, Source


@pytest.fixture
def app() -> typer.Typer:
    root = typer.Typer()
    cli.register(root)
    return root


@pytest.mark.slow
def test_sources_add_list_and_crawl(
    app: typer.Typer, replay_env: Any, replay: ReplayServer
) -> None:
    runner = CliRunner()
    added = runner.invoke(
        app,
        ["sources", "add", "tagar", "mastodon", f"instance={replay.url}", "hashtags=hendi2",
         "region_code=35.78"],
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    again = runner.invoke(app, ["sources", "add", "tagar", "mastodon", "hashtags=x"])
    assert again.exit_code == 1 and "exists" in again.output
    bad = runner.invoke(app, ["sources", "add", "salah", "mastodon", "akun=budi"])
    assert bad.exit_code == 1 and "kunci tidak dikenal untuk mastodon: akun" in bad.output

    crawled = runner.invoke(app, ["crawl", "tagar"])
    assert crawled.exit_code == 0, crawled.output
    assert "Spider opened" in crawled.output  # Scrapy's own log, streamed as it ran
    assert "run 1 succeeded" in crawled.output
    with replay_env.session() as s:
        source = s.scalars(select(Source).where(Source.name == "tagar")).one()
        run = s.scalars(select(CrawlRun).where(CrawlRun.source_id == source.id)).one()
        assert run.status == RunStatus.SUCCEEDED and run.posts_new > 0
    listed = runner.invoke(app, ["sources", "list"])
    assert "tagar" in listed.output and "succeeded" in listed.output
    missing = runner.invoke(app, ["crawl", "tidak-ada"])
    assert missing.exit_code == 1 and "no source named" in missing.output


@pytest.mark.slow
def test_crawl_exit_code_follows_the_run(
    app: typer.Typer, replay_env: Any, replay: ReplayServer
) -> None:
    runner = CliRunner()
    runner.invoke(app, ["sources", "add", "tg", "telegram", "channels=kanal_tertutup"])
    result = runner.invoke(app, ["crawl", "tg"])
    assert result.exit_code == 1, result.output
    assert "preview disabled" in result.output
