"""Crawl ingest: the Scrapy spiders and store pipeline against a plain async httpx loop.

    .venv/bin/python bench/crawl_ingest.py                  # 100,000 replay posts (and 1/10, 1/3)
    .venv/bin/python bench/crawl_ingest.py --n 20000        # smaller
    .venv/bin/python bench/crawl_ingest.py --sizes 5000 --concurrency 4

For each size the replay server is started with `--scale SIZE` (all six platforms, sources
from its sample set), then, in the same run:
  1. Scrapy: `scrapy crawl <platform> -a source=NAME` for every source, one after the other,
     into a fresh SQLite database (the full pipeline: accounts, posts, first versions,
     evidence rows, a gzip WARC of every response, cursors, run rows);
  2. baseline: for every source, a plain asyncio + httpx process that fetches the same pages
     (same lookups, same pagination), parses them with the same crawlers.parsing functions and
     bulk-inserts accounts and posts into a fresh database with the same schema.
Both sides run one process per source (so both pay interpreter start-up) with the same
number of concurrent requests. Figures: posts stored, wall seconds, posts/s, the ratio
Scrapy/baseline, and each side's peak RSS (the largest of its processes, from wait4).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
BATCH = 500


# -- the baseline: one source, plain asyncio + httpx ----------------------------------------


X_FIELDS = {
    "expansions": "author_id,referenced_tweets.id,referenced_tweets.id.author_id",
    "tweet.fields": "created_at,lang,public_metrics,referenced_tweets,conversation_id,"
    "author_id,entities",
    "user.fields": "username,name,description,public_metrics,url,created_at",
}


def with_parents(posts: list[Any]) -> Iterator[Any]:
    """Each post, then the posts it reposts or replies to (stored as rows of their own)."""
    for post in posts:
        node = post
        while node is not None:
            yield node
            node = node.parent


class Sink:
    """Bulk inserts of accounts and posts (ON CONFLICT DO NOTHING), BATCH posts at a time."""

    def __init__(self, db_url: str) -> None:
        from pantau.db import create_db_engine

        self.engine = create_db_engine(db_url)
        self.buffer: list[Any] = []

    def add(self, posts: list[Any]) -> None:
        self.buffer.extend(with_parents(posts))
        if len(self.buffer) >= BATCH:
            self.flush()

    def flush(self) -> None:
        import hashlib

        from sqlalchemy import select
        from sqlalchemy.dialects.sqlite import insert

        from pantau.models import Account, Post
        from pantau.timeutil import utcnow

        if not self.buffer:
            return
        posts, self.buffer = self.buffer, []
        now = utcnow()
        accounts = {(p.account.platform, p.account.platform_account_id): p.account for p in posts}
        with self.engine.begin() as conn:
            conn.execute(
                insert(Account).on_conflict_do_nothing(),
                [
                    {"platform": a.platform, "platform_account_id": a.platform_account_id,
                     "handle": a.handle, "display_name": a.display_name, "bio": a.bio,
                     "url": a.url, "followers": a.followers, "first_seen_at": now,
                     "updated_at": now}
                    for a in accounts.values()
                ],
            )  # fmt: skip
            ids = {}
            for platform in {key[0] for key in accounts}:  # per platform, so the index is used
                wanted = [key[1] for key in accounts if key[0] == platform]
                for r in conn.execute(
                    select(Account.id, Account.platform_account_id).where(
                        Account.platform == platform, Account.platform_account_id.in_(wanted)
                    )
                ):
                    ids[(platform, r.platform_account_id)] = r.id
            conn.execute(
                insert(Post).on_conflict_do_nothing(),
                [
                    {"platform": p.platform, "platform_post_id": p.platform_post_id,
                     "account_id": ids[(p.account.platform, p.account.platform_account_id)],
                     "url": p.url, "text": p.text, "language": p.language,
                     "posted_at": p.posted_at, "kind": p.kind,
                     "parent_platform_post_id": p.parent_platform_post_id,
                     "metrics": p.metrics, "media": p.media, "raw": p.raw,
                     "content_hash": hashlib.sha256(p.text.encode()).hexdigest(),
                     "first_seen_at": now, "last_checked_at": now, "origin": "crawl"}
                    for p in {(p.platform, p.platform_post_id): p for p in posts}.values()
                ],
            )  # fmt: skip


class StoreSink(Sink):
    """The pipeline's storage without Scrapy: crawlers.store, a WARC of every response and
    evidence rows, to tell the framework's cost from the cost of what the pipeline keeps."""

    def __init__(self, db_url: str, evidence_dir: Path) -> None:
        from crawlers.evidence import WarcRecorder

        super().__init__(db_url)
        self.recorder = WarcRecorder(evidence_dir, WarcRecorder.new_relpath("bench", "store"))
        self.refs: dict[tuple[str, str], Any] = {}

    def record(self, response: Any) -> Any:
        return self.recorder.record(
            url=str(response.url),
            status=response.status_code,
            headers=list(response.headers.multi_items()),
            body=response.content,
            request_headers=list(response.request.headers.multi_items()),
        )

    def add_page(self, posts: list[Any], ref: Any) -> None:
        for node in with_parents(posts):
            self.refs[(node.platform, node.platform_post_id)] = ref
        self.buffer.extend(posts)
        if len(self.buffer) >= BATCH:
            self.flush()

    def flush(self) -> None:
        from sqlalchemy import insert
        from sqlalchemy.orm import Session

        from crawlers import store
        from crawlers.evidence import evidence_rows
        from pantau.models import Evidence

        if not self.buffer:
            return
        posts, self.buffer = self.buffer, []
        self.recorder.flush()
        with Session(self.engine) as session:
            result = store.store_posts(session, posts)
            linked = [
                (p.post_id, self.refs.pop((p.item.platform, p.item.platform_post_id)))
                for p in result.posts
                if p.status != "unchanged"
            ]
            if linked:
                session.execute(insert(Evidence), evidence_rows(linked, crawl_run_id=None))
            session.commit()


