"""Crawls killed with SIGKILL, again and again: replies stay linked, progress converges,
lookups are not repeated, cut-short targets are named, and a killed run ends when it was
last seen alive. Real `scrapy crawl` subprocesses against the replay server."""

from __future__ import annotations

import itertools
import signal
import subprocess
import time
from typing import Any

import httpx
import pytest
from crawl_runs import ROOT, add_source, crawl_command, crawl_env, run_crawl
from sqlalchemy import func, select

from crawlers.replay import ReplayServer
from pantau.models import CrawlRun, Post, PostVersion, RunStatus
from pantau.timeutil import as_utc, utcnow

pytestmark = pytest.mark.slow

SOURCE = "mastodon-watchlist"


def scalar(db: Any, query: Any) -> Any:
    with db.session() as s:
        return s.scalar(query)


def all_runs(db: Any) -> list[CrawlRun]:
    with db.session() as s:
        return list(s.scalars(select(CrawlRun).order_by(CrawlRun.id)))


def stored(db: Any, platform_post_id: str) -> Post | None:
    return scalar(db, select(Post).where(Post.platform_post_id == platform_post_id))


def add_posts(replay: ReplayServer, **data: Any) -> list[dict[str, Any]]:
    answer = httpx.post(f"{replay.url}/_control/posts/add", json={"platform": "mastodon", **data})
    answer.raise_for_status()
    return list(answer.json())


def replay_ids(replay: ReplayServer, account: str) -> list[str]:
    params = {"platform": "mastodon", "account": account}
    rows = httpx.get(f"{replay.url}/_control/posts", params=params).json()
    return sorted((r["id"] for r in rows), key=lambda i: (len(i), i))


def start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        crawl_command("mastodon", "-a", f"source={SOURCE}", "-a", "page_size=2", *args),
        env=crawl_env(),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_when(proc: subprocess.Popen[bytes], ready: Any, limit_s: float = 90) -> bool:
    """SIGKILL `proc` once `ready()` holds; False if it ended by itself first."""
    deadline = time.monotonic() + limit_s
    try:
        while not ready():
            if proc.poll() is not None:
                return False
            assert time.monotonic() < deadline, "the crawl never reached the kill point"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        return True
    finally:
        proc.wait(timeout=20)


def test_reply_stored_before_a_kill_is_linked_when_a_later_run_stores_its_parent(
    fresh_db: Any, replay: ReplayServer
) -> None:
    add_source(replay, SOURCE, accounts=["wahyu_sp"])
    parent_id = replay_ids(replay, "wahyu_sp")[0]  # the oldest post, on the last page
    reply = add_posts(replay, account="wahyu_sp", kind="reply", parent=parent_id)[0]
    add_posts(replay, account="wahyu_sp", count=2)  # newer: the reply is not on page one
    replay.fault("/api/v1/accounts/", "slow", count=1000, seconds=0.3)

    killed = kill_when(start(), lambda: stored(fresh_db, reply["id"]) is not None)
    assert killed, "the crawl finished before the kill"
    killed_at = utcnow()
    assert stored(fresh_db, parent_id) is None, "kill came too late: the parent is stored"
    time.sleep(1.5)  # the next run starts visibly later than the kill
    replay.app.faults.clear()

    again = run_crawl("mastodon", "-a", f"source={SOURCE}", "-a", "page_size=2")
    assert again.proc.returncode == 0, again.log
    child, parent = stored(fresh_db, reply["id"]), stored(fresh_db, parent_id)
    assert child is not None and parent is not None
    assert child.parent_id == parent.id
    first, second = all_runs(fresh_db)
    assert first.status == RunStatus.KILLED and second.status == RunStatus.SUCCEEDED
    # The killed run ended when it was last seen alive, not when the next run noticed.
    assert first.ended_at is not None and first.last_seen_at is not None
    assert as_utc(first.ended_at) == as_utc(first.last_seen_at)
    assert as_utc(first.ended_at) <= killed_at < as_utc(second.started_at)


