"""Fixtures for crawler tests: a replay server, sources from its sample set, a crawl runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from crawlers.replay import ReplayServer
from pantau.settings import get_settings

ROOT = Path(__file__).resolve().parents[2]
# Quick retries so that fault tests stay short; the waits themselves are still asserted.
FAST = ["-s", "PANTAU_BACKOFF_BASE=0.2", "-s", "PANTAU_FLUSH_SECONDS=0", "-s", "LOG_LEVEL=INFO"]


@pytest.fixture(scope="module")
def replay_server() -> Iterator[ReplayServer]:
    with ReplayServer() as server:
        yield server


@pytest.fixture
def replay(replay_server: ReplayServer) -> ReplayServer:
    replay_server.reset()
    return replay_server


@pytest.fixture
def replay_env(fresh_db: Any, replay: ReplayServer, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Settings (for this process and crawl subprocesses) pointing every platform at the
    replay server, with the credentials it accepts."""
    for name in ("BLUESKY_PUBLIC_URL", "BLUESKY_PDS_URL", "TELEGRAM_BASE_URL", "X_BASE_URL",
                 "YOUTUBE_BASE_URL", "MASTODON_DEFAULT_INSTANCE"):  # fmt: skip
        monkeypatch.setenv(f"PANTAU_{name}", replay.url)
    monkeypatch.setenv("PANTAU_X_BEARER_TOKEN", "replay-bearer-token")
    monkeypatch.setenv("PANTAU_YOUTUBE_API_KEY", "replay-api-key")
    monkeypatch.setenv("PANTAU_BLUESKY_HANDLE", "ujangsaep.bsky.social")
    monkeypatch.setenv("PANTAU_BLUESKY_APP_PASSWORD", "replay-app-password")
    get_settings.cache_clear()
    yield fresh_db
    get_settings.cache_clear()


@dataclass
class Crawl:
    proc: subprocess.CompletedProcess[str]

    @property
    def log(self) -> str:
        return self.proc.stdout + self.proc.stderr


def crawl_command(platform: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "scrapy", "crawl", platform, *FAST, *args]


def crawl_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawlers.settings", **extra}


def run_crawl(platform: str, *args: str, timeout: float = 120, **env: str) -> Crawl:
    """A real `scrapy crawl` in a subprocess; fresh_db's env vars point it at the test DB."""
    proc = subprocess.run(
        crawl_command(platform, *args),
        env=crawl_env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    return Crawl(proc)


def add_source(replay: ReplayServer, name: str, **config: Any) -> dict[str, Any]:
    """Insert the replay sample set's source `name` (config overrides applied) and commit."""
    from pantau.db import session_scope
    from pantau.models import Platform, Source

    row = next(r for r in replay.sources() if r["name"] == name)
    merged = {**row["config"], **config}
    with session_scope() as session:
        session.add(Source(platform=Platform(row["platform"]), name=name, config=merged))
    return {**row, "config": merged}
