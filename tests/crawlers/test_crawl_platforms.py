"""Bluesky, Telegram, RSS, X and YouTube spiders end to end against the replay server:
pagination, 429 back-off, quarantine, incremental runs, edits, kill and resume."""

from __future__ import annotations

import signal
import subprocess
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from crawl_runs import ROOT, add_source, crawl_command, crawl_env, run_crawl
from sqlalchemy import func, select

from crawlers.replay import ReplayServer
from pantau.models import CrawlRun, Evidence, Post, PostVersion, Quarantine, RunStatus, Source

pytestmark = pytest.mark.slow


@dataclass
class Case:
    platform: str
    source: str
    config: dict[str, Any]
    account: str  # the replay account whose posts are edited and added
    page_size: int | None = 5
    preload: int = 0  # posts added first, so that the target has several pages
    args: list[str] = field(default_factory=list)


CASES = [
    Case("bluesky", "bluesky-watchlist",
         {"accounts": ["laksmiw.bsky.social", "ujangsaep.bsky.social"]}, "laksmiw.bsky.social"),
    Case("telegram", "telegram-channels", {"channels": ["infopemkot_sby", "relawan_baret1"]},
         "infopemkot_sby", page_size=None, preload=12),
    Case("rss", "rss-news", {}, "kabar-suroboyo", page_size=None),
    Case("x", "x-watchlist", {"accounts": ["bambang_th", "fajar_dishub"]}, "bambang_th"),
    Case("youtube", "youtube-channels", {"channels": ["UCkabarsuroboyotv0000001"]},
         "UCkabarsuroboyotv0000001"),
]  # fmt: skip
IDS = [c.platform for c in CASES]


def control(replay: ReplayServer, action: str, **body: Any) -> Any:
    response = httpx.post(f"{replay.url}/_control/posts/{action}", json=body)
    response.raise_for_status()
    return response.json()


def replay_posts(replay: ReplayServer, platform: str, account: str) -> list[dict[str, Any]]:
    params = {"platform": platform, "account": account}
    rows = httpx.get(f"{replay.url}/_control/posts", params=params).json()
    return sorted(rows, key=lambda r: r["created_at"])


def page_path(replay: ReplayServer, case: Case) -> str:
    """The path of the account's timeline pages (faults match path prefixes)."""
    if case.platform == "bluesky":
        return "/xrpc/app.bsky.feed.getAuthorFeed"
    if case.platform == "telegram":
        return f"/s/{case.account}"
    if case.platform == "rss":
        return f"/feeds/{case.account}.xml"
    if case.platform == "x":
        return f"/2/users/{replay_posts(replay, 'x', case.account)[0]['account']}/tweets"
    return "/youtube/v3/commentThreads"


def setup(replay: ReplayServer, case: Case) -> None:
    config = dict(case.config)
    if case.platform == "rss":
        feeds = next(r for r in replay.sources() if r["name"] == "rss-news")["config"]["feeds"]
        config["feeds"] = [f for f in feeds if case.account in f]
    add_source(replay, case.source, **config)
    if case.preload:
        control(replay, "add", platform=case.platform, account=case.account, count=case.preload)


def crawl(case: Case, *extra: str) -> Any:
    args = ["-a", f"source={case.source}", *case.args, *extra]
    if case.page_size:
        args += ["-a", f"page_size={case.page_size}"]
    return run_crawl(case.platform, *args)


def runs(db: Any) -> list[CrawlRun]:
    with db.session() as s:
        return list(s.scalars(select(CrawlRun).order_by(CrawlRun.id)))


def stored_ids(db: Any, platform: str) -> set[str]:
    with db.session() as s:
        return set(s.scalars(select(Post.platform_post_id).where(Post.platform == platform)))


def totals(db: Any) -> tuple[int, int, int]:
    with db.session() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(m)) or 0
            for m in (Post, PostVersion, Evidence)
        )


# Storage runs on both databases in test_store.py and the Mastodon crawls; here PostgreSQL
# runs one platform only, to keep the suite quick on two shared cores.
ON_POSTGRES = {"bluesky"}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_crawl_backoff_quarantine_incremental_and_edit(
    replay_env: Any, replay: ReplayServer, case: Case, backend: str
) -> None:
    if backend == "postgresql" and case.platform not in ON_POSTGRES:
        pytest.skip("this platform's crawl runs on SQLite only (time)")
    setup(replay, case)
    path = page_path(replay, case)
    replay.fault(path, "429", seconds=1)
    replay.fault(path, "malformed")
    first = crawl(case)
    assert first.proc.returncode == 0, first.log
    run = runs(replay_env)[0]
    assert run.status == RunStatus.SUCCEEDED, run.message
    log = replay.requests(path)
    limited = next(i for i, r in enumerate(log) if r["status"] == 429)
    retry = next(r for r in log[limited + 1 :] if r["query"] == log[limited]["query"])
    assert retry["time"] - log[limited]["time"] >= 0.95, "429 Retry-After was not honoured"
    with replay_env.session() as s:
        bad = s.scalars(select(Quarantine)).all()
        assert len(bad) == 1 and bad[0].crawl_run_id == run.id and run.errors == 1
    if case.platform != "rss":  # a feed is one document
        assert len(replay.requests()) > len(case.config.get(next(iter(case.config)), [])) + 2

    # The newest post stored is on the newest page of its target, which every run re-reads.
    with replay_env.session() as s:
        edited = s.scalars(
            select(Post.platform_post_id)
            .where(Post.kind.in_(["post", "comment"]), Post.text != "")
            .order_by(Post.posted_at.desc())
            .limit(1)
        ).one()
    control(replay, "edit", platform=case.platform, id=edited, text="Teks diubah: coblos 2")
    kind = "comment" if case.platform == "youtube" else "post"
    added = control(replay, "add", platform=case.platform, account=case.account, count=2,
                    kind=kind)  # fmt: skip
    second = crawl(case)
    assert second.proc.returncode == 0, second.log
    run2 = runs(replay_env)[1]
    assert run2.status == RunStatus.SUCCEEDED and run2.posts_updated == 1, run2.message
    assert {a["id"] for a in added} <= stored_ids(replay_env, case.platform)
    with replay_env.session() as s:
        post = s.scalars(select(Post).where(Post.platform_post_id == edited)).one()
        versions = s.scalars(select(PostVersion.text).where(PostVersion.post_id == post.id)).all()
        assert post.edited_at is not None and len(versions) == 2 and "diubah" in versions[-1]
    if case.platform != "youtube":  # (comments on the channel's videos come from many authors)
        wanted = {r["id"] for r in replay_posts(replay, case.platform, case.account)}
        assert wanted <= stored_ids(replay_env, case.platform)

    before = totals(replay_env)
    third = crawl(case)
    assert third.proc.returncode == 0, third.log
    run3 = runs(replay_env)[2]
    assert (run3.status, run3.posts_new, run3.posts_updated) == (RunStatus.SUCCEEDED, 0, 0)
    assert totals(replay_env) == before


