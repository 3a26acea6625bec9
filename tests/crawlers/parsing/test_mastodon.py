"""Mastodon parser on real recorded responses and on invented Indonesian ones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from crawlers.items import MAX_TEXT_CHARS, ParseError
from crawlers.parsing import mastodon

REAL = "real/mastodon/"


def test_real_account_statuses(
    fixture: Callable[[str], bytes], meta_headers: Callable[[str], dict[str, str]]
) -> None:
    name = "real_fosstodon_account_statuses_01"
    page = mastodon.parse_statuses(
        fixture(f"{REAL}{name}.json"),
        url="https://fosstodon.org/…",
        headers=meta_headers(f"{REAL}{name}.meta.json"),
    )
    assert len(page.posts) == 20 and page.bad == []
    assert page.next_cursor == (
        "https://fosstodon.org/api/v1/accounts/109302436954721982/statuses"
        "?exclude_reblogs=FALSE&limit=20&max_id=113191408914362368"
    )
    assert page.newest_cursor == "114739545367952761"
    first = page.posts[0]
    assert first.platform_post_id == "114739545367952761"
    assert first.posted_at == datetime(2025, 6, 24, 17, 35, 19, 898000, tzinfo=UTC)
    assert first.account.platform_account_id == "109302436954721982"
    assert first.account.handle == "schochastics@fosstodon.org"
    assert first.text.startswith('@petejones I am not too familiar with "domain law"')
    replies = [p for p in page.posts if p.kind == "reply"]
    assert len(replies) == 8
    assert replies[0].parent_platform_post_id == "113758013821835772"
    # Mastodon hides URL parts in <span class="invisible">; the text keeps the whole URL.
    assert "r-consortium-awards-first-round-of-2025-isc-grants/#bridging" in page.posts[2].text


def test_real_tag_timeline(
    fixture: Callable[[str], bytes], meta_headers: Callable[[str], dict[str, str]]
) -> None:
    name = "real_mastodonsocial_tag_ichbinhanna_01"
    page = mastodon.parse_statuses(
        fixture(f"{REAL}{name}.json"), headers=meta_headers(f"{REAL}{name}.meta.json")
    )
    assert len(page.posts) == 40
    assert page.next_cursor is not None and page.next_cursor.endswith(
        "max_id=114630169307317488&only_media=FALSE"
    )
    assert page.posts[0].account.handle == "laborjournal@mstdn.science"
    assert page.posts[0].text.startswith("Unser Heft 7-8/2025 ist raus!\n\nWie jeden Sommer")
    assert page.posts[0].media[0]["type"] == "image"
    no_language = [p for p in page.posts if p.language is None]
    assert [p.platform_post_id for p in no_language] == ["114634955575313666"]


def test_real_account(fixture: Callable[[str], bytes]) -> None:
    account = mastodon.parse_account(fixture(f"{REAL}real_fosstodon_account_01.json")).account
    assert account is not None
    assert account.platform_account_id == "109302436954721982"
    assert account.followers == 1036
    assert account.bio.splitlines() == [
        "Data Scientist/DevOps Engineer at cynkra | #Rstats enthusiast",
        "Personal Webpage: https://www.mr.schochastics.net/",
        "Github: https://github.com/schochastics",
        "Side project: http://worldclubratings.com",
    ]


def test_invented_boost_reply_and_xss(fixture: Callable[[str], bytes]) -> None:
    page = mastodon.parse_statuses(fixture("mastodon/statuses_id.json"))
    boost, reply, xss = page.posts
    assert page.next_cursor is None  # no Link header: the last page
    assert page.newest_cursor == "113500000000000300"
    assert (boost.kind, boost.text, boost.account.handle) == (
        "repost",
        "",
        "wahyu_sp@sosmed.example",
    )
    assert boost.url == "https://sosmed.example/users/wahyu_sp/statuses/113500000000000300/activity"
    assert boost.parent is not None and boost.parent_platform_post_id == "113500000000000100"
    assert (
        boost.parent.text == "Salam dua jari ✌️ buat Cak Hendrik - Bu Dian!\nCoblos nomor 2 #Hendi2"
    )
    assert boost.parent.account.handle == "relawan_hendi@kampanye.example"
    assert boost.parent.media[0]["description"] == "Foto bersama, pose dua jari"
    assert (
        boost.account.bio
        == "Guru SMP. ASN Dinas Pendidikan Kota Surabaya 🍲\nNIP: 198503122010011003"
    )
    assert (reply.kind, reply.parent_platform_post_id, reply.language) == (
        "reply",
        "113500000000000150",
        "jv",
    )
    assert reply.posted_at == datetime(2026, 10, 25, 9, 30, 0, 500000, tzinfo=UTC)
    # Escaped markup is the author's text: it comes through as text, not sanitised away.
    assert xss.text == (
        'Konten sensitif\n\n<script>alert("xss")</script> & <b>tebal</b>\n\nParagraf kedua'
    )


def test_single_status_and_api_error() -> None:
    body = (
        b'{"id": "5", "created_at": null, "content": "<p>hai</p>",'
        b' "account": {"id": "9", "acct": "a"}}'
    )
    page = mastodon.parse_status(body)
    assert [p.platform_post_id for p in page.posts] == ["5"]
    assert page.posts[0].posted_at is None
    with pytest.raises(ParseError, match="Record not found"):
        mastodon.parse_status(b'{"error": "Record not found"}')


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'[{"id": "1", "content": "<p>terpo', "truncated or invalid"),
        (b"<html><body>502 Bad Gateway</body></html>", "got HTML"),
        (b'{"statuses": []}', "expected a JSON array"),
        (b'{"error": "This action is not allowed"}', "not allowed"),
    ],
)
def test_unusable_responses_raise(body: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        mastodon.parse_statuses(body)


def test_bad_records_are_kept_apart_with_their_bytes() -> None:
    huge = "x" * (MAX_TEXT_CHARS + 1)
    body = (
        b'[{"id": "3", "content": "<p>ok</p>", "account": {"id": "9", "acct": "a"}},'
        b' {"id": "2", "content": "tanpa akun"},'
        b' {"id": "1", "content": "' + huge.encode() + b'", "account": {"id": "9", "acct": "a"}},'
        b' "bukan objek"]'
    )
    page = mastodon.parse_statuses(body, url="http://replay/x")
    assert [p.platform_post_id for p in page.posts] == ["3"]
    reasons = [b.reason for b in page.bad]
    assert reasons[0] == "missing field 'account'"
    assert reasons[1].startswith(f"text too long: {MAX_TEXT_CHARS + 1} characters")
    assert "expected an object" in reasons[2]
    assert page.bad[0].raw == b'{"id": "2", "content": "tanpa akun"}'
    assert page.bad[1].url == "http://replay/x"
    assert len(page.bad[1].raw) > MAX_TEXT_CHARS


def test_invalid_unicode_becomes_replacement_characters() -> None:
    body = (
        b'[{"id": "1", "content": "<p>rusak \xff\xfe \\ud83d tapi \\u0000 jalan</p>",'
        b' "account": {"id": "9", "acct": "a", "display_name": "Nama\\u0000"}}]'
    )
    post = mastodon.parse_statuses(body).posts[0]
    assert post.text == "rusak \ufffd\ufffd \ufffd tapi  jalan"
    assert post.account.display_name == "Nama"
    assert post.raw is not None and "\x00" not in str(post.raw)
