"""Fixtures for crawler tests: a replay server, sources from its sample set, a crawl runner."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from crawlers.replay import ReplayServer
from crawlers.replay.env import settings_env
from pantau.settings import get_settings


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
    env = settings_env(replay.url, bluesky_handle="ujangsaep.bsky.social")
    env["PANTAU_MASTODON_DEFAULT_INSTANCE"] = replay.url
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield fresh_db
    get_settings.cache_clear()
