"""YouTube Data API: the real commentThreads response and invented Indonesian threads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from crawlers.items import ParseError
from crawlers.parsing import youtube

REAL = "real/youtube/pyyoutube_comment_threads_comment_threads_by_video_paged_1.json"


def test_real_comment_threads(fixture: Callable[[str], bytes]) -> None:
    page = youtube.parse_comment_threads(fixture(REAL))
    assert len(page.posts) == 5 and page.bad == []
    assert page.next_cursor is not None and page.next_cursor.startswith("QURTSl9pMzdZOUVz")
    first = page.posts[0]
    assert (first.platform_post_id, first.kind) == ("UgyZ1jqkHKYvi1-ruOZ4AaABAg", "comment")
    assert first.text == "Google.com"  # textOriginal, not the HTML textDisplay
    assert first.account.platform_account_id == "UCzj-CjKYmGlZ7vTL-vOe57A"
    assert first.account.display_name == "himani agarwal"
    assert first.url == "https://www.youtube.com/watch?v=F1UP7wRCPH8&lc=UgyZ1jqkHKYvi1-ruOZ4AaABAg"
    assert first.posted_at == datetime(2019, 11, 26, 15, 51, 44, tzinfo=UTC)
    assert page.posts[4].text.startswith("Lot's of good light coming in from here #ChromeDevSummit")
    assert page.posts[4].metrics == {"likes": 0, "replies": 2}


def test_invented_threads_with_replies(fixture: Callable[[str], bytes]) -> None:
    page = youtube.parse_comment_threads(fixture("youtube/threads_id.json"))
    top, reply_plain, reply_html, other = page.posts
    assert top.account.display_name == "Sumiati Rahayu"
    assert top.text == "Mas Rudianto paling siap. Coblos nomor 2 #Rumaya2 & <b>menang</b>"
    assert top.metrics == {"likes": 7, "replies": 2}
    assert (reply_plain.kind, reply_plain.parent_platform_post_id) == (
        "reply",
        "UgzSumiati00000000004AaABAg",
    )
    assert reply_plain.account.handle == "@cakmamat"
    assert reply_html.text == "Baris satu\nbaris dua"  # no textOriginal: textDisplay as text
    assert reply_html.url.endswith("?v=dbtSby2027a&lc=UgzSumiati00000000004AaABAg.AAAreply2")
    assert other.text == "Debatnya seru 😅"
    assert page.newest_cursor == "2026-10-30T12:00:00Z"
    assert page.next_cursor == "QURTSl9pM3RoZW5leHQ="
    assert page.bad[0].reason == "comment has no authorChannelId"


def test_search_result_ids_are_objects(fixture: Callable[[str], bytes]) -> None:
    page = youtube.parse_search(fixture("youtube/search_id.json"))
    video = page.posts[0]
    assert video.platform_post_id == "dbtSby2027a"
    assert video.text == "Debat Publik Pilwalkot Surabaya 2027 'Sesi 1'\n\nSiaran ulang debat."
    assert video.account.platform_account_id == "UCkabarsuroboyotv0000001"
    assert page.bad[0].reason == "search result id is not an object: 'dbtSby2027a'"
    assert page.next_cursor == "CAUQAA"


def test_comments_list() -> None:
    body = (
        b'{"kind": "youtube#commentListResponse", "items": [{"id": "Ugz1.r", "snippet": {'
        b'"parentId": "Ugz1", "textOriginal": "balas", "authorChannelId": {"value": "UCa"},'
        b' "publishedAt": "2026-11-01T00:00:00Z"}}]}'
    )
    post = youtube.parse_comments(body).posts[0]
    assert (post.kind, post.parent_platform_post_id, post.url) == (
        "reply",
        "Ugz1",
        "https://www.youtube.com/watch?lc=Ugz1.r",
    )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"error": {"code": 403, "message": "The request is missing a valid API key.",'
         b' "errors": [{"reason": "forbidden"}]}}', "403 \\(forbidden\\)"),
        (b'{"kind": "youtube#videoListResponse", "items": []}', "expected youtube#commentThread"),
        (b'{"kind": "youtube#commentThreadListResponse"}', "'items' list"),
        (b'{"kind": "youtube#commentThreadListResponse", "items": [{"id"', "truncated"),
    ],
)  # fmt: skip
def test_unusable_responses_raise(body: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        youtube.parse_comment_threads(body)
