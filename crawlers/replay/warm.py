"""Render every post once before serving, so a benchmark measures the crawler, not us.

Fragments are cached per post for the query variants the spiders send (see crawlers/spiders);
a request with other parameters is rendered on demand, as without warming.
"""

from __future__ import annotations

from typing import Any

from crawlers.replay.platforms import bluesky, mastodon, rss, telegram, x, youtube
from crawlers.replay.web import Context, Request

X_FIELDS = {
    "expansions": "author_id,referenced_tweets.id,referenced_tweets.id.author_id",
    "tweet.fields": "created_at,lang,public_metrics,referenced_tweets,conversation_id,"
    "author_id,entities",
}
YOUTUBE = {"part": "snippet,replies", "textFormat": "plainText"}


def _feed(account: Any, posts: Any) -> Any:
    return lambda: rss.document(account, posts)


def warm(ctx: Context, base_url: str) -> int:
    """Render all posts for `base_url`; returns how many fragments were made."""
    store = ctx.store

    def request(query: dict[str, str]) -> Request:
        return Request("GET", "/", query, {}, b"", base_url.rstrip("/"))

    plain, tweets, threads = request({}), request(X_FIELDS), request(YOUTUBE)
    made = 0
    with store.lock:
        for post in list(store.posts.values()):
            render: Any = {
                "mastodon": lambda p: mastodon.status_bytes(p, plain, ctx),
                "bluesky": lambda p: bluesky.feed_item_bytes(p, plain, ctx),
                "telegram": lambda p: telegram.message_cached(p, plain, ctx),
                "x": lambda p: x.tweet_bytes(p, tweets, ctx),
                "youtube": lambda p: (
                    youtube.thread_bytes(p, threads, ctx) if p.kind == "comment" else b""
                ),
            }.get(post.platform)
            if render is not None and not post.deleted:
                render(post)
                made += 1
        for account in list(store.accounts.values()):
            if account.platform == "rss":
                posts = store.timeline("rss", "account", account.id).page(10**9)
                store.cached(account, "feed", _feed(account, posts))
    return made
