"""X API v2: the real tweepy search response and an invented Indonesian one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from crawlers.items import ParseError
from crawlers.parsing import x

REAL = "real/x/tweepy_test_client_search_recent_tweets_01.json"


def test_real_search_without_expansions_quarantines_authorless_tweets(
    fixture: Callable[[str], bytes],
) -> None:
    page = x.parse_tweets(
        fixture(REAL), url="https://api.twitter.com/2/tweets/search/recent?query=Tweepy"
    )
    assert page.posts == [] and len(page.bad) == 10
    assert page.bad[0].reason == "tweet has no author_id (request it with expansions=author_id)"
    assert b'"id": "1578516068309794817"' in page.bad[0].raw
    assert page.next_cursor == "b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul"
    assert page.newest_cursor == "1578516068309794817"


def test_real_tweets_on_a_user_timeline_take_the_author_from_the_url(
    fixture: Callable[[str], bytes],
) -> None:
    page = x.parse_tweets(fixture(REAL), url="https://api.twitter.com/2/users/2244994945/tweets")
    assert len(page.posts) == 10 and page.bad == []
    first = page.posts[0]
    assert first.account.platform_account_id == "2244994945"
    assert first.text == "2022-10-07 22:42:12.637103 tweepy"
    assert first.url == "https://x.com/i/web/status/1578516068309794817"
    # No created_at requested: the snowflake id carries the time.
    assert first.posted_at == datetime(2022, 10, 7, 22, 42, 12, 752000, tzinfo=UTC)


def test_invented_search(fixture: Callable[[str], bytes]) -> None:
    page = x.parse_tweets(fixture("x/search_id.json"))
    retweet, reply, quote = page.posts
    assert page.next_cursor == "b26v89c19zqg8o3fo7gesq314yb9l2l4ptqy"
    assert page.newest_cursor == "2123432229097964065"
    assert retweet.account.handle == "bambang_th"
    assert retweet.account.bio == "Kabid Mutasi BKD Jatim | PNS & ayah"
    assert retweet.account.followers == 870
    assert (retweet.kind, retweet.language) == ("repost", "id")  # X says "in"
    assert retweet.url == "https://x.com/bambang_th/status/2123432229097964065"
    shared = retweet.parent
    assert shared is not None and shared.account.handle == "relawanbaret"
    assert shared.text == "Program Cak Bagas soal sekolah gratis mantul & nyata 🔥 #BaretMenang"
    assert shared.entities == [
        {"type": "tag", "start": 61, "end": 73, "text": "#BaretMenang", "value": "BaretMenang"}
    ]
    assert (reply.kind, reply.parent_platform_post_id) == ("reply", "2120000000000000001")
    assert reply.posted_at == datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
    assert (quote.kind, quote.language, quote.text) == (
        "repost",
        None,
        "Nah ini 👇 <3 https://t.co/abc",
    )
    assert quote.entities[0]["value"] == "https://x.com/relawanbaret/status/2120000000000000001"
    reasons = [b.reason for b in page.bad]
    assert reasons == [
        "missing field 'id'",
        "API error: Not Found Error: Could not find tweet with referenced_tweets.id: "
        "[2119999999999999999].",
    ]


def test_user(fixture: Callable[[str], bytes]) -> None:
    account = x.parse_user(fixture("x/user_id.json")).account
    assert account is not None
    assert (account.platform_account_id, account.handle) == ("100269733544394285", "bambang_th")
    with pytest.raises(ParseError, match="Could not find user"):
        x.parse_user(
            b'{"errors": [{"title": "Not Found Error", "detail": "Could not find user with '
            b'username: [siapa]."}]}'
        )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"title": "Unauthorized", "type": "about:blank", "status": 401,'
         b' "detail": "Unauthorized"}', "Unauthorized"),
        (b'{"title": "Too Many Requests", "detail": "Too Many Requests", "status": 429}',
         "Too Many"),
        (b'{"data": [{"id": "1", "text": "terpo', "truncated"),
        (b'{"data": "nope"}', "neither a list"),
        (b'{"hello": 1}', "not an X API v2"),
        (b"<html>Over capacity</html>", "got HTML"),
    ],
)  # fmt: skip
def test_unusable_responses_raise(body: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        x.parse_tweets(body)


def test_empty_page_and_single_tweet() -> None:
    page = x.parse_tweets(b'{"meta": {"result_count": 0}}')
    assert page.posts == [] and page.next_cursor is None and page.newest_cursor is None
    single = x.parse_tweets(
        b'{"data": {"id": "2123432229097964065", "text": "hai", "author_id": "7"},'
        b' "includes": {"users": [{"id": "7", "username": "u", "name": "U"}]}}'
    )
    assert single.posts[0].account.handle == "u"


@pytest.mark.parametrize(
    ("code", "expected"), [("in", "id"), ("und", None), ("qht", None), ("jv", "jv")]
)
def test_language_codes(code: str, expected: str | None) -> None:
    assert x.language(code) == expected
