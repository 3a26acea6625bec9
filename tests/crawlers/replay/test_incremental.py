"""Incremental parameters: a second run asks only for what is new, and gets only that."""

from __future__ import annotations

import httpx
import replay_walk as walk

from crawlers.parsing import bluesky, mastodon, telegram, x, youtube


def _add(client: httpx.Client, platform: str, account: str, count: int) -> list[str]:
    made = client.post(
        "/_control/posts/add", json={"platform": platform, "account": account, "count": count}
    )
    assert made.status_code == 201
    return [row["id"] for row in made.json()]


def test_mastodon_since_id_and_min_id(client: httpx.Client) -> None:
    first_run = walk.mastodon_account(client, "kabar_sby")
    newest = max(walk.ids(first_run), key=mastodon.id_order)
    account_id = first_run[0].account.platform_account_id
    base = f"/api/v1/accounts/{account_id}/statuses"
    assert walk.parsed(client, mastodon.parse_statuses, f"{base}?since_id={newest}").posts == []
    new = _add(client, "mastodon", "kabar_sby", 5)
    since = walk.parsed(client, mastodon.parse_statuses, f"{base}?since_id={newest}&limit=40")
    assert walk.ids(since.posts) == new[::-1]  # newest first
    assert since.newest_cursor == new[-1]
    # min_id pages forward from the old newest, oldest page first, each page newest first.
    page = walk.parsed(client, mastodon.parse_statuses, f"{base}?min_id={newest}&limit=2")
    assert walk.ids(page.posts) == [new[1], new[0]]
    link = client.get(f"{base}?min_id={newest}&limit=2").headers["link"]
    assert f"min_id={new[1]}" in link and f"max_id={new[0]}" in link
    older = walk.parsed(client, mastodon.parse_statuses, f"{base}?max_id={new[0]}&limit=40")
    assert set(walk.ids(older.posts)) == set(walk.ids(first_run))


def test_telegram_after(client: httpx.Client) -> None:
    first = walk.parsed(client, telegram.parse_channel_page, "/s/info_bandung_juara")
    assert first.newest_cursor is not None
    new = _add(client, "telegram", "info_bandung_juara", 3)
    after = walk.parsed(
        client, telegram.parse_channel_page, f"/s/info_bandung_juara?after={first.newest_cursor}"
    )
    assert walk.ids(after.posts) == new  # oldest first, as the preview shows them


def test_x_since_id(client: httpx.Client) -> None:
    first = walk.x_search(client, "from:jatimpos_demo")
    newest = max(walk.ids(first), key=int)
    assert walk.x_search(client, "from:jatimpos_demo", since_id=newest) == []
    new = _add(client, "x", "jatimpos_demo", 12)
    found = walk.x_search(client, "from:jatimpos_demo", since_id=newest)
    assert walk.ids(found) == new[::-1]
    response = client.get(
        "/2/tweets/search/recent",
        params={"query": "from:jatimpos_demo", "since_id": newest, "max_results": 10},
        headers=walk.X_AUTH,
    )
    assert x.parse_tweets(response.content).newest_cursor == new[-1]


def test_bluesky_search_since(client: httpx.Client) -> None:
    token = walk.bluesky_token(client)
    before = walk.bluesky_search(client, "terbaru")
    assert before == []
    _add(client, "bluesky", "warta-priangan.bsky.social", 2)
    client.post(
        "/_control/posts/add",
        json={"platform": "bluesky", "account": "teh-euis.bsky.social", "text": "Info terbaru!"},
    )
    found = walk.bluesky_search(client, "terbaru")
    assert len(found) == 1 and found[0].account.handle == "teh-euis.bsky.social"
    later = client.get(
        "/xrpc/app.bsky.feed.searchPosts",
        params={"q": "terbaru", "since": found[0].posted_at.isoformat()},  # type: ignore[union-attr]
        headers={"Authorization": f"Bearer {token}"},
    )
    assert bluesky.parse_search(later.content).posts == []  # since is exclusive


def test_rss_etag_and_if_modified_since(client: httpx.Client) -> None:
    first = client.get("/feeds/jatim-terkini.xml")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert (
        client.get("/feeds/jatim-terkini.xml", headers={"If-None-Match": etag}).status_code == 304
    )
    unchanged = client.get("/feeds/jatim-terkini.xml", headers={"If-Modified-Since": modified})
    assert unchanged.status_code == 304 and unchanged.content == b""
    _add(client, "rss", "jatim-terkini", 1)
    changed = client.get("/feeds/jatim-terkini.xml", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_youtube_new_comment_comes_first(client: httpx.Client) -> None:
    new = _add(client, "youtube", "UCdewiang000000000000a04", 1)
    page = walk.parsed(
        client,
        youtube.parse_comment_threads,
        "/youtube/v3/commentThreads",
        params={**walk.YT, "allThreadsRelatedToChannelId": "UCkabarsuroboyotv0000001"},
    )
    assert page.posts[0].platform_post_id == new[0]
