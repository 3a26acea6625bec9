"""Measure the replay server's raw throughput: `python -m crawlers.replay.throughput`.

A first pass walks every source target through the parsers and records each page URL with
its number of posts; the timed passes then fetch exactly those pages over keep-alive
connections (one, then several in threads) without parsing, and print requests/s and
posts/s. The server runs in a subprocess, as the benchmark runs it.
"""

from __future__ import annotations

import argparse
import http.client
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from crawlers.items import Page
from crawlers.parsing import bluesky, mastodon, rss, telegram, x, youtube

X_AUTH = {"Authorization": "Bearer replay-bearer-token"}
X_QUERY = {"expansions": "author_id,referenced_tweets.id,referenced_tweets.id.author_id",
           "tweet.fields": "created_at,lang,public_metrics,referenced_tweets,conversation_id,"
           "author_id,entities", "max_results": 100}  # fmt: skip
YT_QUERY = {"part": "snippet,replies", "textFormat": "plainText", "maxResults": 100,
            "key": "replay-api-key"}  # fmt: skip
Pages = list[tuple[str, dict[str, str], int]]  # path?query, headers, posts on the page


def discover(client: httpx.Client, sources: list[dict[str, Any]]) -> Pages:
    pages: Pages = []

    def walk(path: str, parse: Callable[..., Page], headers: dict[str, str], nxt: Any) -> None:
        while path:
            response = client.get(path, headers=headers)
            page = parse(response.content, headers={"link": response.headers.get("link", "")})
            pages.append((path, headers, len(page.posts)))
            path = nxt(page) if page.next_cursor and page.posts else ""

    for source in sources:
        platform, config = source["platform"], source["config"]
        for target in next(v for k, v in config.items() if k != "instance"):
            if platform == "mastodon":
                account = client.get(f"/api/v1/accounts/lookup?acct={target}").json()["id"]
                walk(f"/api/v1/accounts/{account}/statuses?limit=40", mastodon.parse_statuses,
                     {}, lambda p: _local(p.next_cursor))  # fmt: skip
            elif platform == "bluesky":
                base = f"/xrpc/app.bsky.feed.getAuthorFeed?actor={target}&limit=100"
                walk(
                    base,
                    bluesky.parse_author_feed,
                    {},
                    lambda p, b=base: f"{b}&cursor={p.next_cursor}",
                )
            elif platform == "telegram":
                walk(f"/s/{target}", telegram.parse_channel_page, {},
                     lambda p, t=target: f"/s/{t}?before={p.next_cursor}")  # fmt: skip
            elif platform == "rss":
                walk(urlsplit(target).path, rss.parse_feed, {}, lambda p: "")
            elif platform == "x":
                user = client.get(f"/2/users/by/username/{target}", headers=X_AUTH).json()
                base = f"/2/users/{user['data']['id']}/tweets?{urlencode(X_QUERY)}"
                walk(base, x.parse_tweets, X_AUTH,
                     lambda p, b=base: f"{b}&pagination_token={p.next_cursor}")  # fmt: skip
            elif platform == "youtube":
                query = {**YT_QUERY, "allThreadsRelatedToChannelId": target}
                base = f"/youtube/v3/commentThreads?{urlencode(query)}"
                walk(base, youtube.parse_comment_threads, {},
                     lambda p, b=base: f"{b}&pageToken={p.next_cursor}")  # fmt: skip
    return pages


def _local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def fetch_all(host: str, port: int, pages: Pages, threads: int) -> float:
    """Seconds to fetch every page once, split over `threads` keep-alive connections."""

    def worker(share: Pages) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=60)
        for path, headers, _ in share:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            assert response.status == 200, (path, response.status)
        conn.close()

    workers = [threading.Thread(target=worker, args=(pages[i::threads],)) for i in range(threads)]
    started = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m crawlers.replay.throughput")
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    command = [sys.executable, "-m", "crawlers.replay", "--port", str(args.port),
               "--scale", str(args.scale)]  # fmt: skip
    started = time.perf_counter()
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        url = server.stdout.readline().split()[3]
        print(f"server up in {time.perf_counter() - started:.1f}s: {url}")
        with httpx.Client(base_url=url, timeout=60) as client:
            sources = client.get("/_control/sources").json()
            pages = discover(client, sources)
        posts = sum(n for _, _, n in pages)
        host, port = urlsplit(url).hostname or "127.0.0.1", urlsplit(url).port or args.port
        for threads in (1, args.threads):
            seconds = fetch_all(host, port, pages, threads)
            rates = f"{len(pages) / seconds:,.0f} requests/s, {posts / seconds:,.0f} posts/s"
            print(f"{threads} connection(s): {len(pages)} pages, {posts} posts: {rates}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
