"""Bluesky parser: real author feed and search, invented feed with facets, reposts, replies."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from crawlers.items import ParseError
from crawlers.parsing import bluesky

REAL = "real/bluesky/"


def test_real_author_feed(fixture: Callable[[str], bytes]) -> None:
    page = bluesky.parse_author_feed(fixture(f"{REAL}real_bskyr_getAuthorFeed_chriskenny_01.json"))
    assert len(page.posts) == 50 and page.bad == []
    assert Counter(p.kind for p in page.posts) == {"reply": 24, "post": 19, "repost": 7}
    assert page.next_cursor == "2024-03-21T23:36:16.378Z"
    first = page.posts[0]
    assert (
        first.platform_post_id
        == "at://did:plc:wpe35pganb6d4pg4ekmfy6u5/app.bsky.feed.post/3lof7sovfok2h"
    )
    assert first.url == "https://bsky.app/profile/chriskenny.bsky.social/post/3lof7sovfok2h"
    assert first.kind == "reply"
    assert first.parent_platform_post_id == (
        "at://did:plc:z4cp3uwgxiioi7uaxn2boq47/app.bsky.feed.post/3lobj4swhjo2x"
    )
    assert first.parent is not None and first.parent.account.handle == "smachlis.bsky.social"
    repost = next(p for p in page.posts if p.kind == "repost")
    assert repost.account.handle == "chriskenny.bsky.social"  # who shared
    assert repost.parent is not None and repost.parent.account.handle == "mickael.canouil.fr"
    assert repost.posted_at == datetime(2025, 4, 25, 18, 43, 12, 48000, tzinfo=UTC)
    assert repost.platform_post_id.endswith("#repostedBy=did:plc:wpe35pganb6d4pg4ekmfy6u5")
    # langs is missing on one record, and its createdAt has microseconds.
    odd = next(p for p in page.posts if p.platform_post_id.endswith("3ku7fkat3gc2s"))
    assert odd.language is None
    assert odd.posted_at == datetime(2024, 6, 5, 21, 1, 56, 189717, tzinfo=UTC)


def test_real_facets_are_character_offsets(fixture: Callable[[str], bytes]) -> None:
    page = bluesky.parse_author_feed(fixture(f"{REAL}real_bskyr_getAuthorFeed_chriskenny_01.json"))
    for post in page.posts:
        for entity in post.entities:
            assert post.text[entity["start"] : entity["end"]] == entity["text"]
    links = [e for p in page.posts for e in p.entities if e["type"] == "link"]
    assert links[0]["value"] == "https://christophertkenny.com/bskyr/news/index.html"
    assert links[0]["text"] == "christophertkenny.com/bskyr/news/i..."


def test_real_search(fixture: Callable[[str], bytes]) -> None:
    page = bluesky.parse_search(fixture(f"{REAL}real_bskyr_searchPosts_redistricting_01.json"))
    assert len(page.posts) == 25
    assert page.next_cursor == "25"  # an offset, as a string
    assert page.newest_cursor == "2025-05-19T17:10:09.561858Z"
    assert page.posts[22].posted_at == datetime(2025, 5, 19, 2, 3, 20, 286393, tzinfo=UTC)
    assert sum(p.language is None for p in page.posts) == 4


def test_invented_feed(fixture: Callable[[str], bytes]) -> None:
    page = bluesky.parse_author_feed(fixture("bluesky/author_feed_id.json"))
    own, repost, reply = page.posts
    assert own.posted_at == datetime(2026, 10, 28, 22, 0, tzinfo=UTC)  # +07:00 normalised
    assert own.language is None
    assert (
        repost.platform_post_id
        == "at://did:plc:laksmiwdemo0000000000000/app.bsky.feed.repost/3mrepost000aa"
    )
    assert (repost.kind, repost.text, repost.account.handle) == (
        "repost",
        "",
        "laksmiw.bsky.social",
    )
    shared = repost.parent
    assert shared is not None and shared.account.handle == "jatimhebat.bsky.social"
    assert shared.media == [
        {"type": "image", "description": "Foto kampanye, pose dua jari", "mime": "image/jpeg"}
    ]
    # Emoji before the hashtag: byte offsets and character offsets differ.
    tag, link = shared.entities
    assert tag == {"type": "tag", "start": 39, "end": 47, "text": "#Rumaya2", "value": "Rumaya2"}
    assert shared.text[tag["start"] : tag["end"]] == "#Rumaya2"
    assert link["value"] == "https://jatimhebat.example/program-kerja"
    assert shared.text[link["start"] : link["end"]] == "jatimhebat.example/prog…"
    assert (reply.kind, reply.parent_platform_post_id) == ("reply", shared.platform_post_id)
    assert reply.parent is not None and reply.parent.text == shared.text
    assert page.bad[0].reason == "post uri is not an at:// URI: 'not-an-at-uri'"


def test_session_and_profile() -> None:
    assert bluesky.parse_session(b'{"accessJwt": "tok", "did": "did:plc:x"}') == "tok"
    with pytest.raises(ParseError, match="no accessJwt"):
        bluesky.parse_session(b'{"did": "did:plc:x"}')
    profile = bluesky.parse_profile(
        b'{"did": "did:plc:abc", "handle": "ujangsaep.bsky.social", "displayName": "Ujang",'
        b' "description": "Lurah. NIP 198212142008011006", "followersCount": 210}'
    ).account
    assert profile is not None
    assert (profile.platform_account_id, profile.followers) == ("did:plc:abc", 210)
    assert profile.url == "https://bsky.app/profile/ujangsaep.bsky.social"


@pytest.mark.parametrize(
    ("parse", "body", "reason"),
    [
        (bluesky.parse_search, b'{"error":"Forbidden","message":"Forbidden"}', "Forbidden"),
        (bluesky.parse_author_feed, b'{"cursor": "x"}', "no 'feed' list"),
        (bluesky.parse_author_feed, b'{"feed": [{"post": {"uri": "at://', "truncated"),
        (bluesky.parse_profile, b'{"handle": "tanpa-did"}', "unusable Bluesky profile"),
        (bluesky.parse_search, b"[]", "expected a JSON object"),
        (
            bluesky.parse_thread,
            b'{"thread": {"$type": "app.bsky.feed.defs#notFoundPost"}}',
            "no post",
        ),
    ],
)
def test_unusable_responses_raise(parse: Callable[..., object], body: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse(body)


def test_plain_text_is_never_treated_as_html() -> None:
    body = (
        b'{"posts": [{"uri": "at://did:plc:a/app.bsky.feed.post/1", "author": {"did": "did:plc:a"},'
        b' "record": {"text": "<script>alert(1)</script> &amp; lanjut"}}]}'
    )
    assert bluesky.parse_search(body).posts[0].text == "<script>alert(1)</script> &amp; lanjut"
