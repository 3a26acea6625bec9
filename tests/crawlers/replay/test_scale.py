"""`--scale N`: deterministic synthetic sets whose sources reach every post exactly once."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import httpx
import replay_walk as walk

from crawlers.replay import ReplayServer
from crawlers.replay.synth import scaled


def test_same_seed_same_data_other_seed_other_data() -> None:
    one, two, other = scaled(600, seed=1), scaled(600, seed=1), scaled(600, seed=2)
    assert len(one.posts) == 600
    assert sorted(one.posts) == sorted(two.posts)
    assert sorted(one.posts) != sorted(other.posts)
    kinds = Counter(p.kind for p in one.posts.values())
    assert kinds["repost"] > 20 and kinds["reply"] > 20
    assert {p.platform for p in one.posts.values()} == {
        "mastodon", "bluesky", "telegram", "rss", "x", "youtube"
    }  # fmt: skip


def test_sources_reach_every_post_once() -> None:
    with ReplayServer(scale=1500, seed=3) as server, httpx.Client(base_url=server.url) as client:
        found: list[tuple[str, str]] = []
        for source in server.sources():
            platform, config = source["platform"], source["config"]
            for target in next(v for k, v in config.items() if k != "instance"):
                posts = {
                    "mastodon": lambda t: walk.mastodon_account(client, t, limit=40),
                    "bluesky": lambda t: walk.bluesky_feed(client, t, limit=100),
                    "telegram": lambda t: walk.telegram_channel(client, t),
                    "rss": lambda t: walk.parsed(client, walk.rss.parse_feed, t).posts,
                    "x": lambda t: walk.x_user(client, t, limit=100),
                    "youtube": lambda t: walk.youtube_threads(
                        client, limit=100, allThreadsRelatedToChannelId=t
                    ),
                }[platform](target)
                found += [(platform, p.platform_post_id) for p in posts]
        assert len(found) == len(set(found)) == 1500


def test_command_line_server() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "crawlers.replay", "--port", "0", "--scale", "200", "--seed", "4"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("replay server on http://127.0.0.1:"), line
        url = line.split()[3]
        health = httpx.get(f"{url}/_control/health", timeout=10).json()
        assert health == {"ok": True, "posts": 200, "scale": 200}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
