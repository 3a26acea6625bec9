"""The nightly run end to end: wall time per phase, posts/s, and Prefect's overhead.

    .venv/bin/python bench/nightly.py                # 100,000 replay posts
    .venv/bin/python bench/nightly.py --n 20000      # smaller

The replay server synthesises N invented posts (`--scale N`, all six platforms). Two runs,
each on a fresh SQLite database holding the demo registry and the replay's sources:
  1. direct (the baseline): the functions the nightly flow's tasks run, called in a plain
     loop with the same crawl concurrency (a thread pool of DEFAULT_CONCURRENCY), no Prefect;
  2. prefect: the `nightly` flow under Prefect's test harness (a real local API server,
     started before the clock starts), every task and subflow tracked by Prefect.
Each run is its own process, so both pay interpreter and model loading the same way.
With --repeat R the pair runs R times in alternating order (direct first, then prefect
first, ...) and each figure is the median, so a machine that slows down part-way through
does not land on one side. Figures: wall seconds per phase (crawl, triage, recheck,
export, stats), posts/s end to end, the ratio prefect/direct and the orchestration
overhead (prefect - direct) / direct.
Targets: at least 1,000 posts/s end to end; overhead at most 10%.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from crawl_ingest import count_posts, replay_server  # noqa: E402

SIDES = ("direct", "prefect")


def prepare(work: Path, side: str, sources: list[dict[str, Any]]) -> tuple[str, Path]:
    """A migrated database with the demo registry and the replay's sources (not timed)."""
    from sqlalchemy import create_engine, insert

    from pantau import migrate
    from pantau.models import Source

    data_dir = work / side
    data_dir.mkdir()
    url = f"sqlite:///{data_dir / 'pantau.db'}"
    migrate.upgrade(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(insert(Source), [{**s, "enabled": True} for s in sources])
    engine.dispose()
    env = side_env(url, data_dir, "")
    for kind, path in (("candidates", "candidates.csv"), ("civil-servants", "civil_servants.csv")):
        subprocess.run(
            [sys.executable, "-m", "pantau", "import", kind, f"pantau/data/demo/{path}"],
            env=env, cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
    return url, data_dir


def side_env(url: str, data_dir: Path, replay: str) -> dict[str, str]:
    from crawlers.replay.env import settings_env

    env = {**os.environ, "PANTAU_DATABASE_URL": url, "PANTAU_DATA_DIR": str(data_dir)}
    env["PREFECT_HOME"] = str(data_dir / "prefect")
    # The image stage has its own benchmark (bench/images.py); here both sides run the same
    # text pipeline, so the flow's image hooks are switched off.
    env["PANTAU_IMAGES_ENABLED"] = "false"
    return {**env, **settings_env(replay)} if replay else env


def run_side(
    side: str, url: str, data_dir: Path, replay: str, limit: int, profile: str = ""
) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--side", side, "--time-limit", str(limit)]
    cmd += ["--profile-triage", profile] if profile and side == "direct" else []
    env = side_env(url, data_dir, replay)
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{side} run failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["posts"] = count_posts(url)
    return result


def direct(limit: int, profile: str = "") -> dict[str, Any]:
    """The nightly flow's work without Prefect: its task functions in a loop.

    With `profile`, the triage phase runs under cProfile and its stats go to that file
    (the other phases are separate processes and are not profiled).
    """
    import cProfile
    from contextlib import nullcontext

    from complaints.delivery import deliver_pending
    from flows.crawl import run_crawl_process
    from flows.export import ROUND
    from flows.housekeeping import expire_leases, refresh_stats
    from flows.nightly import DEFAULT_CONCURRENCY, enabled_sources, open_queue_size, timed
    from flows.recheck import run_recheck_process
    from flows.triage import TriageStats, pending_batches, triage_posts
    from pantau.audit_anchor import write_checkpoint
    from pantau.db import session_scope
    from pantau.settings import get_settings

    took: dict[str, float] = {}
    with timed(took, "crawl"), ThreadPoolExecutor(DEFAULT_CONCURRENCY) as pool:
        list(pool.map(lambda name: run_crawl_process(name, limit), enabled_sources()))
    profiler = cProfile.Profile() if profile else None
    with timed(took, "triage"), profiler or nullcontext():
        expire_leases.fn()
        total = TriageStats()
        for ids in pending_batches.fn(get_settings().triage_batch_size):
            total += triage_posts.fn(ids)
    if profiler is not None:
        profiler.dump_stats(profile)
    with timed(took, "recheck"):
        run_recheck_process(2000, 12.0)
    with timed(took, "export"):
        while deliver_pending(limit=ROUND, concurrency=4).claimed == ROUND:
            pass
    with timed(took, "stats"):
        refresh_stats.fn()
        open_queue_size()
    # The checkpoint itself; its Prefect artifact is orchestration (outside a flow run it
    # would start an ephemeral Prefect server, 11 s, which is not the work).
    with timed(took, "checkpoint"), session_scope() as session:
        write_checkpoint(session)
    return {"durations": took, "scored": total.scored, "queued": total.queued}


def prefect(limit: int) -> dict[str, Any]:
    from prefect.testing.utilities import prefect_test_harness

    from flows.nightly import nightly, summary_from_dict

    with prefect_test_harness(server_startup_timeout=120):
        summary = summary_from_dict(nightly(time_limit_s=limit))
    if summary.failed_sources:
        raise RuntimeError(f"sources failed: {summary.failed_sources}")
    return {
        "durations": summary.durations,
        "scored": summary.triage.scored,
        "queued": summary.triage.queued,
    }


def child(side: str, limit: int, profile: str) -> None:
    start = time.perf_counter()
    result = direct(limit, profile) if side == "direct" else prefect(limit)
    result["process_s"] = time.perf_counter() - start
    print(json.dumps(result), flush=True)


def median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    phases = list(runs[0]["durations"])
    return {
        "durations": {p: statistics.median(r["durations"][p] for r in runs) for p in phases},
        "total": statistics.median(sum(r["durations"].values()) for r in runs),
        **{k: runs[0][k] for k in ("posts", "scored", "queued")},
    }


def report(n: int, runs: dict[str, list[dict[str, Any]]]) -> None:
    results = {side: median_of(runs[side]) for side in SIDES}
    rounds = len(runs["direct"])
    print(f"\nnightly run on {n:,} replay posts, median of {rounds} (wall seconds)")
    print(f"{'phase':<10}" + "".join(f"{side:>12}" for side in SIDES) + f"{'ratio':>9}")
    for phase in [*results["direct"]["durations"], "total"]:
        values = [
            r["total"] if phase == "total" else r["durations"][phase]
            for r in (results[side] for side in SIDES)
        ]
        ratio = values[1] / values[0] if values[0] else float("nan")
        print(f"{phase:<10}" + "".join(f"{v:>12.1f}" for v in values) + f"{ratio:>9.2f}")
    for side in SIDES:
        r = results[side]
        rate = r["posts"] / r["total"]
        print(f"{side}: {r['posts']:,} posts stored, {r['scored']:,} scored, "
              f"{r['queued']:,} queued; {rate:,.0f} posts/s end to end")  # fmt: skip
    overhead = results["prefect"]["total"] / results["direct"]["total"] - 1
    print(f"Prefect orchestration overhead: {overhead:+.1%} of the direct run (target <= 10%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="replay posts")
    parser.add_argument("--time-limit", type=int, default=3600, help="per crawl, seconds")
    parser.add_argument("--repeat", type=int, default=2, help="rounds of the pair")
    parser.add_argument(
        "--only", choices=SIDES, help="run one side (no ratio): quicker while iterating"
    )
    parser.add_argument(
        "--profile-triage", default="", metavar="FILE", help="cProfile the direct run's triage"
    )
    parser.add_argument("--side", choices=SIDES, help=argparse.SUPPRESS)  # child mode
    args = parser.parse_args()
    if args.side:
        child(args.side, args.time_limit, args.profile_triage)
        return
    import httpx

    runs: dict[str, list[dict[str, Any]]] = {side: [] for side in SIDES}
    with replay_server(args.n) as replay:
        sources = httpx.get(f"{replay}/_control/sources", timeout=30).json()
        for round_ in range(args.repeat):
            order = SIDES if round_ % 2 == 0 else SIDES[::-1]
            for side in [args.only] if args.only else order:
                with tempfile.TemporaryDirectory() as tmp:
                    url, data_dir = prepare(Path(tmp), side, sources)
                    result = run_side(
                        side, url, data_dir, replay, args.time_limit, args.profile_triage
                    )
                runs[side].append(result)
                print(f"{side}: {json.dumps(result)}", flush=True)
    if not args.only:
        report(args.n, runs)


if __name__ == "__main__":
    main()
