"""RSS 2.0 and Atom: the real Antara feed and invented feeds with the quirks of real ones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from crawlers.items import MAX_TEXT_CHARS, ParseError
from crawlers.parsing import rss

REAL = "real/rss/anpandu_antara-mainpage.rss.xml"


def test_real_antara_feed_with_leading_newline(fixture: Callable[[str], bytes]) -> None:
    body = fixture(REAL)
    assert body.startswith(b"\n<?xml")
    page = rss.parse_feed(body, url="http://www.antaranews.com/rss/terkini")
    assert len(page.posts) == 20 and page.bad == []
    assert page.next_cursor is None
    assert page.account is not None
    assert (page.account.platform_account_id, page.account.display_name) == (
        "http://www.antaranews.com",
        "ANTARA News - Berita Terkini",
    )
    first = page.posts[0]
    assert first.platform == "rss" and first.language == "id"
    assert first.platform_post_id == (
        "http://www.antaranews.com/berita/527615/29-penerbangan-bandara-internasional-lombok-dibatalkan"
    )
    assert first.posted_at == datetime(2015, 11, 5, 7, 56, 43, tzinfo=UTC)
    assert first.text.startswith(
        "29 penerbangan Bandara Internasional Lombok dibatalkan\n\nSebanyak 29"
    )
    assert "<img" not in first.text
    assert page.newest_cursor == "2015-11-05T07:56:43+00:00"


def test_latin1_feed_with_two_digit_years_and_bogus_dates(fixture: Callable[[str], bytes]) -> None:
    page = rss.parse_feed(
        fixture("rss/warta_priangan_latin1.xml"), url="https://wartapriangan.example/rss"
    )
    first, second = page.posts
    assert page.account is not None and page.account.bio == "Berita Bandung Raya – akun demo"
    # A guid that is not a URL is qualified by the site, so it stays unique.
    assert first.platform_post_id == "https://wartapriangan.example/#wp-101"
    assert first.url == "https://wartapriangan.example/read/101"
    assert first.posted_at == datetime(2026, 10, 31, 7, 5, tzinfo=UTC)
    assert first.language == "id"
    # ISO-8859-1 decoded; HTML in the description turned into text; <script> is markup, dropped.
    assert (
        first.text
        == "Kang Asep sumping ka Pasar Kosambi\n\nCafé & pasar: warga antusias.\nBaris kedua"
    )
    assert second.posted_at is None  # 1970 means "unknown"
    assert page.bad[0].reason == "item has no title, link or text"
    assert page.bad[0].raw.startswith(b"<item") and page.bad[0].raw.endswith(
        b"<category>kosong</category>\n    </item>"
    )


def test_atom_feed(fixture: Callable[[str], bytes]) -> None:
    page = rss.parse_feed(fixture("rss/jatim_terkini_atom.xml"))
    first, second = page.posts
    assert page.account is not None and page.account.url == "https://jatimterkini.example/"
    assert first.platform_post_id == "tag:jatimterkini.example,2026:artikel-52067"
    assert first.url == "https://jatimterkini.example/artikel/52067"
    assert first.posted_at == datetime(2026, 11, 19, 8, 38, 56, 159000, tzinfo=UTC)
    assert first.text == (
        "Logistik pemilu mulai didistribusikan\n\n"
        "Surat suara dicetak sesuai DPT & cadangan 2,5 persen."
    )
    assert second.text == "Tanda kurang dari\n\nSuhu < 30 derajat & cerah"  # type="text" stays text


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty body"),
        (b'{"items": []}', "expected an RSS/Atom feed"),
        (b"<!DOCTYPE html><html><head></head><body>Ups</body></html>", "expected an RSS/Atom feed"),
        (b"<?xml version='1.0'?><urlset><url/></urlset>", "not an RSS or Atom feed"),
        (b"<?xml version='1.0'?><rss version='2.0'></rss>", "without a <channel>"),
    ],
)
def test_unusable_feeds_raise(body: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        rss.parse_feed(body, url="https://site.example/feed")


def _feed(items: bytes, encoding: bytes = b"utf-8") -> bytes:
    return (
        b'<?xml version="1.0" encoding="' + encoding + b'"?><rss version="2.0"><channel>'
        b"<title>Situs</title><link>https://situs.example/</link>" + items + b"</channel></rss>"
    )


def test_truncated_feed_is_read_in_recovery_mode_and_quarantined() -> None:
    body = _feed(b"<item><title>Satu</title><link>https://situs.example/1</link></item>")[:-30]
    page = rss.parse_feed(body)
    assert [p.platform_post_id for p in page.posts] == ["https://situs.example/1"]
    assert page.bad[0].reason.startswith("feed is not well-formed XML")
    assert page.bad[0].raw == body


def test_invalid_utf8_is_replaced() -> None:
    body = _feed(
        b"<item><title>Rusak \xff\xfe teks</title><guid>https://situs.example/2</guid></item>"
    )
    page = rss.parse_feed(body)
    assert page.posts[0].text == "Rusak \ufffd\ufffd teks" and page.bad == []


def test_huge_item_goes_to_bad_and_others_parse() -> None:
    huge = b"x" * (MAX_TEXT_CHARS + 5)
    body = _feed(
        b"<item><title>Kecil</title><link>https://situs.example/1</link></item>"
        b"<item><title>Besar</title><link>https://situs.example/2</link><description>"
        + huge + b"</description></item>"
    )  # fmt: skip
    page = rss.parse_feed(body)
    assert [p.platform_post_id for p in page.posts] == ["https://situs.example/1"]
    assert page.bad[0].reason.startswith("text too long") and huge in page.bad[0].raw


def test_external_entities_are_not_resolved() -> None:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
        b'<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<rss version="2.0"><channel><title>X</title><link>https://x.example/</link>'
        b"<item><title>a&xxe;b&lol2;</title><link>https://x.example/1</link></item>"
        b"</channel></rss>"
    )
    post = rss.parse_feed(body).posts[0]
    assert (
        post.text == "a&xxe;b&lol2;"
    )  # references left as written: nothing read, nothing expanded
