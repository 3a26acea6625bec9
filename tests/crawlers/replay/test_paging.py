"""Paging through every replay listing reaches each post exactly once, through our parsers."""

from __future__ import annotations

import httpx
import pytest
import replay_walk as walk

from crawlers.replay import ReplayServer


def _accounts(server: ReplayServer, platform: str) -> list[str]:
    return [a.handle for a in server.store.accounts.values() if a.platform == platform]


def _once(found: list[str], wanted: set[str]) -> None:
    assert len(found) == len(set(found)), "a post came twice"
    assert set(found) == wanted


def test_sample_set_is_big_enough(live: ReplayServer) -> None:
    assert len(live.store.posts) >= 400
    assert {p.platform for p in live.store.posts.values()} == {
        "mastodon", "bluesky", "telegram", "rss", "x", "youtube"
    }  # fmt: skip


def test_mastodon_accounts_and_tags(live: ReplayServer, client: httpx.Client) -> None:
    for handle in _accounts(live, "mastodon"):
        _once(
            walk.ids(walk.mastodon_account(client, handle)),
            walk.expected(client, "mastodon", handle),
        )
    tagged = {
        p.id for p in live.store.posts.values()
        if p.platform == "mastodon" and "hendi2" in p.tags and p.kind != "repost"
    }  # fmt: skip
    assert len(tagged) > 10
    _once(walk.ids(walk.mastodon_tag(client, "Hendi2")), tagged)


def test_mastodon_boosts_carry_the_boosted_post(client: httpx.Client) -> None:
    posts = walk.mastodon_account(client, "wahyu_sp", limit=40)
    boosts = [p for p in posts if p.kind == "repost"]
    assert boosts, "the sample has ASN boosts of campaign posts"
    for boost in boosts:
        assert boost.parent is not None and boost.text == ""
        assert boost.parent.platform_post_id == boost.parent_platform_post_id
        assert boost.parent.account.handle != boost.account.handle


def test_bluesky_feeds_and_search(live: ReplayServer, client: httpx.Client) -> None:
    for handle in _accounts(live, "bluesky"):
        _once(walk.ids(walk.bluesky_feed(client, handle)), walk.expected(client, "bluesky", handle))
    hits = {
        p.id for p in live.store.posts.values()
        if p.platform == "bluesky" and p.kind != "repost" and "nomor" in p.text.lower()
    }  # fmt: skip
    assert len(hits) > 5
    _once(walk.ids(walk.bluesky_search(client, "nomor", limit=3)), hits)


def test_telegram_channels_page_with_before(live: ReplayServer, client: httpx.Client) -> None:
    for account in live.store.accounts.values():
        if account.platform == "telegram" and account.extra.get("preview", True):
            found = walk.ids(walk.telegram_channel(client, account.handle))
            _once(found, walk.expected(client, "telegram", account.id))
    assert len(walk.telegram_channel(client, "kabar_jatim_terkini")) > 20  # more than one page


def test_feeds(live: ReplayServer, client: httpx.Client) -> None:
    for account in live.store.accounts.values():
        if account.platform == "rss":
            wanted = {
                i if ":" in i else f"{account.extra['site']}#{i}"
                for i in walk.expected(client, "rss", account.id)
            }
            _once(walk.ids(walk.feed(client, account.handle)), wanted)


def test_x_timelines_and_search(live: ReplayServer, client: httpx.Client) -> None:
    for handle in _accounts(live, "x"):
        _once(walk.ids(walk.x_user(client, handle)), walk.expected(client, "x", handle))
    found = walk.x_search(client, "#BaretMenang", limit=10)
    assert len(found) > 10
    assert all("#baretmenang" in (p.parent or p).text.lower() for p in found)


@pytest.mark.parametrize("target", ["videoId", "allThreadsRelatedToChannelId"])
def test_youtube_threads(live: ReplayServer, client: httpx.Client, target: str) -> None:
    store = live.store
    owners = [a for a in store.accounts.values() if a.extra.get("videos")]
    for owner in owners:
        keys = [v[0] for v in owner.extra["videos"]] if target == "videoId" else [owner.id]
        for key in keys:
            comments = {
                p.id for p in store.posts.values()
                if p.platform == "youtube" and p.kind == "comment"
                and (p.extra["video"] == key or store.video_owner(p.extra["video"]) == key)
            }  # fmt: skip
            replies = {r.id for c in comments for r in store.replies_to("youtube", c)}
            _once(walk.ids(walk.youtube_threads(client, **{target: key})), comments | replies)
