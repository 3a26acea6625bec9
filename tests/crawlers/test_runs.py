"""Run bookkeeping: cursor hand-over, reaping runs of dead processes, refusing a live one."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from crawlers import runs
from pantau.models import CrawlRun, Platform, RunStatus, Source


def _source(session: Session, name: str = "uji") -> Source:
    source = Source(platform=Platform.MASTODON, name=name, config={"hashtags": ["pilkada"]})
    session.add(source)
    session.flush()
    return source


def test_next_run_starts_from_the_last_cursor_and_reaps_the_dead(
    session: Session, tmp_path: Path
) -> None:
    source = _source(session)
    first = runs.open_run(session, source, tmp_path)
    runs.save_progress(session, first.id, runs.Progress(pages=3), {"tag:pilkada": {"since": "9"}})
    # A process that no longer exists left its run open.
    first.message = runs.running_message(2**22 + 12345, socket.gethostname())
    session.flush()
    second = runs.open_run(session, source, tmp_path)
    session.refresh(first)
    assert first.status == RunStatus.KILLED and "killed" in (first.message or "")
    assert second.cursor == {"tag:pilkada": {"since": "9"}}


def test_a_live_crawl_of_the_same_source_blocks_another(session: Session, tmp_path: Path) -> None:
    source = _source(session, "sibuk")
    run = runs.open_run(session, source, tmp_path)
    sleeper = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(30)", "scrapy", "crawl", "source=sibuk"]
    )
    try:
        run.message = runs.running_message(sleeper.pid, socket.gethostname())
        session.flush()
        with pytest.raises(runs.RunInProgress):
            runs.open_run(session, source, tmp_path)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert runs.open_run(session, source, tmp_path).id > run.id
    assert session.get(CrawlRun, run.id).status == RunStatus.KILLED  # type: ignore[union-attr]


def test_unknown_source_and_platform_mismatch(session: Session) -> None:
    _source(session, "m")
    with pytest.raises(runs.UnknownSource, match="no source named"):
        runs.resolve_source(session, "mastodon", "tidak-ada", None)
    with pytest.raises(runs.UnknownSource, match="is a mastodon source, not x"):
        runs.resolve_source(session, "x", "m", None)
    adhoc = runs.resolve_source(session, "x", None, {"queries": "coblos"})
    assert adhoc.name.startswith("cli-x-") and not adhoc.enabled
    assert runs.resolve_source(session, "x", None, {"queries": ["coblos"]}).id == adhoc.id