class Baseline:
    def __init__(self, platform: str, config: dict[str, Any], base: str, sink: Sink, conc: int):
        self.platform, self.config, self.base, self.sink = platform, config, base, sink
        self.limit = asyncio.Semaphore(conc)
        self.conc = conc

    async def get(self, client: Any, url: str, **kw: Any) -> Any:
        async with self.limit:
            response = await client.get(url, **kw)
        response.raise_for_status()
        return response

    def parse(self, name: str, response: Any) -> Any:
        import importlib

        parser = getattr(importlib.import_module(f"crawlers.parsing.{self.platform}"), name)
        ref = self.sink.record(response) if isinstance(self.sink, StoreSink) else None
        headers = {k.lower(): v for k, v in response.headers.items()}
        page = parser(response.content, url=str(response.url), headers=headers)
        if isinstance(self.sink, StoreSink):
            self.sink.add_page(page.posts, ref)
        elif page.posts:
            self.sink.add(page.posts)
        return page

    async def pages(self, client: Any, first: str, parser: str, nxt: Callable[[str], str],
                    **kw: Any) -> None:  # fmt: skip
        url: str | None = first
        for _ in range(50):  # the spiders' default page limit per target
            if url is None:
                return
            page = self.parse(parser, await self.get(client, url, **kw))
            url = nxt(page.next_cursor) if page.next_cursor and page.posts else None

    async def target(self, client: Any, kind: str, value: str) -> None:
        b, p = self.base, self.platform
        if p == "mastodon":
            look = await self.get(client, f"{b}/api/v1/accounts/lookup?acct={quote(value)}")
            account = self.parse("parse_account", look).account
            first = f"{b}/api/v1/accounts/{account.platform_account_id}/statuses?limit=40"
            await self.pages(client, first, "parse_statuses", lambda c: c)
        elif p == "bluesky":
            xrpc = f"{b}/xrpc/app.bsky"
            self.parse("parse_profile", await self.get(
                client, f"{xrpc}.actor.getProfile?{urlencode({'actor': value})}"))  # fmt: skip
            feed = f"{xrpc}.feed.getAuthorFeed?{urlencode({'actor': value, 'limit': 100})}"
            await self.pages(client, feed, "parse_author_feed", lambda c: f"{feed}&cursor={c}")
        elif p == "x":
            auth = {"headers": {"Authorization": "Bearer replay-bearer-token"}}
            fields = urlencode({"user.fields": X_FIELDS["user.fields"]})
            user = self.parse("parse_user", await self.get(
                client, f"{b}/2/users/by/username/{value}?{fields}", **auth)).account  # fmt: skip
            query = urlencode({"max_results": 100, **X_FIELDS})
            first = f"{b}/2/users/{user.platform_account_id}/tweets?{query}"
            await self.pages(client, first, "parse_tweets",
                             lambda c: f"{first}&pagination_token={c}", **auth)  # fmt: skip
        elif p == "telegram":
            first = f"{b}/s/{value}"
            await self.pages(client, first, "parse_channel_page", lambda c: f"{first}?before={c}")
        elif p == "rss":
            self.parse("parse_feed", await self.get(client, value))
        else:
            auth = {"headers": {"X-Goog-Api-Key": "replay-api-key"}}
            which = "videoId" if kind == "videos" else "allThreadsRelatedToChannelId"
            query = urlencode({"part": "snippet,replies", "maxResults": 100, "order": "time",
                               "textFormat": "plainText", which: value})  # fmt: skip
            first = f"{b}/youtube/v3/commentThreads?{query}"
            await self.pages(client, first, "parse_comment_threads",
                             lambda c: f"{first}&pageToken={c}", **auth)  # fmt: skip

    async def run(self) -> None:
        import httpx

        targets = [(k, v) for k, vs in self.config.items() if isinstance(vs, list) for v in vs]
        limits = httpx.Limits(max_connections=self.conc, max_keepalive_connections=self.conc)
        async with httpx.AsyncClient(timeout=60, limits=limits) as client:
            # As many target chains in flight as there are request slots, like Scrapy's queue.
            queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
            for item in targets:
                queue.put_nowait(item)

            async def worker() -> None:
                while not queue.empty():
                    kind, value = queue.get_nowait()
                    await self.target(client, kind, value)

            await asyncio.gather(*(worker() for _ in range(self.conc)))
        self.sink.flush()


