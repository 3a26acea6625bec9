"""Dashboard load time at 1,000,000 posts: the rollup path against the naive live baseline.

    .venv/bin/python bench/dashboard.py                      # both backends, 1M posts
    .venv/bin/python bench/dashboard.py --posts 100000 --backend sqlite

Builds a synthetic (invented) year of data in a throwaway database: posts over 365
days, one classification each (a fifth of them partisan, naming a candidate), about 3%
flagged into the review queue, decisions, cases and their follow-ups. Then it times,
in the same run: the naive baseline (no rollup: every day counted from the base tables),
the full rollup rebuild, and dashboard loads with the rollup (90 days national, 90 days
one province, 365 days national). Figures are medians of several loads.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from pantau import migrate
from pantau.db import create_db_engine
from pantau.models import StatsDaily
from pantau.retention import purge
from pantau.stats import Filters, Period, build, local_today, refresh

sys.path.insert(0, str(Path(__file__).parent))
from dashboard_data import NOW, ZONE, populate


def timed(fn: Callable[[], Any], repeat: int) -> float:
    """Median wall time in milliseconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def dashboard_ms(engine: Engine, filters: Filters, repeat: int) -> float:
    def once() -> None:
        with Session(engine) as s:
            build(s, filters)

    return timed(once, repeat)


def analyze(engine: Engine) -> None:
    """Fresh planner statistics (and, on PostgreSQL, the visibility map autovacuum keeps)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        return
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def run(backend: str, url: str, posts: int, repeat: int, reuse: bool = False) -> None:
    engine = create_db_engine(url)
    if reuse:
        print(f"\n[{backend}] reusing {url}")
        with Session(engine) as s:
            s.query(StatsDaily).delete()
            s.commit()
    else:
        migrate.upgrade(url)
        start = time.perf_counter()
        sizes = populate(engine, posts)
        analyze(engine)
        print(f"\n[{backend}] loaded {sizes} in {time.perf_counter() - start:.0f} s")
    today = local_today(ZONE, NOW)
    p90 = Filters(Period(today - timedelta(days=89), today, ZONE))
    p90_region = Filters(p90.period, "35")
    p30 = Filters(Period(today - timedelta(days=29), today, ZONE))
    p365 = Filters(Period(today - timedelta(days=364), today, ZONE))
    naive = dashboard_ms(engine, p90, 1)
    naive_365 = dashboard_ms(engine, p365, 1)
    with Session(engine) as s:
        start = time.perf_counter()
        report = refresh(s, now=NOW, full=True)
        s.commit()
        rebuild = (time.perf_counter() - start) * 1000
    analyze(engine)
    with Session(engine) as s:
        start = time.perf_counter()
        # The nightly run re-rolls the last two weeks; today (NOW) stays live, as in use.
        refresh(s, now=NOW)
        s.commit()
        nightly = (time.perf_counter() - start) * 1000
    with Session(engine) as s:
        rows = s.query(StatsDaily).count()
    fast_30 = dashboard_ms(engine, p30, repeat)
    fast = dashboard_ms(engine, p90, repeat)
    fast_region = dashboard_ms(engine, p90_region, repeat)
    fast_365 = dashboard_ms(engine, p365, repeat)
    print(
        f"[{backend}] rollup: full rebuild {report.days} days / {rows} rows in {rebuild:.0f} ms;"
        f" nightly refresh (re-rolls the last 14 days) {nightly:.0f} ms"
    )
    print(f"[{backend}] every load below counts today live (the rollup ends yesterday)")
    print(f"[{backend}] naive baseline (no rollup), 90 days national: {naive:8.0f} ms")
    print(f"[{backend}] naive baseline (no rollup), 365 days national: {naive_365:7.0f} ms")
    print(
        f"[{backend}] with rollup, 90 days national:  {fast:8.0f} ms  ({naive / fast:.0f}x faster)"
    )
    print(f"[{backend}] with rollup, 30 days national:  {fast_30:8.0f} ms")
    print(f"[{backend}] with rollup, 90 days province:  {fast_region:8.0f} ms")
    print(
        f"[{backend}] with rollup, 365 days national: {fast_365:8.0f} ms  "
        f"({naive_365 / fast_365:.0f}x faster)"
    )
    time_purge(backend, engine)
    engine.dispose()


def time_purge(backend: str, engine: Engine) -> None:
    """Retention at this size: the page's dry run, and a real purge of 10,000 posts
    (rolled back, so the database stays as it was)."""
    with Session(engine) as s:
        start = time.perf_counter()
        dry = purge(s, now=NOW, dry_run=True)
        dry_ms = (time.perf_counter() - start) * 1000
        s.rollback()
    with Session(engine) as s:
        start = time.perf_counter()
        real = purge(s, now=NOW, max_posts=10_000)
        real_ms = (time.perf_counter() - start) * 1000
        s.rollback()
    print(
        f"[{backend}] retention dry run ({dry.posts} posts purgeable): {dry_ms:.0f} ms; "
        f"real purge of {real.posts} posts (rolled back): {real_ms:.0f} ms"
    )


def _pg_cluster_module() -> Any:
    # By file path: putting tests/ on sys.path would shadow the pantau package.
    path = Path(__file__).resolve().parents[1] / "tests" / "pg_cluster.py"
    spec = importlib.util.spec_from_file_location("pg_cluster", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pg_cluster"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def main() -> None:
    # `kill` should still stop the throwaway PostgreSQL cluster (finally blocks run).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", metavar="FILE", help="SQLite file to build once and reuse")
    args = parser.parse_args()
    if args.backend in ("sqlite", "both") and args.keep:
        # Build the SQLite database once and keep it: later runs skip the ten-minute load.
        path = Path(args.keep).resolve()
        run("sqlite", f"sqlite:///{path}", args.posts, args.repeat, reuse=path.exists())
    elif args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory(prefix="pantau-bench-") as tmp:
            run("sqlite", f"sqlite:///{tmp}/bench.db", args.posts, args.repeat)
    if args.backend in ("postgresql", "both"):
        pg_cluster = _pg_cluster_module()
        cluster = pg_cluster.start()
        try:
            admin = create_db_engine(cluster.url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text("CREATE DATABASE bench"))
            admin.dispose()
            run("postgresql", cluster.url.rsplit("/", 1)[0] + "/bench", args.posts, args.repeat)
        finally:
            cluster.stop()


if __name__ == "__main__":
    main()
