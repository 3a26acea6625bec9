"""Control endpoints: edit, delete, add, reset, the request log, the sources rows."""

from __future__ import annotations

import httpx
import pytest
import replay_walk as walk

from crawlers.parsing import mastodon, rss, telegram
from crawlers.replay import ReplayServer


def _first_post(client: httpx.Client, handle: str = "wahyu_sp") -> str:
    posts = walk.mastodon_account(client, handle, limit=40)
    return next(p.platform_post_id for p in posts if p.kind == "post")


def test_edit_changes_text_and_marks_the_edit(client: httpx.Client) -> None:
    post_id = _first_post(client)
    response = client.post(
        "/_control/posts/edit",
        json={"platform": "mastodon", "id": post_id, "text": "Teks sudah diubah #Hendi2"},
    )
    assert response.status_code == 200 and response.json()["edited"] is True
    status = client.get(f"/api/v1/statuses/{post_id}").json()
    assert status["edited_at"] is not None
    page = mastodon.parse_status(client.get(f"/api/v1/statuses/{post_id}").content)
    assert page.posts[0].text == "Teks sudah diubah #Hendi2"


def test_delete_removes_from_listings_and_single_post(client: httpx.Client) -> None:
    post_id = _first_post(client)
    client.post("/_control/posts/delete", json={"platform": "mastodon", "id": post_id})
    assert post_id not in walk.ids(walk.mastodon_account(client, "wahyu_sp"))
    assert client.get(f"/api/v1/statuses/{post_id}").status_code == 404
    listed = client.get("/_control/posts", params={"platform": "mastodon", "deleted": "1"}).json()
    assert any(r["id"] == post_id and r["deleted"] for r in listed)


@pytest.mark.parametrize(
    ("platform", "account"),
    [("mastodon", "kabar_sby"), ("bluesky", "warta-priangan.bsky.social"),
     ("telegram", "infopemkot_sby"), ("rss", "kabar-suroboyo"), ("x", "jatimpos_demo"),
     ("youtube", "UCcakmamat00000000000a03")],
)  # fmt: skip
def test_added_posts_are_the_newest(client: httpx.Client, platform: str, account: str) -> None:
    made = client.post(
        "/_control/posts/add",
        json={"platform": platform, "account": account, "count": 2, "text": "Kabar terbaru 🆕"},
    )
    assert made.status_code == 201
    new_ids = [row["id"] for row in made.json()]
    assert len(set(new_ids)) == 2
    everything = client.get("/_control/posts", params={"platform": platform}).json()
    newest = sorted(everything, key=lambda r: r["created_at"])[-2:]
    assert [r["id"] for r in newest] == new_ids


def test_reset_restores_the_sample(client: httpx.Client, live: ReplayServer) -> None:
    before = len(client.get("/_control/posts").json())
    client.post("/_control/posts/add", json={"platform": "x", "account": "mbak_rara", "count": 3})
    assert len(client.get("/_control/posts").json()) == before + 3
    client.post("/_control/reset")
    assert len(client.get("/_control/posts").json()) == before
    assert client.get("/_control/health").json() == {"ok": True, "posts": before, "scale": None}


def test_request_log(client: httpx.Client) -> None:
    client.post("/_control/requests/clear")
    client.get("/s/infopemkot_sby", headers={"User-Agent": "Pantau-test"})
    client.get("/2/tweets/search/recent", params={"query": "a"}, headers=walk.X_AUTH)
    client.get("/feeds/kabar-suroboyo.xml", headers={"If-None-Match": '"abc"'})
    log = client.get("/_control/requests").json()
    assert [(r["path"], r["status"]) for r in log] == [
        ("/s/infopemkot_sby", 200),
        ("/2/tweets/search/recent", 200),
        ("/feeds/kabar-suroboyo.xml", 200),
    ]
    assert log[0]["user_agent"] == "Pantau-test" and not log[0]["authorization"]
    assert log[1]["authorization"] and log[1]["query"] == {"query": "a"}
    assert log[2]["if_none_match"] == '"abc"'
    assert client.get("/_control/requests", params={"since": log[1]["n"]}).json() == log[2:]
    assert client.get("/_control/requests", params={"path": "/s/"}).json() == log[:1]


def test_sources_point_at_the_server(client: httpx.Client, live: ReplayServer) -> None:
    rows = client.get("/_control/sources").json()
    assert rows == live.sources()
    platforms = {r["platform"] for r in rows}
    assert platforms == {"mastodon", "bluesky", "telegram", "rss", "x", "youtube"}
    mastodon_rows = [r for r in rows if r["platform"] == "mastodon"]
    assert all(r["config"]["instance"] == live.url for r in mastodon_rows)
    feeds = next(r for r in rows if r["platform"] == "rss")["config"]["feeds"]
    for url in feeds:
        assert url.startswith(live.url + "/feeds/")
        assert rss.parse_feed(client.get(url).content).posts
    assert "{base_url}" not in str(rows)


def test_sources_validate_with_the_crawler_rules(client: httpx.Client) -> None:
    from crawlers.sources import validate_config

    for row in client.get("/_control/sources").json():
        assert validate_config(row["platform"], row["config"])


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/_control/posts/edit", {"platform": "mastodon", "id": "1", "text": "x"}),
        ("/_control/posts/delete", {"platform": "x"}),
        ("/_control/posts/add", {"platform": "x", "account": "tidak_ada"}),
        ("/_control/posts/add", "bukan objek"),
    ],
)
def test_bad_control_requests_get_400(client: httpx.Client, path: str, body: object) -> None:
    response = client.post(path, json=body)
    assert response.status_code == 400 and response.json()["error"]


def test_unknown_paths_and_methods(client: httpx.Client) -> None:
    assert client.get("/tidak/ada/apa-apa").status_code == 404
    assert client.post("/s/infopemkot_sby").status_code == 405


def test_telegram_robots_and_disabled_preview(client: httpx.Client) -> None:
    robots = client.get("/robots.txt")
    assert "Disallow: /s/larangan_robot" in robots.text
    redirect = client.get("/s/kanal_tertutup")
    assert (redirect.status_code, redirect.headers["location"]) == (302, "/kanal_tertutup")
    landing = client.get("/s/kanal_tertutup", follow_redirects=True)
    assert telegram.is_preview_disabled(landing.content, str(landing.url))
