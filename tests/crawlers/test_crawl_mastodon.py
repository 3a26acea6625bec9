"""Mastodon spider end to end: a real `scrapy crawl` subprocess against the replay server."""

from __future__ import annotations

import signal
import subprocess
import time
from typing import Any

import httpx
import pytest
from crawl_runs import ROOT, add_source, crawl_command, crawl_env, run_crawl
from sqlalchemy import func, select

from crawlers import evidence
from crawlers.replay import ReplayServer
from pantau.models import CrawlRun, Evidence, Post, PostVersion, Quarantine, RunStatus

pytestmark = pytest.mark.slow


def runs(db: Any) -> list[CrawlRun]:
    with db.session() as s:
        return list(s.scalars(select(CrawlRun).order_by(CrawlRun.id)))


def count(db: Any, model: type, *where: Any) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def replay_posts(replay: ReplayServer, account: str) -> list[dict[str, Any]]:
    params = {"platform": "mastodon", "account": account}
    rows = httpx.get(f"{replay.url}/_control/posts", params=params).json()
    return sorted(rows, key=lambda r: (len(r["id"]), r["id"]))


def replay_ids(replay: ReplayServer, account: str) -> set[str]:
    return {r["id"] for r in replay_posts(replay, account)}


def statuses_path(replay: ReplayServer, handle: str) -> str:
    account = httpx.get(f"{replay.url}/api/v1/accounts/lookup", params={"acct": handle})
    replay.app.log.clear()
    return f"/api/v1/accounts/{account.json()['id']}/statuses"


def db_ids(db: Any, handle: str) -> set[str]:
    with db.session() as s:
        return set(
            s.scalars(
                select(Post.platform_post_id)
                .join(Post.account)
                .where(Post.platform == "mastodon", Post.account.has(handle=handle))
            )
        )


def test_paginates_then_second_run_writes_nothing_new(fresh_db: Any, replay: ReplayServer) -> None:
    add_source(
        replay, "mastodon-watchlist", accounts=["wahyu_sp", "kabar_sby"], hashtags=["hendi2"]
    )
    first = run_crawl("mastodon", "-a", "source=mastodon-watchlist", "-a", "page_size=4")
    assert first.proc.returncode == 0, first.log
    run = runs(fresh_db)[0]
    assert run.status == RunStatus.SUCCEEDED, run.message
    assert run.pages > 6 and run.posts_new > 0 and run.errors == 0
    assert run.lookups == 2  # the two accounts, counted apart from timeline pages
    assert replay_ids(replay, "wahyu_sp") <= db_ids(fresh_db, "wahyu_sp@127.0.0.1")
    assert len(replay.requests("/api/v1/accounts/")) > 4  # followed the Link header
    posts, versions, evidence_rows = (count(fresh_db, m) for m in (Post, PostVersion, Evidence))
    assert posts == versions == evidence_rows == run.posts_new
    assert run.warc_path and run.warc_sha256 and run.log_path
    with fresh_db.session() as s:  # every evidence row points at a record that re-hashes
        report = evidence.verify(s, fresh_db.settings.evidence_dir)
        assert report.ok and (report.files, report.records) == (1, evidence_rows)

    n_before = len(replay.requests())
    second = run_crawl("mastodon", "-a", "source=mastodon-watchlist", "-a", "page_size=4")
    assert second.proc.returncode == 0, second.log
    again = runs(fresh_db)[1]
    assert (again.status, again.posts_new, again.posts_updated) == (RunStatus.SUCCEEDED, 0, 0)
    assert (count(fresh_db, Post), count(fresh_db, PostVersion)) == (posts, versions)
    assert count(fresh_db, Evidence) == evidence_rows
    # Only the newest page of each target was fetched: the account lookups are reused.
    assert len(replay.requests()) - n_before == 3
    assert again.lookups == 0


def test_new_posts_and_an_edit_are_picked_up(fresh_db: Any, replay: ReplayServer) -> None:
    add_source(replay, "mastodon-watchlist", accounts=["wahyu_sp"])
    assert run_crawl("mastodon", "-a", "source=mastodon-watchlist").proc.returncode == 0
    newest = [r["id"] for r in replay_posts(replay, "wahyu_sp") if r["kind"] == "post"][-1]
    control = f"{replay.url}/_control/posts"
    httpx.post(
        f"{control}/edit",
        json={"platform": "mastodon", "id": newest, "text": "Teks sudah diubah: coblos nomor 2"},
    ).raise_for_status()
    httpx.post(
        f"{control}/add", json={"platform": "mastodon", "account": "wahyu_sp", "count": 2}
    ).raise_for_status()
    second = run_crawl("mastodon", "-a", "source=mastodon-watchlist")
    assert second.proc.returncode == 0, second.log
    run = runs(fresh_db)[1]
    assert (run.posts_new, run.posts_updated) == (2, 1), run.message
    with fresh_db.session() as s:
        post = s.scalars(select(Post).where(Post.platform_post_id == newest)).one()
        assert post.edited_at is not None and "diubah" in post.text
        texts = s.scalars(
            select(PostVersion.text).where(PostVersion.post_id == post.id).order_by(PostVersion.id)
        ).all()
        assert len(texts) == 2 and "diubah" in texts[1]
        assert s.scalar(select(func.count()).where(Evidence.post_id == post.id)) == 2


