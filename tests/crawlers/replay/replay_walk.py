"""Walk the replay server's listings the way the spiders do, through the real parsers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from crawlers.items import Page, PostItem
from crawlers.parsing import bluesky, mastodon, rss, telegram, x, youtube

X_AUTH = {"Authorization": "Bearer replay-bearer-token"}
X_FIELDS = {
    "expansions": "author_id,referenced_tweets.id",
    "tweet.fields": "created_at,lang,public_metrics,referenced_tweets,author_id,entities",
    "user.fields": "description,public_metrics",
}
YT = {"part": "snippet,replies", "key": "replay-api-key"}


def parsed(client: httpx.Client, parse: Callable[..., Page], url: str, **kwargs: Any) -> Page:
    response = client.get(url, **kwargs)
    assert response.status_code == 200, (url, response.status_code, response.text[:300])
    headers = {k.lower(): v for k, v in response.headers.items()}
    page = parse(response.content, url=str(response.url), headers=headers)
    assert page.bad == [], [b.reason for b in page.bad]
    return page


def mastodon_account(client: httpx.Client, handle: str, limit: int = 7) -> list[PostItem]:
    account = parsed(client, mastodon.parse_account, f"/api/v1/accounts/lookup?acct={handle}")
    assert account.account is not None
    url: str | None = (
        f"/api/v1/accounts/{account.account.platform_account_id}/statuses?limit={limit}"
    )
    return _follow(client, mastodon.parse_statuses, url)


def _follow(client: httpx.Client, parse: Callable[..., Page], url: str | None) -> list[PostItem]:
    posts: list[PostItem] = []
    while url:
        page = parsed(client, parse, url)
        posts += page.posts
        url = page.next_cursor
    return posts


def mastodon_tag(client: httpx.Client, tag: str, limit: int = 7) -> list[PostItem]:
    return _follow(client, mastodon.parse_statuses, f"/api/v1/timelines/tag/{tag}?limit={limit}")


def bluesky_feed(client: httpx.Client, actor: str, limit: int = 4) -> list[PostItem]:
    return _cursor_walk(
        client, bluesky.parse_author_feed, "/xrpc/app.bsky.feed.getAuthorFeed",
        {"actor": actor, "limit": limit}, "cursor",
    )  # fmt: skip


def bluesky_token(client: httpx.Client) -> str:
    response = client.post(
        "/xrpc/com.atproto.server.createSession",
        json={"identifier": "pantau.bsky.social", "password": "replay-app-password"},
    )
    return bluesky.parse_session(response.content)


def bluesky_search(
    client: httpx.Client, query: str, limit: int = 5, **extra: str
) -> list[PostItem]:
    headers = {"Authorization": f"Bearer {bluesky_token(client)}"}
    return _cursor_walk(
        client, bluesky.parse_search, "/xrpc/app.bsky.feed.searchPosts",
        {"q": query, "limit": limit, **extra}, "cursor", headers=headers,
    )  # fmt: skip


def _cursor_walk(
    client: httpx.Client,
    parse: Callable[..., Page],
    path: str,
    params: dict[str, Any],
    name: str,
    **kwargs: Any,
) -> list[PostItem]:
    posts: list[PostItem] = []
    cursor = None
    while True:
        query = {**params, **({name: cursor} if cursor else {})}
        page = parsed(client, parse, path, params=query, **kwargs)
        posts += page.posts
        cursor = page.next_cursor
        if not cursor:
            return posts


def telegram_channel(client: httpx.Client, channel: str) -> list[PostItem]:
    posts: list[PostItem] = []
    url: str | None = f"/s/{channel}"
    while url:
        page = parsed(client, telegram.parse_channel_page, url)
        posts += page.posts
        url = f"/s/{channel}?before={page.next_cursor}" if page.next_cursor else None
    return posts


def feed(client: httpx.Client, name: str) -> list[PostItem]:
    return parsed(client, rss.parse_feed, f"/feeds/{name}.xml").posts


def x_user(client: httpx.Client, username: str, limit: int = 5) -> list[PostItem]:
    user = parsed(client, x.parse_user, f"/2/users/by/username/{username}", headers=X_AUTH)
    assert user.account is not None
    return _cursor_walk(
        client, x.parse_tweets, f"/2/users/{user.account.platform_account_id}/tweets",
        {"max_results": limit, **X_FIELDS}, "pagination_token", headers=X_AUTH,
    )  # fmt: skip


def x_search(client: httpx.Client, query: str, limit: int = 10, **extra: str) -> list[PostItem]:
    return _cursor_walk(
        client, x.parse_tweets, "/2/tweets/search/recent",
        {"query": query, "max_results": limit, **X_FIELDS, **extra}, "next_token", headers=X_AUTH,
    )  # fmt: skip


def youtube_threads(client: httpx.Client, limit: int = 3, **target: str) -> list[PostItem]:
    return _cursor_walk(
        client, youtube.parse_comment_threads, "/youtube/v3/commentThreads",
        {**YT, "maxResults": limit, **target}, "pageToken",
    )  # fmt: skip


def ids(posts: list[PostItem]) -> list[str]:
    return [p.platform_post_id for p in posts]


def expected(client: httpx.Client, platform: str, account: str = "") -> set[str]:
    """Ids of the posts the server holds (from the control API)."""
    rows = client.get("/_control/posts", params={"platform": platform, "account": account}).json()
    return {r["id"] for r in rows}
