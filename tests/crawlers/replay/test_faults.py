"""Faults injected through the control API hit the next N matching requests, then stop."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest
import replay_walk as walk

from crawlers.items import MAX_TEXT_CHARS, Page, ParseError
from crawlers.parsing import bluesky, mastodon, rss, telegram, x, youtube
from crawlers.replay import ReplayServer

STATUSES = "/api/v1/timelines/tag/hendi2?limit=20"


def _fault(client: httpx.Client, path: str, kind: str, **options: object) -> dict[str, object]:
    response = client.post("/_control/faults", json={"path": path, "kind": kind, **options})
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_429_with_retry_after_then_recovers(client: httpx.Client) -> None:
    _fault(client, "/api/v1/timelines/", "429", count=2, seconds=3)
    first, second, third = (client.get(STATUSES) for _ in range(3))
    assert (first.status_code, second.status_code, third.status_code) == (429, 429, 200)
    assert first.headers["retry-after"] == "3"
    assert client.get("/_control/faults").json() == []


@pytest.mark.parametrize(
    ("path", "header"),
    [
        (STATUSES, "x-ratelimit-reset"),  # Mastodon: an ISO time
        ("/2/tweets/search/recent?query=a", "x-rate-limit-reset"),  # X: epoch seconds
        ("/xrpc/app.bsky.actor.getProfile?actor=laksmiw.bsky.social", "ratelimit-reset"),
    ],
)
def test_429_with_the_platforms_reset_header(client: httpx.Client, path: str, header: str) -> None:
    _fault(client, path.split("?")[0], "429-reset", seconds=30)
    response = client.get(path, headers=walk.X_AUTH)
    assert response.status_code == 429
    value = response.headers[header]
    now = datetime.now(UTC).timestamp()
    reset = datetime.fromisoformat(value).timestamp() if "T" in value else float(value)
    assert now + 20 < reset < now + 40


@pytest.mark.parametrize(("kind", "status"), [("500", 500), ("503", 503)])
def test_server_errors(client: httpx.Client, kind: str, status: int) -> None:
    _fault(client, "/s/", kind)
    assert client.get("/s/infopemkot_sby").status_code == status
    assert client.get("/s/infopemkot_sby").status_code == 200


def test_any_status_and_prefix_matching(client: httpx.Client) -> None:
    _fault(client, "/feeds/warta", "status", status=410)
    assert client.get("/feeds/kabar-suroboyo.xml").status_code == 200  # other prefix: untouched
    assert client.get("/feeds/warta-priangan.xml").status_code == 410


def test_slow_response(client: httpx.Client) -> None:
    _fault(client, "/api/v1/", "slow", seconds=0.4)
    started = time.monotonic()
    assert client.get(STATUSES).status_code == 200
    assert time.monotonic() - started >= 0.4


def test_truncated_body_is_a_parse_error(client: httpx.Client) -> None:
    _fault(client, "/api/v1/", "truncate")
    response = client.get(STATUSES)
    assert response.status_code == 200
    with pytest.raises(ParseError, match="truncated"):
        mastodon.parse_statuses(response.content)


def test_disconnect_mid_body(client: httpx.Client) -> None:
    _fault(client, "/api/v1/", "disconnect")
    with pytest.raises(httpx.HTTPError):
        client.get(STATUSES)
    assert client.get(STATUSES).status_code == 200


def test_html_instead_of_json(client: httpx.Client) -> None:
    _fault(client, "/xrpc/", "html")
    response = client.get(
        "/xrpc/app.bsky.feed.getAuthorFeed", params={"actor": "laksmiw.bsky.social"}
    )
    assert response.headers["content-type"].startswith("text/html")
    with pytest.raises(ParseError, match="got HTML"):
        bluesky.parse_author_feed(response.content)


REQUESTS: list[tuple[str, dict[str, object], Callable[..., Page]]] = [
    (STATUSES, {}, mastodon.parse_statuses),
    ("/xrpc/app.bsky.feed.getAuthorFeed?actor=jatimhebat.bsky.social", {},
     bluesky.parse_author_feed),
    ("/s/kabar_jatim_terkini", {}, telegram.parse_channel_page),
    ("/feeds/kabar-suroboyo.xml", {}, rss.parse_feed),
    ("/2/tweets/search/recent?query=nomor&max_results=20&expansions=author_id",
     {"headers": walk.X_AUTH}, x.parse_tweets),
    ("/youtube/v3/commentThreads?videoId=dbtSby2027a&part=snippet&key=replay-api-key",
     {}, youtube.parse_comment_threads),
]  # fmt: skip


@pytest.mark.parametrize(("path", "options", "parse"), REQUESTS)
def test_malformed_record_inside_a_good_page(
    client: httpx.Client, path: str, options: dict[str, object], parse: Callable[..., Page]
) -> None:
    clean = parse(client.get(path, **options).content)
    _fault(client, path.split("?")[0], "malformed")
    page = parse(client.get(path, **options).content)
    assert len(page.bad) == 1, [b.reason for b in page.bad]
    assert len(page.posts) == len(clean.posts) - (0 if path.startswith("/feeds/") else 1)


@pytest.mark.parametrize(("path", "options", "parse"), REQUESTS)
def test_invalid_utf8_inside_a_record(
    client: httpx.Client, path: str, options: dict[str, object], parse: Callable[..., Page]
) -> None:
    _fault(client, path.split("?")[0], "invalid-utf8")
    body = client.get(path, **options).content
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    page = parse(body)
    assert page.bad == []
    assert any("\ufffd" in p.text for p in page.posts)


@pytest.mark.parametrize(("path", "options", "parse"), REQUESTS)
def test_ten_megabyte_record(
    client: httpx.Client, path: str, options: dict[str, object], parse: Callable[..., Page]
) -> None:
    clean = parse(client.get(path, **options).content)
    _fault(client, path.split("?")[0], "huge")
    response = client.get(path, **options)
    assert len(response.content) > 10_000_000
    page = parse(response.content)
    assert [b.reason.split(":")[0] for b in page.bad] == ["text too long"], page.bad[:1]
    assert len(page.bad[0].raw) > MAX_TEXT_CHARS
    assert len(page.posts) == len(clean.posts) - 1


def test_faults_are_counted_and_cleared(client: httpx.Client, live: ReplayServer) -> None:
    live.fault("/s/", "500", count=5)
    assert client.get("/s/infopemkot_sby").status_code == 500
    assert client.get("/_control/faults").json()[0]["count"] == 4
    assert client.post("/_control/faults/clear").status_code == 200
    assert client.get("/s/infopemkot_sby").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"path": "/s/", "kind": "meteor"},
        {"path": "/s/"},
        {"path": "/s/", "kind": "500", "count": 0},
    ],
)
def test_bad_fault_requests_are_refused(client: httpx.Client, body: dict[str, object]) -> None:
    response = client.post("/_control/faults", json=body)
    assert response.status_code == 400 and response.json()["error"]
