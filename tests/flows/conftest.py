"""Flow tests run under Prefect's test harness against real databases and the replay server."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from importlib.resources import files

import pytest

# Before Prefect is imported anywhere: a throwaway Prefect home, no telemetry. Each xdist
# worker gets its own (workers inherit the controller's environment, so setdefault is not
# enough there).
if os.environ.get("PYTEST_XDIST_WORKER") or "PREFECT_HOME" not in os.environ:
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="pantau-prefect-")

import flows  # noqa: F401  (sets Prefect's defaults)
from crawlers.replay import ReplayServer
from crawlers.replay.env import settings_env
from pantau.db import session_scope
from pantau.models import Platform, Source
from pantau.registries import import_candidates, import_civil_servants
from pantau.settings import get_settings

DEMO = files("pantau") / "data" / "demo"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def registries(fresh_db):
    with session_scope() as session:
        import_candidates(session, (DEMO / "candidates.csv").read_bytes())
        import_civil_servants(session, (DEMO / "civil_servants.csv").read_bytes())
    return fresh_db


@pytest.fixture
def replay(registries, monkeypatch) -> Iterator[ReplayServer]:
    """The replay server, the platforms' base URLs and credentials pointed at it, and the
    sample sources configured."""
    with ReplayServer() as server:
        for key, value in settings_env(server.url).items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()
        add_sources(server.url)
        yield server


def add_sources(base_url: str, names: list[str] | None = None) -> list[str]:
    path = files("crawlers") / "replay" / "data" / "sources.json"
    rows = json.loads(path.read_text().replace("{base_url}", base_url))
    with session_scope() as session:
        for row in rows:
            if names is None or row["name"] in names:
                session.add(
                    Source(
                        platform=Platform(row["platform"]), name=row["name"], config=row["config"]
                    )
                )
    return [r["name"] for r in rows if names is None or r["name"] in names]
