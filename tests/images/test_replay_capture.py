"""A real replay crawl (Scrapy subprocess) then the capture step: the invented posters and
photos of the sample posts end up as image evidence, verifiable like the rest."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from crawlers.evidence import verify
from crawlers.media import capture_media
from crawlers.replay import ReplayServer
from crawlers.replay.env import settings_env
from pantau.db import session_scope
from pantau.models import Evidence, EvidenceKind, Platform, Post, Source
from pantau.settings import get_settings

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def replay(fresh_db: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReplayServer]:
    with ReplayServer() as server:
        env = settings_env(server.url, bluesky_handle="ujangsaep.bsky.social")
        env["PANTAU_MASTODON_DEFAULT_INSTANCE"] = server.url
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()
        yield server
    get_settings.cache_clear()


def crawl(server: ReplayServer, name: str) -> None:
    row = next(r for r in server.sources() if r["name"] == name)
    with session_scope() as session:
        session.add(Source(platform=Platform(row["platform"]), name=name, config=row["config"]))
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", row["platform"], "-a", f"source={name}"],
        env={**__import__("os").environ, "SCRAPY_SETTINGS_MODULE": "crawlers.settings"},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_replay_crawl_captures_the_posts_images(fresh_db: Any, replay: ReplayServer) -> None:
    for name in ("mastodon-hashtags", "bluesky-watchlist", "telegram-channels"):
        crawl(replay, name)
    with fresh_db.session() as session:
        stats = capture_media(session, limit=1000)
        session.commit()
        rows = session.execute(
            select(Evidence, Post.platform)
            .join(Post, Post.id == Evidence.post_id)
            .where(Evidence.kind == EvidenceKind.IMAGE)
        ).all()
        assert stats.quarantined == 0, stats.reasons
        platforms = {platform for _, platform in rows}
        assert platforms == {Platform.MASTODON, Platform.BLUESKY, Platform.TELEGRAM}
        root = fresh_db.settings.evidence_dir
        for row, _ in rows:
            assert (root / row.path).read_bytes()[:3] == b"\xff\xd8\xff"
        assert verify(session, root).ok
