"""`--scale N`: N posts synthesised deterministically from the sample set, for benchmarks.

Accounts are cloned from the sample's (NIP-like numbers in cloned bios are re-drawn), posts
copy sample texts, and the spread follows the sample: the same platform shares, a few busy
accounts and many quiet ones (Zipf-like), times over the same seven weeks, about one post
in eight a repost and one in ten a reply. Ids are unique and ordered as each platform's are.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from datetime import timedelta
from typing import Any

from crawlers.replay import ids
from crawlers.replay.generate import END, START, assign_ids
from crawlers.replay.sample_text import TAILS
from crawlers.replay.store import DATA, Store, read_jsonl

MAX_TARGETS = 500  # crawlers/sources.py refuses bigger sources
POSTS_PER_ACCOUNT = {"mastodon": 60, "bluesky": 60, "x": 60, "telegram": 200, "rss": 50}
_NIP = re.compile(r"\d{8} ?\d{6} ?\d ?\d{3}")


def scaled(n: int, seed: int = 0) -> Store:
    rng = random.Random(f"pantau-replay-{seed}")
    accounts = read_jsonl(DATA / "accounts.jsonl")
    sample = [p for p in read_jsonl(DATA / "posts.jsonl") if p["text"] and p["kind"] != "repost"]
    shares = Counter(p["platform"] for p in read_jsonl(DATA / "posts.jsonl"))
    total = sum(shares.values())
    counts = {p: n * c // total for p, c in shares.items()}
    counts["mastodon"] += n - sum(counts.values())
    made_accounts: list[dict[str, Any]] = []
    posts: list[dict[str, Any]] = []
    for platform, count in counts.items():
        own = [a for a in accounts if a["platform"] == platform]
        texts = [p for p in sample if p["platform"] == platform]
        if platform == "youtube":
            new_accounts, new_posts = _youtube(own, texts, count, rng)
        else:
            new_accounts = _clones(own, platform, count, rng)
            new_posts = _posts(new_accounts, texts, platform, count, rng)
        made_accounts += new_accounts
        posts += new_posts
    assign_ids(posts, {f"{a['platform']}:{a['id']}": a for a in made_accounts})
    rows = [{**p, "parent": p["parent"]["id"] if p["parent"] else None} for p in posts]
    store = Store(made_accounts, rows)
    store.synth_sources = _sources(store)
    return store


def _clones(
    own: list[dict[str, Any]], platform: str, count: int, rng: random.Random
) -> list[dict[str, Any]]:
    crawlable = [a for a in own if a.get("preview", True) and a["handle"] != "larangan_robot"]
    wanted = max(1, math.ceil(count / POSTS_PER_ACCOUNT[platform]))
    clones = []
    for k in range(wanted):
        base = crawlable[k % len(crawlable)]
        copy = {**base}
        if k >= len(crawlable):
            copy["handle"] = _handle(platform, base["handle"], k)
            copy["name"] = f"{base['name']} {k}"
            copy["bio"] = _NIP.sub(lambda _: _nip(rng), base["bio"])
            copy["id"] = ids.account_id(platform, copy["handle"], ids.from_iso(base["created_at"]))
            if platform == "rss":
                copy["site"] = base["site"].replace(".example/", f"{k}.example/")
        clones.append(copy)
    return clones


def _handle(platform: str, handle: str, k: int) -> str:
    if platform == "bluesky":
        name, _, domain = handle.partition(".")
        return f"{name}-{k}.{domain}"
    if platform == "x":
        return f"{handle[:9]}_{k}"[:15]
    if platform == "rss":
        return f"{handle}-{k}"
    return f"{handle[:24]}_{k}"


def _nip(rng: random.Random) -> str:
    born = f"19{rng.randint(65, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    hired = f"20{rng.randint(0, 23):02d}{rng.randint(1, 12):02d}"
    return f"{born}{hired}{rng.randint(1, 2)}{rng.randint(1, 999):03d}"


def _times(count: int, rng: random.Random) -> list[Any]:
    """Sorted, each at least a millisecond after the one before (cursors are times)."""
    span = (END - START).total_seconds()
    offsets = sorted(rng.uniform(0, span) for _ in range(count))
    times, last = [], -1.0
    for offset in offsets:
        last = max(round(offset, 3), last + 0.001)
        times.append(START + timedelta(seconds=last))
    return times


def _posts(
    accounts: list[dict[str, Any]],
    texts: list[dict[str, Any]],
    platform: str,
    count: int,
    rng: random.Random,
) -> list[dict[str, Any]]:
    weights = [1 / (k + 1) ** 0.8 for k in range(len(accounts))]
    authors = rng.choices(accounts, weights, k=count)
    posts: list[dict[str, Any]] = []
    by_author: dict[str, list[dict[str, Any]]] = {}
    for author, when in zip(authors, _times(count, rng), strict=True):
        model = rng.choice(texts)
        post = {
            "platform": platform, "account": author["id"], "kind": "post",
            "text": model["text"] + rng.choice(TAILS).format(city="Indonesia"),
            "created_at": when, "lang": model["lang"], "parent": None, "topic": model["topic"],
            "media": model["media"], "metrics": model["metrics"],
        }  # fmt: skip
        if platform == "rss":
            post["title"] = model.get("title") or model["text"][:80]
        roll = rng.random()
        if posts and platform != "rss" and roll < 0.2:
            pool = by_author.get(author["id"], []) if platform == "telegram" else posts
            target = rng.choice(pool[-200:]) if pool else None
            if target is not None and target["kind"] != "repost":
                if roll < 0.12 and platform != "telegram":
                    post.update(kind="repost", text="", parent=target, media=[])
                elif roll >= 0.12:
                    post.update(kind="reply", parent=target, media=[])
        posts.append(post)
        by_author.setdefault(author["id"], []).append(post)
    return posts


def _youtube(
    own: list[dict[str, Any]], texts: list[dict[str, Any]], count: int, rng: random.Random
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    owners = [a for a in own if a.get("videos")]
    commenters = [a for a in own if not a.get("videos")]
    videos_wanted = max(4, math.ceil(count / 150))
    channels = []
    for k in range(max(len(owners), math.ceil(videos_wanted / 8))):
        base = owners[k % len(owners)]
        key = base["id"] if k < len(owners) else f"UC{ids.digest('ch', k, length=22)}"
        videos = [[ids.digest("video", k, v, length=11), f"{base['name']} video {v}"]
                  for v in range(8)] if k >= len(owners) else base["videos"]  # fmt: skip
        channels.append({**base, "id": key, "handle": key, "videos": videos})
    people = []
    for k in range(max(len(commenters), math.ceil(count / 15))):
        base = commenters[k % len(commenters)]
        key = base["id"] if k < len(commenters) else f"UC{ids.digest('user', k, length=22)}"
        people.append({**base, "id": key, "handle": key, "name": f"{base['name']} {k}"})
    all_videos = [v[0] for c in channels for v in c["videos"]]
    posts = _posts(people, texts, "youtube", count, rng)
    replies: Counter[int] = Counter()
    for post in posts:
        parent = post["parent"]
        if parent is not None and (parent["kind"] != "comment" or replies[id(parent)] >= 5):
            post["kind"], post["parent"] = "comment", None  # YouTube shows 5 replies a thread
        if post["kind"] == "repost":
            post["kind"], post["parent"], post["text"] = "comment", None, rng.choice(texts)["text"]
        if post["kind"] == "post":
            post["kind"] = "comment"
        if post["parent"] is not None:
            replies[id(post["parent"])] += 1
            post["kind"], post["video"] = "reply", post["parent"]["video"]
        else:
            post["video"] = rng.choice(all_videos)
    return channels + people, posts


def _sources(store: Store) -> list[dict[str, Any]]:
    """Sources covering every synthesised post, at most MAX_TARGETS targets each."""
    targets: dict[str, list[str]] = {}
    for account in store.accounts.values():
        has_posts = len(store.timeline(account.platform, "account", account.id)) > 0
        if account.platform == "youtube" and account.extra.get("videos"):
            targets.setdefault("youtube", []).append(account.id)
        elif has_posts and account.platform != "youtube":
            value = account.handle
            if account.platform == "rss":
                value = f"{{base_url}}/feeds/{account.handle}.xml"
            targets.setdefault(account.platform, []).append(value)
    key = {"mastodon": "accounts", "bluesky": "accounts", "x": "accounts",
           "telegram": "channels", "rss": "feeds", "youtube": "channels"}  # fmt: skip
    rows = []
    for platform, values in sorted(targets.items()):
        for start in range(0, len(values), MAX_TARGETS):
            config: dict[str, Any] = {key[platform]: values[start : start + MAX_TARGETS]}
            if platform == "mastodon":
                config["instance"] = "{base_url}"
            name = f"{platform}-scaled-{start // MAX_TARGETS + 1}"
            rows.append({"platform": platform, "name": name, "config": config})
    return rows
