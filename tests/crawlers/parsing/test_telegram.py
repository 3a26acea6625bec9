"""Telegram channel previews: the real durov page and an invented Indonesian channel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from crawlers.items import MAX_TEXT_CHARS, ParseError
from crawlers.parsing import telegram

REAL = "real/telegram/sherlock-telegram_channel_feed_durov.html"


def test_real_channel_page(fixture: Callable[[str], bytes]) -> None:
    page = telegram.parse_channel_page(fixture(REAL), url="https://t.me/s/durov")
    ids = [p.platform_post_id for p in page.posts]
    assert len(ids) == 20 and page.bad == []
    assert ids[0] == "durov/519" and ids[-1] == "durov/539"
    assert "durov/530" not in ids  # ids have gaps
    assert (page.next_cursor, page.newest_cursor) == ("519", "539")
    assert page.account is not None
    assert (page.account.handle, page.account.followers) == ("durov", 11_300_000)
    assert page.account.bio == "Founder of Telegram."
    video = page.posts[0]  # a video post: its second <time> has no datetime
    assert video.posted_at == datetime(2026, 5, 20, 15, 38, 10, tzinfo=UTC)
    assert video.metrics == {"views": 8_670_000}
    assert video.media == [{"type": "video", "url": "https://t.me/durov/519"}]
    assert video.text.startswith("🤖 Your Telegram inbox can now run itself.\n\nAssign a bot")
    assert video.url == "https://t.me/durov/519"
    assert page.posts[-1].metrics == {"views": 826_000}
    assert all(p.account.display_name == "Pavel Durov" for p in page.posts)


def test_invented_channel(fixture: Callable[[str], bytes]) -> None:
    page = telegram.parse_channel_page(fixture("telegram/channel_id.html"))
    forward, reply, video = page.posts
    assert page.account is not None
    assert (page.account.platform_account_id, page.account.handle) == (
        "diskusi_asn_jatim",
        "Diskusi_ASN_Jatim",
    )
    assert page.account.bio == "Kanal diskusi pegawai ASN Pemprov Jatim.\nBukan kanal resmi."
    assert page.account.followers == 1800
    assert forward.platform_post_id == "diskusi_asn_jatim/101"
    assert (forward.kind, forward.parent_platform_post_id) == ("repost", "relawan_baret1/237")
    assert (
        forward.parent is not None
        and forward.parent.account.display_name == "Relawan BARET 1 Surabaya"
    )
    assert forward.text == "Salam satu jari ☝️ Coblos nomor 1!\n#BaretMenang"
    assert forward.metrics == {"views": 1200}
    # The quoted text of the answered message is not the reply's own text.
    assert (reply.kind, reply.parent_platform_post_id) == ("reply", "diskusi_asn_jatim/101")
    assert reply.text == "Ingat, ASN wajib netral! <script>alert(1)</script>"
    assert video.posted_at == datetime(2026, 10, 29, 0, 30, tzinfo=UTC)
    assert video.metrics == {"views": 2_500_000}
    assert (page.next_cursor, page.newest_cursor) == ("101", "107")
    assert page.bad[0].reason == "message has no usable data-post attribute: 'rusak'"
    assert b"pesan tanpa nomor" in page.bad[0].raw


def test_preview_disabled_page() -> None:
    landing = (
        b'<html><body><div class="tgme_page"><div class="tgme_page_title">Kanal Tertutup</div>'
        b'<a class="tgme_action_button_new" href="tg://resolve?domain=x">View in Telegram</a>'
        b"</div></body></html>"
    )
    assert telegram.is_preview_disabled(landing, "https://t.me/kanal_tertutup")
    with pytest.raises(ParseError, match="preview is disabled"):
        telegram.parse_channel_page(landing, url="https://t.me/kanal_tertutup")


def test_a_real_preview_is_not_disabled(fixture: Callable[[str], bytes]) -> None:
    assert not telegram.is_preview_disabled(fixture(REAL), "https://t.me/s/durov")


@pytest.mark.parametrize(
    "body",
    [b"", b'{"ok": true}', b"<html><body><p>502 Bad Gateway</p></body></html>"],
)
def test_unusable_pages_raise(body: bytes) -> None:
    with pytest.raises(ParseError):
        telegram.parse_channel_page(body, url="https://t.me/s/kanal")


def test_embed_of_a_deleted_post_is_empty() -> None:
    page = telegram.parse_channel_page(
        b'<div class="tgme_widget_message_error">Post not found</div>'
    )
    assert page.posts == [] and page.bad == []


def _message(number: int, text: bytes) -> bytes:
    return (
        b'<div class="tgme_widget_message" data-post="kanal/%d">'
        b'<div class="tgme_widget_message_text js-message_text">%s</div></div>' % (number, text)
    )


def test_huge_and_invalid_text() -> None:
    body = (
        b'<div class="tgme_channel_info"><div class="tgme_channel_info_header_username">'
        b"<a>@kanal</a></div></div>"
        + _message(5, b"ok \xff\xfe rusak")
        + _message(6, b"y" * (MAX_TEXT_CHARS + 10))
    )
    page = telegram.parse_channel_page(body, url="https://t.me/s/kanal")
    assert [p.text for p in page.posts] == ["ok \ufffd\ufffd rusak"]
    assert page.bad[0].reason.startswith("text too long")
    # The unparsable message still counts for paging, so it is not fetched again.
    assert page.newest_cursor == "6"
