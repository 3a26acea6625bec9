"""Endpoints that need credentials refuse requests without them, as the platforms do."""

from __future__ import annotations

import httpx
import pytest
import replay_walk as walk

from crawlers.items import ParseError
from crawlers.parsing import bluesky, youtube

SEARCH = "/xrpc/app.bsky.feed.searchPosts"


def test_bluesky_search_needs_a_session(client: httpx.Client) -> None:
    assert client.get(SEARCH, params={"q": "nomor"}).status_code == 403
    bad = client.get(SEARCH, params={"q": "nomor"}, headers={"Authorization": "Bearer palsu"})
    assert bad.status_code == 401
    token = walk.bluesky_token(client)
    good = client.get(SEARCH, params={"q": "nomor"}, headers={"Authorization": f"Bearer {token}"})
    assert good.status_code == 200 and bluesky.parse_search(good.content).posts


def test_bluesky_session_refuses_a_wrong_password(client: httpx.Client) -> None:
    response = client.post(
        "/xrpc/com.atproto.server.createSession",
        json={"identifier": "pantau.bsky.social", "password": "salah"},
    )
    assert response.status_code == 401
    with pytest.raises(ParseError, match="AuthenticationRequired"):
        bluesky.parse_session(response.content)


def test_public_bluesky_endpoints_need_no_login(client: httpx.Client) -> None:
    params = {"actor": "laksmiw.bsky.social"}
    assert client.get("/xrpc/app.bsky.actor.getProfile", params=params).status_code == 200
    assert client.get("/xrpc/app.bsky.feed.getAuthorFeed", params=params).status_code == 200


@pytest.mark.parametrize(
    "path", ["/2/tweets/search/recent?query=a", "/2/users/by/username/bambang_th", "/2/tweets/1"]
)
def test_x_needs_the_bearer_token(client: httpx.Client, path: str) -> None:
    assert client.get(path).status_code == 401
    assert client.get(path, headers={"Authorization": "Bearer salah"}).status_code == 401


def test_youtube_needs_the_api_key(client: httpx.Client) -> None:
    params = {"part": "snippet", "videoId": "dbtSby2027a"}
    missing = client.get("/youtube/v3/commentThreads", params=params)
    assert missing.status_code == 403
    with pytest.raises(ParseError, match="403"):
        youtube.parse_comment_threads(missing.content)
    wrong = client.get("/youtube/v3/commentThreads", params={**params, "key": "salah"})
    assert wrong.status_code == 400
    by_header = client.get(
        "/youtube/v3/commentThreads", params=params, headers={"X-Goog-Api-Key": "replay-api-key"}
    )
    assert by_header.status_code == 200
