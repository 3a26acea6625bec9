"""A replay server per module, reset before each test, and an HTTP client for it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from crawlers.replay import ReplayServer


@pytest.fixture(scope="module")
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as running:
        yield running


@pytest.fixture
def live(server: ReplayServer) -> ReplayServer:
    server.reset()
    return server


@pytest.fixture
def client(live: ReplayServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30) as http:
        yield http