def test_a_source_killed_again_and_again_converges_without_repeating_lookups(
    fresh_db: Any, replay: ReplayServer
) -> None:
    accounts = ["wahyu_sp", "kabar_sby", "nur_aini_guru"]
    add_source(replay, SOURCE, accounts=accounts)
    expected = {i for a in accounts for i in replay_ids(replay, a)}
    lookup = f"{replay.url}/api/v1/accounts/lookup"
    account_ids = {
        f"account:{a}": httpx.get(lookup, params={"acct": a}).json()["id"] for a in accounts
    }
    replay.app.log.clear()
    replay.fault("/api/v1/accounts/", "slow", count=100_000, seconds=0.15)

    def posts() -> int:
        return scalar(fresh_db, select(func.count()).select_from(Post)) or 0

    def run_new_posts(after: int) -> int:
        query = select(func.max(CrawlRun.posts_new)).where(CrawlRun.id > after)
        return scalar(fresh_db, query) or 0

    rounds: list[tuple[int, int]] = []  # (request log position, posts stored) per round
    finished = False
    for _ in range(40):
        last_run = scalar(fresh_db, select(func.max(CrawlRun.id))) or 0
        rounds.append((len(replay.requests()), posts()))
        # Killed once a run has committed a few new posts: often, and never before it
        # started; the run that has nothing new left to store finishes.
        if not kill_when(start(), lambda last=last_run: run_new_posts(last) >= 4):
            finished = True
            break
    assert finished, "the source never finished a run"
    assert len(rounds) >= 3, "too few kills to test convergence"

    with fresh_db.session() as s:
        ids = set(s.scalars(select(Post.platform_post_id).where(Post.platform == "mastodon")))
        versions = s.scalar(select(func.count()).select_from(PostVersion))
    assert expected <= ids and versions == len(ids)  # nothing lost, nothing doubled
    killed = [r for r in all_runs(fresh_db) if r.status == RunStatus.KILLED]
    assert len(killed) == len(rounds) - 1
    # Every killed round stored something new: no round was spent only re-reading.
    stored_per_round = [b[1] - a[1] for a, b in itertools.pairwise(rounds)]
    assert all(n > 0 for n in stored_per_round), stored_per_round
    # Each account was looked up once, by the first run; later runs reused the ids.
    lookups = replay.requests("/api/v1/accounts/lookup")
    assert len(lookups) == len(accounts)
    runs = all_runs(fresh_db)
    assert runs[0].lookups == len(accounts) and all(r.lookups == 0 for r in runs[1:])
    # After a kill, a cut-short sweep is resumed straight away: the target's first request
    # is the page after the last one stored (no lookup, no newest page first).
    log = replay.requests()
    resumed = 0
    for previous, (start_at, _) in zip(runs, rounds[1:], strict=False):
        for target in previous.cut_short:
            mine = f"/accounts/{account_ids[target]}/"
            first = next(r for r in log[start_at:] if mine in r["path"])
            assert "max_id" in first["query"], (target, first)
            resumed += 1
    assert resumed >= 2


def test_page_cap_names_the_targets_it_cut_short(fresh_db: Any, replay: ReplayServer) -> None:
    add_source(replay, SOURCE, accounts=["wahyu_sp", "kabar_sby"])
    capped = run_crawl(
        "mastodon", "-a", f"source={SOURCE}", "-a", "page_size=2", "-a", "max_pages=1"
    )
    assert capped.proc.returncode == 0, capped.log
    run = all_runs(fresh_db)[0]
    assert run.status == RunStatus.SUCCEEDED
    assert run.cut_short == ["account:kabar_sby", "account:wahyu_sp"]
    assert "2 targets cut short" in (run.message or "")
    assert "account:wahyu_sp" in (run.message or "")

    full = run_crawl("mastodon", "-a", f"source={SOURCE}", "-a", "page_size=40")
    assert full.proc.returncode == 0, full.log
    assert all_runs(fresh_db)[1].cut_short == []


def test_a_source_stopped_by_a_short_time_limit_converges(
    fresh_db: Any, replay: ReplayServer
) -> None:
    add_source(replay, SOURCE, accounts=["wahyu_sp", "kabar_sby"])
    expected = set(replay_ids(replay, "wahyu_sp")) | set(replay_ids(replay, "kabar_sby"))
    replay.fault("/api/v1/accounts/", "slow", count=100_000, seconds=0.5)
    for _ in range(20):
        limited = run_crawl(
            "mastodon", "-a", f"source={SOURCE}", "-a", "page_size=2",
            "-s", "CLOSESPIDER_TIMEOUT=2",
        )  # fmt: skip
        assert limited.proc.returncode == 0, limited.log
        run = all_runs(fresh_db)[-1]
        # Stopped by its time limit, it succeeds and names what it cut short.
        assert run.status == RunStatus.SUCCEEDED, run.message
        if not run.cut_short:
            break
        assert "cut short" in (run.message or "")
    else:
        pytest.fail("the source never converged under a 2 s time limit")
    assert len(all_runs(fresh_db)) >= 2, "the time limit never cut a run short"
    with fresh_db.session() as s:
        ids = set(s.scalars(select(Post.platform_post_id)))
    assert expected <= ids
