"""The distributed setup for real: a Prefect server, a process work pool, a worker in its
own process, the deployments from prefect.yaml, and the nightly run fanning out crawls.

Slow (a server and a worker start); CI runs it, `-m "not prefect_server"` skips it locally.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pg_cluster import free_port
from sqlalchemy import func, select

from pantau.db import session_scope
from pantau.models import CrawlRun, ReviewItem, RunStatus

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SOURCES = ["mastodon-hashtags", "rss-news"]

# Workers on several machines share one PostgreSQL database; that is the setup tested.
pytestmark = [
    pytest.mark.prefect_server,
    pytest.mark.slow,
    pytest.mark.parametrize("template", ["postgresql"], indirect=True),
]


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"prefect server exited with {proc.returncode}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError("prefect server did not become healthy")


@pytest.fixture
def prefect_env(replay, tmp_path) -> Iterator[dict[str, str]]:
    """A real Prefect server on its own SQLite, and the environment its clients need."""
    port = free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "PANTAU_HOME": str(ROOT),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_healthy(env["PREFECT_API_URL"], server)
        yield env
    finally:
        _stop(server)


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL: a worker can hang on shutdown while its server goes away."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=30)


def _prefect(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [str(BIN / "prefect"), "--no-prompt", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )


def test_worker_runs_the_nightly_deployment_with_crawls_fanned_out(prefect_env):
    env = prefect_env
    _prefect(env, "work-pool", "create", "pantau", "--type", "process")
    _prefect(env, "deploy", "--all", "--prefect-file", str(ROOT / "prefect.yaml"))
    log = (Path(env["PREFECT_HOME"]) / "worker.log").open("wb")
    worker = subprocess.Popen(
        [str(BIN / "prefect"), "worker", "start", "--pool", "pantau", "--limit", "4"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        code = (
            "import json, sys\n"
            "from prefect.deployments import run_deployment\n"
            "run = run_deployment('nightly/nightly', timeout=900, poll_interval=2,\n"
            f"    parameters={{'sources': {SOURCES!r}, 'time_limit_s': 120}})\n"
            "print(run.state.type.value)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1000,
        )
        worker_log = Path(log.name).read_text(errors="replace")[-4000:]
        assert done.stdout.strip().splitlines()[-1] == "COMPLETED", worker_log
    finally:
        _stop(worker)
    with session_scope() as session:
        runs = session.scalars(select(CrawlRun)).all()
        assert len(runs) == len(SOURCES)
        assert {r.status for r in runs} == {RunStatus.SUCCEEDED}
        assert (session.scalar(select(func.count(ReviewItem.id))) or 0) > 0
