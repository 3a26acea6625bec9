"""Single-post endpoints (for capture) return the post, and 404 once it is deleted."""

from __future__ import annotations

import httpx
import pytest
import replay_walk as walk

from crawlers.parsing import bluesky, mastodon, telegram, x, youtube
from crawlers.replay import ReplayServer


def _one(live: ReplayServer, platform: str, kind: str = "post") -> str:
    return next(
        p.id for p in live.store.posts.values() if p.platform == platform and p.kind == kind
    )


def _delete(client: httpx.Client, platform: str, post_id: str) -> None:
    response = client.post("/_control/posts/delete", json={"platform": platform, "id": post_id})
    assert response.status_code == 200


def test_mastodon_status(live: ReplayServer, client: httpx.Client) -> None:
    post_id = _one(live, "mastodon")
    page = walk.parsed(client, mastodon.parse_status, f"/api/v1/statuses/{post_id}")
    assert walk.ids(page.posts) == [post_id]
    _delete(client, "mastodon", post_id)
    assert client.get(f"/api/v1/statuses/{post_id}").status_code == 404
    assert client.get("/api/v1/statuses/1").status_code == 404


def test_bluesky_thread_and_posts(live: ReplayServer, client: httpx.Client) -> None:
    uri = _one(live, "bluesky")
    thread = walk.parsed(client, bluesky.parse_thread, "/xrpc/app.bsky.feed.getPostThread",
                         params={"uri": uri})  # fmt: skip
    assert walk.ids(thread.posts) == [uri]
    # The capture URL names the author by handle: at://handle/... works too.
    handle = thread.posts[0].account.handle
    by_handle = uri.replace(thread.posts[0].account.platform_account_id, handle)
    posts = walk.parsed(client, bluesky.parse_posts, "/xrpc/app.bsky.feed.getPosts",
                        params={"uris": by_handle})  # fmt: skip
    assert walk.ids(posts.posts) == [uri]
    _delete(client, "bluesky", uri)
    gone = client.get("/xrpc/app.bsky.feed.getPostThread", params={"uri": uri})
    assert gone.status_code == 400 and gone.json()["error"] == "NotFound"
    assert client.get("/xrpc/app.bsky.feed.getPosts", params={"uris": uri}).json() == {"posts": []}


def test_telegram_embed(live: ReplayServer, client: httpx.Client) -> None:
    post_id = _one(live, "telegram")
    channel, number = post_id.split("/")
    page = walk.parsed(client, telegram.parse_channel_page, f"/{channel}/{number}?embed=1")
    assert walk.ids(page.posts) == [post_id]
    _delete(client, "telegram", post_id)
    response = client.get(f"/{channel}/{number}?embed=1")
    assert response.status_code == 404
    assert telegram.parse_channel_page(response.content).posts == []


def test_x_tweet_and_lookup(live: ReplayServer, client: httpx.Client) -> None:
    tweet = _one(live, "x", "repost")
    page = walk.parsed(client, x.parse_tweets, f"/2/tweets/{tweet}", headers=walk.X_AUTH,
                       params=walk.X_FIELDS)  # fmt: skip
    assert walk.ids(page.posts) == [tweet] and page.posts[0].parent is not None
    _delete(client, "x", tweet)
    assert client.get(f"/2/tweets/{tweet}", headers=walk.X_AUTH).status_code == 404
    other = _one(live, "x")
    lookup = client.get("/2/tweets", params={"ids": f"{other},{tweet}", **walk.X_FIELDS},
                        headers=walk.X_AUTH)  # fmt: skip
    parsed = x.parse_tweets(lookup.content)
    assert walk.ids(parsed.posts) == [other]
    assert [b.reason for b in parsed.bad] == [
        f"API error: Not Found Error: Could not find tweet with ids: [{tweet}]."
    ]


@pytest.mark.parametrize("kind", ["comment", "reply"])
def test_youtube_comment(live: ReplayServer, client: httpx.Client, kind: str) -> None:
    comment = _one(live, "youtube", kind)
    params = {"part": "snippet", "id": comment, "key": "replay-api-key"}
    page = walk.parsed(client, youtube.parse_comments, "/youtube/v3/comments", params=params)
    assert walk.ids(page.posts) == [comment] and page.posts[0].kind == kind
    threads = client.get("/youtube/v3/commentThreads", params=params)
    assert len(youtube.parse_comment_threads(threads.content).posts) == (kind == "comment")
    _delete(client, "youtube", comment)
    assert client.get("/youtube/v3/comments", params=params).status_code == 404
