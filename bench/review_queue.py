"""Queue page latency at scale: the whole page (login, counts, one page, render) against the
raw SQL of its main query, on SQLite and on a throwaway PostgreSQL cluster.

    .venv/bin/python bench/review_queue.py                      # 1,000,000 posts, 100,000 open
    .venv/bin/python bench/review_queue.py --posts 100000 --open 10000 --backend sqlite

Target: the page's p95 under 100 ms. Figures are printed as milliseconds and as a ratio to
the raw query measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, Table, create_engine, text  # noqa: E402

from pantau import migrate  # noqa: E402
from pantau.models import Account, Classification, Post, ReviewItem  # noqa: E402

BATCH = 20_000
NOW = datetime.now(UTC).replace(microsecond=0)
HOME_REGION = "35.78"
BASELINE_SQL = """
SELECT ri.id, ri.status, ri.priority, ri.region_code, p.platform, substr(p.text, 1, 280),
       a.handle, c.partisan_score, c.asn_score
FROM review_items ri
JOIN posts p ON p.id = ri.post_id
JOIN accounts a ON a.id = p.account_id
LEFT JOIN classifications c ON c.id = ri.classification_id
WHERE ri.status IN ('queued', 'claimed') {scope}
ORDER BY ri.priority DESC, ri.id
LIMIT 50
"""


def regions(count: int = 40) -> list[str]:
    from pantau.regions import region_names

    codes = [c for c in region_names() if "." in c and c != HOME_REGION]
    random.Random(7).shuffle(codes)
    return [HOME_REGION, *codes[: count - 1]]


def _rows(n: int, make: Callable[[int], dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(1, n + 1, BATCH):
        yield [make(i) for i in range(start, min(start + BATCH, n + 1))]


def _plain(value: Any, dialect: str) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict | list):
        return json.dumps(value)
    if isinstance(value, datetime) and dialect == "sqlite":
        return value.replace(tzinfo=None).isoformat(sep=" ")
    return value


def insert(engine: Engine, table: Table, batches: Iterator[list[dict[str, Any]]]) -> int:
    """executemany on SQLite, COPY on PostgreSQL: plain values, no ORM."""
    dialect, total = engine.dialect.name, 0
    with engine.begin() as conn:
        raw: Any = conn.connection.dbapi_connection
        for rows in batches:
            cols = list(rows[0])
            values = [tuple(_plain(r[c], dialect) for c in cols) for r in rows]
            if dialect == "postgresql":
                with (
                    raw.cursor() as cur,
                    cur.copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy,
                ):
                    for row in values:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" for _ in cols)
                raw.cursor().executemany(
                    f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({marks})", values
                )
            total += len(rows)
    return total


def load(engine: Engine, n_posts: int, n_open: int) -> None:
    rnd = random.Random(42)
    codes = regions()
    n_accounts = max(n_posts // 20, 10)
    n_items = min(n_posts, n_open * 3 // 2)
    platforms = ["mastodon", "bluesky", "telegram", "x", "youtube", "rss"]

    def account(i: int) -> dict[str, Any]:
        return dict(
            id=i,
            platform=platforms[i % 6],
            platform_account_id=f"a{i}",
            handle=f"warga{i}",
            display_name=f"Warga Rekaan {i}",
            bio="",
            url="",
            followers=i % 5000,
            civil_servant_id=None,
            asn_status="unknown",
            asn_evidence=[],
            first_seen_at=NOW,
            updated_at=NOW,
        )

    def region_of(i: int) -> str:
        return HOME_REGION if i % 20 == 0 else codes[1 + i % (len(codes) - 1)]

    def post(i: int) -> dict[str, Any]:
        acc = (i * 7919) % n_accounts + 1
        return dict(
            id=i,
            platform=platforms[acc % 6],
            platform_post_id=f"p{i}",
            account_id=acc,
            source_id=None,
            origin="crawl",
            url=f"https://contoh.invalid/p/{i}",
            text=f"Unggahan rekaan nomor {i} tentang pilkada, coblos nomor {i % 3 + 1}",
            language="id",
            posted_at=NOW - timedelta(minutes=i),
            kind="post",
            parent_id=None,
            parent_platform_post_id=None,
            region_code=region_of(i),
            metrics={},
            media=[],
            raw=None,
            content_hash=f"{i:064x}",
            first_seen_at=NOW,
            last_checked_at=NOW,
            edited_at=None,
            deleted_at=None,
        )

    priorities = [round(rnd.random(), 6) for _ in range(n_items + 1)]

    def classification(i: int) -> dict[str, Any]:
        return dict(
            id=i,
            post_id=i,
            model_version="bench",
            partisan_score=rnd.random(),
            asn_score=rnd.random(),
            priority=priorities[i],
            flagged=True,
            thresholds={"partisan": 0.5, "asn": 0.5},
            matches=[],
            explanation={},
            created_at=NOW,
        )

    def item(i: int) -> dict[str, Any]:
        status = "queued" if i <= n_open else ("confirmed", "dismissed", "escalated")[i % 3]
        return dict(
            id=i,
            post_id=i,
            classification_id=i,
            status=status,
            priority=priorities[i],
            region_code=region_of(i),
            origin="crawl",
            claimed_by_id=None,
            claim_expires_at=None,
            version=1,
            created_at=NOW,
            updated_at=NOW,
        )

    started = time.perf_counter()
    insert(engine, Account.__table__, _rows(n_accounts, account))  # type: ignore[arg-type]
    insert(engine, Post.__table__, _rows(n_posts, post))  # type: ignore[arg-type]
    insert(engine, Classification.__table__, _rows(n_items, classification))  # type: ignore[arg-type]
    insert(engine, ReviewItem.__table__, _rows(n_items, item))  # type: ignore[arg-type]
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    print(
        f"  loaded {n_posts:,} posts, {n_items:,} items ({n_open:,} open), "
        f"{n_accounts:,} accounts in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    for _ in range(3):
        fn()  # warm caches and pools
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def measure(url: str, repeat: int) -> list[tuple[str, list[float]]]:
    os.environ["PANTAU_DATABASE_URL"] = url
    from fastapi.testclient import TestClient

    from pantau.db import reset_engines, session_scope
    from pantau.models import Role
    from pantau.settings import get_settings
    from pantau.users import create_user

    get_settings.cache_clear()
    reset_engines()
    with session_scope() as s:
        create_user(s, "nasional", "Analis Nasional", Role.ANALYST, "bench-password-1")
        create_user(s, "surabaya", "Analis Surabaya", Role.ANALYST, "bench-password-1", HOME_REGION)
    from review_ui.app import create_app

    app = create_app()
    engine = create_engine(url)
    results = []
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None

        def baseline(scope: str) -> Callable[[], Any]:
            sql = BASELINE_SQL.format(scope=scope)
            return lambda: raw.cursor().execute(sql).fetchall()

        scoped = f"AND (ri.region_code = '{HOME_REGION}' OR ri.region_code LIKE '{HOME_REGION}.%')"
        results.append(("raw SQL, national", timed(baseline(""), repeat)))
        results.append(("raw SQL, 35.78", timed(baseline(scoped), repeat)))
    engine.dispose()
    for username, path in [
        ("nasional", "/queue"),
        ("surabaya", "/queue"),
        ("nasional", "/queue?platform=bluesky&partisan_min=0.5&asn_min=0.5"),
        ("nasional", "/queue?status=all&after=0.5:1"),
    ]:
        with TestClient(app) as client:
            page = client.get("/login").text
            token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
            client.post(
                "/login",
                data={"csrf_token": token, "username": username, "password": "bench-password-1"},
            )

            def get(client: TestClient = client, path: str = path) -> None:
                response = client.get(path)
                assert response.status_code == 200, response.status_code

            results.append((f"page {username} {path}", timed(get, repeat)))
    reset_engines()
    return results


def report(backend: str, results: list[tuple[str, list[float]]]) -> None:
    base = percentile(results[0][1], 95)
    print(f"\n{backend}: {'what':58} {'p50 ms':>8} {'p95 ms':>8} {'p95/raw':>8}")
    for name, values in results:
        p95 = percentile(values, 95)
        print(
            f"{'':{len(backend) + 2}}{name:58} {statistics.median(values):8.1f} "
            f"{p95:8.1f} {p95 / base:8.1f}x"
        )


def run_sqlite(args: argparse.Namespace, workdir: Path) -> None:
    url = f"sqlite:///{workdir / 'bench.db'}"
    migrate.upgrade(url)
    from pantau.db import create_db_engine

    engine = create_db_engine(url)
    load(engine, args.posts, args.open)
    engine.dispose()
    report("sqlite", measure(url, args.repeat))


def run_postgres(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    import pg_cluster

    cluster = pg_cluster.start()
    try:
        admin = create_engine(cluster.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE bench"))
        admin.dispose()
        url = cluster.url.rsplit("/", 1)[0] + "/bench"
        migrate.upgrade(url)
        engine = create_engine(url)
        load(engine, args.posts, args.open)
        engine.dispose()
        report("postgresql", measure(url, args.repeat))
    finally:
        cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pantau-bench-") as tmp:
        os.environ["PANTAU_DATA_DIR"] = tmp
        os.environ["PANTAU_LOGIN_DELAY_S"] = "0"
        print(f"review queue bench: {args.posts:,} posts, {args.open:,} open items")
        if args.backend in ("sqlite", "both"):
            run_sqlite(args, Path(tmp))
        if args.backend in ("postgresql", "both"):
            run_postgres(args)


if __name__ == "__main__":
    main()
