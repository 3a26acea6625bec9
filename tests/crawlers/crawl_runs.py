"""Running real `scrapy crawl` subprocesses against the replay server, for crawler tests."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawlers.replay import ReplayServer

ROOT = Path(__file__).resolve().parents[2]
# Quick retries so that fault tests stay short; the waits themselves are still asserted.
FAST = ["-s", "PANTAU_BACKOFF_BASE=0.2", "-s", "PANTAU_FLUSH_SECONDS=0", "-s", "LOG_LEVEL=INFO"]


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