@pytest.mark.parametrize("case", [c for c in CASES if c.platform != "rss"], ids=IDS[:2] + IDS[3:])
def test_killed_crawl_resumes_without_loss_or_duplicates(
    replay_env: Any, replay: ReplayServer, case: Case, backend: str
) -> None:
    if backend == "postgresql" and case.platform not in ON_POSTGRES:
        pytest.skip("this platform's crawl runs on SQLite only (time)")
    setup(replay, case)
    if case.platform == "telegram":  # 20 messages a page: give it several pages
        control(replay, "add", platform="telegram", account=case.account, count=40)
    replay.fault(page_path(replay, case), "slow", count=1000, seconds=0.3)
    args = ["-a", f"source={case.source}", "-a", f"page_size={case.page_size or 20}"]
    proc = subprocess.Popen(crawl_command(case.platform, *args), env=crawl_env(), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while totals(replay_env)[0] < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=10)
    partial = stored_ids(replay_env, case.platform)
    replay.app.faults.clear()

    again = crawl(case)
    assert again.proc.returncode == 0, again.log
    killed, resumed = runs(replay_env)
    assert killed.status == RunStatus.KILLED and resumed.status == RunStatus.SUCCEEDED
    stored = stored_ids(replay_env, case.platform)
    assert partial < stored, "the kill came too late to test resuming"
    if case.platform != "youtube":
        assert {r["id"] for r in replay_posts(replay, case.platform, case.account)} <= stored
    posts, versions, evidence = totals(replay_env)
    assert posts == versions == evidence  # nothing stored twice


def test_telegram_preview_disabled_and_robots_are_recorded(
    replay_env: Any, replay: ReplayServer
) -> None:
    add_source(replay, "telegram-channels", channels=["kanal_tertutup", "larangan_robot",
                                                      "relawan_baret1"])  # fmt: skip
    result = run_crawl("telegram", "-a", "source=telegram-channels")
    assert result.proc.returncode == 0, result.log
    run = runs(replay_env)[0]
    # The third channel was crawled: the unavailable ones are noted, not a failed run.
    assert run.status == RunStatus.SUCCEEDED and run.posts_new > 0
    assert run.errors == 2
    assert "channel:kanal_tertutup: preview disabled" in (run.message or "")
    assert "channel:larangan_robot: robots.txt forbids" in (run.message or "")
    assert not [r for r in replay.requests("/s/larangan_robot")]
    with replay_env.session() as s:
        source = s.scalars(select(Source)).one()
        assert set(source.config["unavailable"]) == {"channel:kanal_tertutup",
                                                     "channel:larangan_robot"}  # fmt: skip


def test_bluesky_search_needs_a_session(
    replay_env: Any, replay: ReplayServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_source(replay, "bluesky-search", queries=["coblos"])
    with_login = run_crawl("bluesky", "-a", "source=bluesky-search", "-a", "page_size=5")
    assert with_login.proc.returncode == 0, with_login.log
    assert runs(replay_env)[0].posts_new > 0
    searches = replay.requests("/xrpc/app.bsky.feed.searchPosts")
    assert searches and all(r["authorization"] and r["status"] == 200 for r in searches)
    with replay_env.session() as s:  # the password and tokens never reach the evidence
        run = s.get(CrawlRun, runs(replay_env)[0].id)
        assert run is not None and run.warc_path
    warc = (replay_env.settings.evidence_dir / run.warc_path).read_bytes()
    import gzip

    assert b"replay-app-password" not in gzip.decompress(warc)
    assert b"replay-access-" not in gzip.decompress(warc)

    monkeypatch.setenv("PANTAU_BLUESKY_APP_PASSWORD", "")
    without = run_crawl("bluesky", "-a", "source=bluesky-search")
    assert without.proc.returncode == 0, without.log
    run = runs(replay_env)[1]
    assert run.status == RunStatus.SUCCEEDED and "search skipped" in (run.message or "")