def test_429_waits_for_retry_after_and_reset(fresh_db: Any, replay: ReplayServer) -> None:
    add_source(replay, "mastodon-watchlist", accounts=["wahyu_sp"], hashtags=["hendi2"])
    statuses = statuses_path(replay, "wahyu_sp")
    replay.fault("/api/v1/accounts/lookup", "429", seconds=2)
    replay.fault("/api/v1/timelines/tag/", "429-reset", seconds=2)
    replay.fault(statuses, "500", count=2)
    result = run_crawl("mastodon", "-a", "source=mastodon-watchlist")
    assert result.proc.returncode == 0, result.log
    assert runs(fresh_db)[0].status == RunStatus.SUCCEEDED
    for path, least in (("/api/v1/accounts/lookup", 2.0), ("/api/v1/timelines/tag/", 1.0)):
        log = replay.requests(path)
        assert log[0]["status"] == 429 and log[1]["status"] == 200
        assert log[1]["time"] - log[0]["time"] >= least * 0.95
    log = replay.requests(statuses)
    assert [r["status"] for r in log[:3]] == [500, 500, 200]
    assert log[2]["time"] - log[1]["time"] >= 0.2  # backed off, not hammered


FAULTS = {  # account -> the fault its first statuses page gets
    "wahyu_sp": "truncate",
    "kabar_sby": "html",
    "arek_suroboyo": "malformed",
    "endah_rungkut": "huge",
    "siska_bdg": "invalid-utf8",
    "rizal_f": "disconnect",
}


def test_bad_input_is_quarantined_and_the_crawl_goes_on(
    fresh_db: Any, replay: ReplayServer
) -> None:
    add_source(replay, "mastodon-watchlist", accounts=[*FAULTS, "nur_aini_guru"])
    paths = {handle: statuses_path(replay, handle) for handle in FAULTS}
    for handle, kind in FAULTS.items():
        replay.fault(paths[handle], kind)
    result = run_crawl("mastodon", "-a", "source=mastodon-watchlist", "-a", "page_size=5")
    assert result.proc.returncode == 0, result.log
    run = runs(fresh_db)[0]
    assert run.status == RunStatus.SUCCEEDED, run.message
    with fresh_db.session() as s:
        rows = s.scalars(select(Quarantine).order_by(Quarantine.id)).all()
        by_path = {r.url.split("/statuses")[0].rsplit("/", 1)[1]: r for r in rows}
        assert all(r.crawl_run_id == run.id and r.raw for r in rows)
        # The parser repairs invalid UTF-8 (U+FFFD marks where) instead of rejecting it.
        assert s.scalar(select(func.count()).where(Post.text.contains("\ufffd"))) == 1
    quarantined = {h for h, p in paths.items() if p.split("/")[4] in by_path}
    # A cut connection is retried by Scrapy; the others were received and kept as they came.
    assert quarantined == {"wahyu_sp", "kabar_sby", "arek_suroboyo", "endah_rungkut"}
    assert len(by_path[paths["endah_rungkut"].split("/")[4]].raw) > 10_000_000
    assert b"Just a moment" in by_path[paths["kabar_sby"].split("/")[4]].raw
    assert run.errors == 4
    for handle, kind in FAULTS.items():
        missing = replay_ids(replay, handle) - db_ids(fresh_db, f"{handle}@127.0.0.1")
        assert len(missing) == (1 if kind in ("malformed", "huge") else 0), handle
    assert replay_ids(replay, "nur_aini_guru") <= db_ids(fresh_db, "nur_aini_guru@127.0.0.1")


def test_killed_crawl_resumes_without_loss_or_duplicates(
    fresh_db: Any, replay: ReplayServer
) -> None:
    add_source(replay, "mastodon-watchlist", accounts=["wahyu_sp"])
    replay.fault("/api/v1/accounts/", "slow", count=100, seconds=0.4)
    proc = subprocess.Popen(
        crawl_command("mastodon", "-a", "source=mastodon-watchlist", "-a", "page_size=2"),
        env=crawl_env(),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while count(fresh_db, Post) < 5 and time.monotonic() < deadline:
            time.sleep(0.1)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=10)
    stored = count(fresh_db, Post)
    assert 5 <= stored < len(replay_ids(replay, "wahyu_sp")), "kill came too late to test resume"
    replay.app.faults.clear()
    requests_before = len(replay.requests())

    again = run_crawl("mastodon", "-a", "source=mastodon-watchlist", "-a", "page_size=2")
    assert again.proc.returncode == 0, again.log
    killed, resumed = runs(fresh_db)
    assert killed.status == RunStatus.KILLED and "killed" in (killed.message or "")
    assert resumed.status == RunStatus.SUCCEEDED
    assert replay_ids(replay, "wahyu_sp") <= db_ids(fresh_db, "wahyu_sp@127.0.0.1")
    posts = count(fresh_db, Post)
    assert count(fresh_db, PostVersion) == posts and count(fresh_db, Evidence) == posts
    # It resumed where the killed run stopped (max_id), not from the top.
    first = next(r for r in replay.requests()[requests_before:] if "statuses" in r["path"])
    assert "max_id" in first["query"]