def baseline_worker(args: argparse.Namespace) -> None:
    source = json.loads(args.baseline)
    if args.full_store:
        sink: Sink = StoreSink(args.db, Path(os.environ["PANTAU_DATA_DIR"]) / "evidence")
    else:
        sink = Sink(args.db)
    asyncio.run(Baseline(source["platform"], source["config"], args.replay, sink,
                         args.concurrency).run())  # fmt: skip


# -- the driver -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def replay_server(size: int) -> Iterator[str]:
    import httpx

    port = free_port()
    cmd = [sys.executable, "-m", "crawlers.replay", "--port", str(port), "--scale", str(size)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/_control/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the replay server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def env_for(replay: str, data_dir: Path, db_url: str) -> dict[str, str]:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawlers.settings"}
    env.update(
        PANTAU_DATA_DIR=str(data_dir),
        PANTAU_DATABASE_URL=db_url,
        PANTAU_BLUESKY_PUBLIC_URL=replay,
        PANTAU_BLUESKY_PDS_URL=replay,
        PANTAU_TELEGRAM_BASE_URL=replay,
        PANTAU_X_BASE_URL=replay,
        PANTAU_YOUTUBE_BASE_URL=replay,
        PANTAU_X_BEARER_TOKEN="replay-bearer-token",
        PANTAU_YOUTUBE_API_KEY="replay-api-key",
    )
    return env


def run_measured(cmd: list[str], env: dict[str, str]) -> tuple[int, float, str]:
    """(exit code, peak RSS in MB, stderr tail) of one child process."""
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss / 1024, err[-3000:]


def fresh_db(work: Path, name: str) -> tuple[str, Path]:
    from pantau import migrate

    data_dir = work / name
    data_dir.mkdir()
    url = f"sqlite:///{data_dir / 'pantau.db'}"
    migrate.upgrade(url)
    return url, data_dir


def count_posts(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        value = conn.execute(text("SELECT count(*) FROM posts")).scalar_one()
    engine.dispose()
    return int(value)


@dataclass
class Side:
    posts: int
    seconds: float
    peak_mb: float

    @property
    def rate(self) -> float:
        return self.posts / self.seconds if self.seconds else 0.0


def scrapy_side(replay: str, sources: list[dict[str, Any]], work: Path, conc: int) -> Side:
    from sqlalchemy import create_engine, insert

    from pantau.models import Source

    url, data_dir = fresh_db(work, "scrapy")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(insert(Source), [{**s, "enabled": True} for s in sources])
    engine.dispose()
    env = env_for(replay, data_dir, url)
    peak, start = 0.0, time.perf_counter()
    for source in sources:
        cmd = [sys.executable, "-m", "scrapy", "crawl", source["platform"], "-a",
               f"source={source['name']}", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={conc}",
               "-s", f"CONCURRENT_REQUESTS={conc}", "-s", "LOG_LEVEL=WARNING"]  # fmt: skip
        code, rss, err = run_measured(cmd, env)
        if code != 0:
            raise RuntimeError(f"scrapy crawl {source['name']} failed:\n{err}")
        peak = max(peak, rss)
    return Side(count_posts(url), time.perf_counter() - start, peak)


def baseline_side(
    replay: str, sources: list[dict[str, Any]], work: Path, conc: int, full_store: bool = False
) -> Side:
    url, data_dir = fresh_db(work, "baseline-store" if full_store else "baseline")
    env = env_for(replay, data_dir, url)
    peak, start = 0.0, time.perf_counter()
    for source in sources:
        cmd = [sys.executable, __file__, "--baseline", json.dumps(source), "--replay", replay,
               "--db", url, "--concurrency", str(conc)]  # fmt: skip
        cmd += ["--full-store"] if full_store else []
        code, rss, err = run_measured(cmd, env)
        if code != 0:
            raise RuntimeError(f"baseline for {source['name']} failed:\n{err}")
        peak = max(peak, rss)
    return Side(count_posts(url), time.perf_counter() - start, peak)


def measure(
    size: int, conc: int, platforms: set[str] | None, full_store: bool
) -> tuple[Side, Side, Side | None]:
    import httpx

    with replay_server(size) as replay, tempfile.TemporaryDirectory() as tmp:
        sources = httpx.get(f"{replay}/_control/sources", timeout=30).json()
        sources = [s for s in sources if platforms is None or s["platform"] in platforms]
        work = Path(tmp)
        scrapy = scrapy_side(replay, sources, work, conc)
        baseline = baseline_side(replay, sources, work, conc)
        same = baseline_side(replay, sources, work, conc, True) if full_store else None
    return scrapy, baseline, same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="largest crawl (replay posts)")
    parser.add_argument("--sizes", help="comma-separated sizes (default: n/10, n/3, n)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight")
    parser.add_argument("--platforms", help="only these, comma-separated (default: all six)")
    parser.add_argument(
        "--full-store",
        action="store_true",
        help="also time the loop storing like the pipeline (crawlers.store, WARC, evidence)",
    )
    parser.add_argument("--baseline", help=argparse.SUPPRESS)  # worker mode: a source as JSON
    parser.add_argument("--replay", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline:
        baseline_worker(args)
        return
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else sorted(
        {max(1000, args.n // 10), max(1000, args.n // 3), args.n}
    )  # fmt: skip
    print(f"crawl ingest, SQLite, {args.concurrency} requests in flight, {os.cpu_count()} CPUs")
    header = (
        f"{'replay posts':>12} {'stored':>8} {'scrapy s':>9} {'posts/s':>8} {'base s':>8} "
        f"{'posts/s':>8} {'ratio':>6} {'scrapy MB':>9} {'base MB':>8}"
    )
    print(header)
    for size in sizes:
        only = set(args.platforms.split(",")) if args.platforms else None
        scrapy, base, stored_like_pipeline = measure(size, args.concurrency, only, args.full_store)
        agree = scrapy.posts == base.posts
        stored = f"{scrapy.posts}" if agree else f"{scrapy.posts}/{base.posts}"
        print(
            f"{size:>12} {stored:>8} {scrapy.seconds:>9.1f} {scrapy.rate:>8.0f} "
            f"{base.seconds:>8.1f} {base.rate:>8.0f} {scrapy.rate / base.rate:>6.2f} "
            f"{scrapy.peak_mb:>9.0f} {base.peak_mb:>8.0f}",
            flush=True,
        )
        if stored_like_pipeline is not None:
            same = stored_like_pipeline
            print(
                f"{'':>12} {same.posts:>8} {'loop+store':>9} {'':>8} {same.seconds:>8.1f} "
                f"{same.rate:>8.0f} {scrapy.rate / same.rate:>6.2f} {'':>9} {same.peak_mb:>8.0f}",
                flush=True,
            )
    print("targets: ratio >= 0.8, >= 2000 posts/s; peak MB should not grow with size")


if __name__ == "__main__":
    main()
