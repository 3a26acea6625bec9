"""recheck: re-fetch queued and confirmed posts to catch edits and deletions.

The fetching is crawler code, so it runs as `pantau recheck` in a subprocess (flows never
import crawlers). Evidence of a deleted post is never deleted: only `deleted_at` is set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from prefect import flow, task

from pantau.recheck_stats import RecheckStats

__all__ = ["RecheckFailed", "RecheckStats", "recheck", "recheck_task"]

RECHECK_TIMEOUT_S = 3600


class RecheckFailed(RuntimeError):
    pass


def run_recheck_process(limit: int, min_age_hours: float) -> RecheckStats:
    cmd = [
        sys.executable,
        "-m",
        "pantau",
        "recheck",
        "--json",
        "--limit",
        str(limit),
        "--min-age-hours",
        str(min_age_hours),
    ]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=RECHECK_TIMEOUT_S, env=dict(os.environ)
    )
    if proc.returncode != 0:
        raise RecheckFailed(f"pantau recheck exited {proc.returncode}: {proc.stderr[-1000:]}")
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RecheckFailed(f"pantau recheck printed no summary: {proc.stdout[-500:]}")
    data = json.loads(lines[-1])
    return RecheckStats.from_dict(data)


@task(retries=1, retry_delay_seconds=60)
def recheck_task(limit: int, min_age_hours: float) -> RecheckStats:
    return run_recheck_process(limit, min_age_hours)


@flow(name="recheck")
def recheck(limit: int = 2000, min_age_hours: float = 12.0) -> RecheckStats:
    """Re-fetch up to `limit` open or confirmed posts not checked for `min_age_hours`."""
    return recheck_task(limit, min_age_hours)
