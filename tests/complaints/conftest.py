"""Fixtures for reports, bundles and delivery: a private data dir and the mock server."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from pantau.settings import get_settings


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point settings.data_dir (evidence, exports) at a temp dir for this test."""
    path = tmp_path / "var"
    path.mkdir()
    monkeypatch.setenv("PANTAU_DATA_DIR", str(path))
    get_settings.cache_clear()
    yield path
    get_settings.cache_clear()


@dataclass
class Mock:
    """A running `python -m complaints.mock_server` subprocess and its SQLite."""

    url: str
    db: Path
    proc: subprocess.Popen[str]

    def _query(self, sql: str) -> list[tuple]:
        conn = sqlite3.connect(self.db)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    def received(self) -> list[tuple[str, str, str]]:
        """(idempotency_key, receipt_id, case_number) of every distinct delivery."""
        return self._query("SELECT idempotency_key, receipt_id, case_number FROM received")

    def requests(self) -> list[tuple[str, int | None]]:
        """(fault, status) of every request, in order."""
        return self._query("SELECT fault, status FROM requests ORDER BY id")

    def configure(self, rate: float = 0.0, faults: list[str] = (), script: list[str] = ()):
        body = {"rate": rate, "faults": list(faults), "script": list(script)}
        httpx.post(self.url + "/_faults", json=body, timeout=5).raise_for_status()


@pytest.fixture
def mock_server(tmp_path: Path) -> Iterator[Callable[..., Mock]]:
    """Start mock complaint servers: mock_server("--fault-rate", "0.3", ...)."""
    started: list[Mock] = []

    def start(*args: str) -> Mock:
        db = tmp_path / f"mock-{len(started)}.db"
        proc = subprocess.Popen(
            [sys.executable, "-m", "complaints.mock_server", "--port", "0", "--db", str(db), *args],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("listening on "), f"mock server did not start: {line!r}"
        mock = Mock(line.split()[-1], db, proc)
        started.append(mock)
        return mock

    yield start
    for mock in started:
        mock.proc.terminate()
        mock.proc.wait(10)


@pytest.fixture
def deliver_env(fresh_db, monkeypatch: pytest.MonkeyPatch):
    """Settings for a delivery test: returns set(**values) to change PANTAU_* and reload."""

    def set_(**values: object) -> None:
        for key, value in values.items():
            monkeypatch.setenv(f"PANTAU_{key.upper()}", str(value))
        get_settings.cache_clear()

    return set_
