"""Shared parsing helpers: text cleaning, HTML to text, times, JSON, Link headers, counts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawlers.items import ParseError
from crawlers.parsing.common import (
    clean_json,
    clean_text,
    html_to_text,
    load_json,
    parse_count,
    parse_link_header,
    parse_time,
)


def test_clean_text_replaces_lone_surrogates_and_strips_nul() -> None:
    assert clean_text("a\ud800b\x00c\r\nd\x07") == "a\ufffdbc\nd"
    assert clean_text("Coblos 👍 ✌️") == "Coblos 👍 ✌️"


def test_clean_json_cleans_nested_strings_and_keys() -> None:
    assert clean_json({"a\x00": ["x\udc00", 1, None]}) == {"a": ["x\ufffd", 1, None]}


def test_html_to_text_keeps_breaks_and_decodes_entities() -> None:
    html = "<p>Baris satu<br>baris dua</p><p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>"
    assert html_to_text(html) == "Baris satu\nbaris dua\n\n<script>alert(1)</script> & co"


def test_html_to_text_drops_markup_scripts_but_keeps_link_text() -> None:
    html = '<div>Lihat <a href="https://x.example/a"><span class="invisible">https://</span>x.example/a</a><script>evil()</script></div>'
    assert html_to_text(html) == "Lihat https://x.example/a"
    assert html_to_text("") == ""
    assert html_to_text("polos &amp; sederhana") == "polos & sederhana"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-19T17:10:09.561858Z", datetime(2025, 5, 19, 17, 10, 9, 561858, tzinfo=UTC)),
        ("2025-07-15T07:54:23.000Z", datetime(2025, 7, 15, 7, 54, 23, tzinfo=UTC)),
        ("2025-07-15T07:54:23.1234567Z", datetime(2025, 7, 15, 7, 54, 23, 123456, tzinfo=UTC)),
        ("2026-10-29T05:00:00+07:00", datetime(2026, 10, 28, 22, 0, tzinfo=UTC)),
        ("2026-10-29T05:00:00+0700", datetime(2026, 10, 28, 22, 0, tzinfo=UTC)),
        ("2026-10-29T05:00:00", datetime(2026, 10, 29, 5, 0, tzinfo=UTC)),
        ("Thu, 05 Nov 2015 14:56:43 +0700", datetime(2015, 11, 5, 7, 56, 43, tzinfo=UTC)),
        ("Sat, 31 Oct 26 14:05:00 +0700", datetime(2026, 10, 31, 7, 5, tzinfo=UTC)),
        (1747676784, datetime(2025, 5, 19, 17, 46, 24, tzinfo=UTC)),
        ("Thu, 01 Jan 1970 00:00:00 +0000", None),
        ("0000-00-00 00:00:00", None),
        ("kemarin sore", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_time(value: object, expected: datetime | None) -> None:
    parsed = parse_time(value)
    assert parsed == expected
    assert parsed is None or parsed.tzinfo is UTC


def test_parse_link_header() -> None:
    value = '<https://a.example/x?max_id=1>; rel="next", <https://a.example/x?min_id=9>; rel="prev"'
    assert parse_link_header(value) == {
        "next": "https://a.example/x?max_id=1",
        "prev": "https://a.example/x?min_id=9",
    }
    assert parse_link_header(None) == {}
    assert parse_link_header("garbage") == {}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("8.67M", 8_670_000), ("826K", 826_000), ("11.3M", 11_300_000), ("1,234", 1234),
     ("987", 987), ("1.2B", 1_200_000_000), ("2,5K", 2500), ("", None), ("banyak", None)],
)  # fmt: skip
def test_parse_count(value: str, expected: int | None) -> None:
    assert parse_count(value) == expected


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty body"),
        (b"   ", "empty body"),
        (b'[{"id": "1", "content": "terpot', "truncated or invalid"),
        (b"<!DOCTYPE html><html><body>Just a moment...</body></html>", "got HTML"),
    ],
)
def test_load_json_refuses_unusable_bodies(body: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        load_json(body)


def test_load_json_repairs_invalid_utf8_and_escapes() -> None:
    data = load_json(b'{"text": "rusak \xff\xfe teks \\ud800 \\u0000nul"}')
    assert data == {"text": "rusak \ufffd\ufffd teks \ufffd nul"}
