"""The replay server's data: accounts and posts, indexed the way each platform pages them."""

from __future__ import annotations

import bisect
import json
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from crawlers.replay import ids

DATA = Path(__file__).parent / "data"
T = TypeVar("T")
_TAG = re.compile(r"#(\w+)")


@dataclass(slots=True)
class Account:
    platform: str
    id: str
    handle: str
    name: str
    bio: str = ""
    followers: int = 0
    created_at: str = ""
    fields: list[list[str]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(slots=True)
class Post:
    platform: str
    id: str
    account: Account
    kind: str
    text: str
    created_at: datetime
    lang: str | None = None
    parent: str | None = None
    topic: str = ""
    media: list[dict[str, Any]] = field(default_factory=list)
    metrics: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    edited_at: datetime | None = None
    deleted: bool = False
    key: int = 0  # the platform's paging order (id, message number or time)
    cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def tags(self) -> list[str]:
        return [t.lower() for t in _TAG.findall(self.text)]


_POST_FIELDS = ("platform", "id", "kind", "text", "lang", "parent", "topic", "media", "metrics")
_POST_ROW_KEYS = frozenset((*_POST_FIELDS, "account", "created_at"))


class Timeline:
    """Posts in ascending `key` order, sliced the way the platforms page."""

    def __init__(self) -> None:
        self.keys: list[int] = []
        self.posts: list[Post] = []

    def add(self, post: Post) -> None:
        at = bisect.bisect_right(self.keys, post.key)
        self.keys.insert(at, post.key)
        self.posts.insert(at, post)

    def remove(self, post: Post) -> None:
        at = bisect.bisect_left(self.keys, post.key)
        while at < len(self.posts) and self.keys[at] == post.key:
            if self.posts[at] is post:
                del self.keys[at], self.posts[at]
                return
            at += 1

    def page(
        self,
        limit: int,
        *,
        below: int | None = None,
        above: int | None = None,
        adjacent: bool = False,
    ) -> list[Post]:
        """Newest first: up to `limit` posts with above < key < below.

        `adjacent` takes the posts right after `above` (Mastodon's min_id) instead of the
        newest ones (since_id).
        """
        hi = len(self.keys) if below is None else bisect.bisect_left(self.keys, below)
        lo = 0 if above is None else bisect.bisect_right(self.keys, above)
        if adjacent:
            hi = min(hi, lo + limit)
        return self.posts[max(lo, hi - limit) : hi][::-1]

    def __len__(self) -> int:
        return len(self.posts)


def order_key(platform: str, post_id: str, created_at: datetime) -> int:
    if platform in {"mastodon", "x"}:
        return int(post_id)
    if platform == "telegram":
        return int(post_id.rsplit("/", 1)[1])
    return int(created_at.timestamp() * 1_000_000)


class Store:
    """All accounts and posts, with per-platform timelines. Guard access with `lock`."""

    def __init__(self, accounts: Iterable[dict[str, Any]], posts: Iterable[dict[str, Any]]):
        self.lock = threading.RLock()
        self.accounts: dict[tuple[str, str], Account] = {}
        self.by_handle: dict[tuple[str, str], Account] = {}
        self.posts: dict[tuple[str, str], Post] = {}
        self.timelines: dict[tuple[str, str, str], Timeline] = {}
        self.replies: dict[tuple[str, str], list[Post]] = {}
        self.synth_sources: list[dict[str, Any]] = []  # set by synth.scaled
        self.owners: dict[str, str] = {}  # YouTube video id -> channel id
        # Bumped by every change, so rendered fragments cached on posts/accounts go stale.
        self.generation = 0
        for row in accounts:
            self._add_account(row)
        for row in posts:
            self.add(self._post_from_row(row))

    @classmethod
    def sample(cls) -> Store:
        return cls(read_jsonl(DATA / "accounts.jsonl"), read_jsonl(DATA / "posts.jsonl"))

    def _add_account(self, row: dict[str, Any]) -> None:
        known = {"platform", "id", "handle", "name", "bio", "followers", "created_at", "fields"}
        account = Account(
            **{k: row[k] for k in known if k in row},
            extra={k: v for k, v in row.items() if k not in known},
        )
        self.accounts[(account.platform, account.id)] = account
        self.by_handle[(account.platform, account.handle.lower())] = account
        for video in account.extra.get("videos", ()):
            self.owners[video[0]] = account.id

    def _post_from_row(self, row: dict[str, Any]) -> Post:
        created = row["created_at"]
        if not isinstance(created, datetime):
            created = ids.from_iso(created)
        return Post(
            **{k: row[k] for k in _POST_FIELDS if k in row},
            account=self.accounts[(row["platform"], row["account"])],
            created_at=created,
            extra={k: v for k, v in row.items() if k not in _POST_ROW_KEYS},
            key=order_key(row["platform"], row["id"], created),
        )

    def cached(self, owner: Post | Account, variant: Any, build: Callable[[], T]) -> T:
        """A rendered fragment of `owner` (JSON bytes, HTML), built once per generation."""
        key = (self.generation, variant)
        hit = owner.cache.get(key)
        if hit is None:
            if len(owner.cache) > 8:
                owner.cache.clear()
            hit = owner.cache[key] = build()
        return hit

    def add(self, post: Post) -> None:
        self.generation += 1
        self.posts[(post.platform, post.id)] = post
        for name in self._timeline_names(post):
            self.timelines.setdefault(name, Timeline()).add(post)
        if post.parent and post.kind == "reply":
            self.replies.setdefault((post.platform, post.parent), []).append(post)

    def _timeline_names(self, post: Post) -> list[tuple[str, str, str]]:
        """Which listings show this post: its author's, its tags', the search index ..."""
        p = post.platform
        names = [(p, "account", post.account.id), (p, "all", "")]
        if p == "mastodon" and post.kind != "repost":
            names += [(p, "tag", tag) for tag in post.tags]
        if p == "youtube":
            names = [(p, "all", "")]
            if post.kind == "comment":
                video = post.extra["video"]
                names += [(p, "video", video), (p, "channel", self.video_owner(video))]
        return names

    def timeline(self, platform: str, kind: str, key: str = "") -> Timeline:
        return self.timelines.get((platform, kind, key)) or Timeline()

    def post(self, platform: str, post_id: str) -> Post | None:
        found = self.posts.get((platform, post_id))
        return None if found is None or found.deleted else found

    def account(self, platform: str, ref: str) -> Account | None:
        """By id or by handle (case-insensitive, with or without a leading @)."""
        return self.accounts.get((platform, ref)) or self.by_handle.get(
            (platform, ref.lower().lstrip("@"))
        )

    def video_owner(self, video: str) -> str:
        return self.owners.get(video, "")

    def replies_to(self, platform: str, post_id: str) -> list[Post]:
        return [r for r in self.replies.get((platform, post_id), []) if not r.deleted]

    # --- changes made through the control API ---

    def edit(self, platform: str, post_id: str, text: str) -> Post:
        post = self._existing(platform, post_id)
        self.generation += 1
        post.text = text
        post.edited_at = max(post.created_at, self.latest()) + timedelta(minutes=1)
        return post

    def delete(self, platform: str, post_id: str) -> Post:
        post = self._existing(platform, post_id)
        self.generation += 1
        post.deleted = True
        for name in self._timeline_names(post):
            self.timelines[name].remove(post)
        return post

    def _existing(self, platform: str, post_id: str) -> Post:
        post = self.post(platform, post_id)
        if post is None:
            raise KeyError(f"no {platform} post {post_id!r}")
        return post

    def latest(self, platform: str | None = None) -> datetime:
        times = [p.created_at for p in self.posts.values() if platform in (None, p.platform)]
        return max(times)

    def clone(self, post: Post, **changes: Any) -> Post:
        """A copy of `post` with `changes`, its paging key recomputed."""
        copy = replace(post, **changes)
        copy.key = order_key(copy.platform, copy.id, copy.created_at)
        return copy


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as rows:
        return [json.loads(line) for line in rows if line.strip()]


def new_post(
    store: Store,
    account: Account,
    text: str,
    *,
    kind: str = "post",
    parent: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Post:
    """A post newer than everything on its platform, with the id the platform would give it."""
    platform = account.platform
    if platform == "youtube" and kind == "post":
        kind = "reply" if parent else "comment"
    when = store.latest(platform) + timedelta(minutes=1, milliseconds=len(store.posts) % 997)
    seq = len(store.posts)
    extra = dict(extra or {})
    if platform == "mastodon":
        post_id = ids.mastodon_id(when, seq)
    elif platform == "x":
        post_id = ids.x_id(when, seq)
    elif platform == "bluesky":
        collection = "repost" if kind == "repost" else "post"
        post_id = f"at://{account.id}/app.bsky.feed.{collection}/{ids.tid(when, seq)}"
    elif platform == "telegram":
        own = store.timeline(platform, "account", account.id)
        post_id = f"{account.id}/{(own.keys[-1] if own.keys else 100) + 1}"
    elif platform == "youtube":
        answered = store.post(platform, parent) if parent else None
        extra.setdefault(
            "video", answered.extra["video"] if answered else _first_video(store, account)
        )
        post_id = (
            f"{parent}.{ids.digest('new', seq, length=22)}"
            if parent
            else (ids.youtube_comment_id("new", seq, text))
        )
    else:
        extra.setdefault("title", text[:80])
        post_id = f"{account.extra.get('site', 'https://feed.example/')}berita/new-{seq}"
    post = Post(platform=platform, id=post_id, account=account, kind=kind, text=text,
                created_at=when, lang="id", parent=parent, topic="added", extra=extra)  # fmt: skip
    post.key = order_key(platform, post_id, when)
    store.add(post)
    return post


def _first_video(store: Store, account: Account) -> str:
    if account.extra.get("videos"):
        return str(account.extra["videos"][0][0])
    own = store.timeline("youtube", "account", account.id)
    if own.posts:
        return str(own.posts[-1].extra["video"])
    for other in store.accounts.values():
        if other.extra.get("videos"):
            return str(other.extra["videos"][0][0])
    raise KeyError("no video to comment on")
