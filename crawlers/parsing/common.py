"""Helpers every platform parser shares: text cleaning, HTML to text, times, JSON, counts."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from crawlers.items import MAX_TEXT_CHARS, BadRecord, Page, ParseError, PostItem

_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
# JSON escapes that decode to something PostgreSQL refuses (NUL, lone surrogates).
_RISKY_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")
# No platform we crawl existed before 1995; RSS feeds use 1970 for "unknown". The bounds are
# fixed (not "now") so that parsing stays a pure function of its input.
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
_LATEST = datetime(2100, 1, 1, tzinfo=UTC)


class RecordError(ValueError):
    """One record cannot be turned into an item; it goes to Page.bad with this reason."""


def clean_text(value: str) -> str:
    """Valid Unicode without NULs or stray control characters; line breaks normalised."""
    if not value:
        return ""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _SURROGATES.sub("\ufffd", value)
    return _CONTROL.sub("", value)


def clean_json(value: Any) -> Any:
    """The same structure with every string cleaned, so JSON columns accept it."""
    if isinstance(value, str):
        return _SURROGATES.sub("\ufffd", value.replace("\x00", ""))
    if isinstance(value, dict):
        return {clean_json(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_json(v) for v in value]
    return value


def decode_body(body: bytes) -> str:
    """Bytes as text: UTF-8 (BOM dropped), invalid bytes replaced instead of failing."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff")


def load_json(body: bytes, *, what: str = "JSON") -> Any:
    """Parse a JSON response or raise ParseError saying why it is unusable."""
    text = decode_body(body)
    start = text.lstrip()[:40]
    if not start:
        raise ParseError(f"empty body where {what} was expected")
    if start.startswith("<"):
        raise ParseError(f"expected {what}, got HTML/XML starting with {start[:20]!r}")
    try:
        data = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"truncated or invalid {what}: {exc.msg} at char {exc.pos} of {len(text)}"
        ) from exc
    if _RISKY_ESCAPE.search(body) or "\x00" in text:
        data = clean_json(data)
    return data


def record_bytes(record: Any) -> bytes:
    """A record's raw bytes for quarantine (JSON records are re-serialised)."""
    if isinstance(record, bytes):
        return record
    if isinstance(record, str):
        return record.encode("utf-8", errors="surrogatepass")
    try:
        return json.dumps(record, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, TypeError, ValueError):
        return json.dumps(record, ensure_ascii=True, default=str).encode("ascii")


def check_length(text: str) -> str:
    if len(text) > MAX_TEXT_CHARS:
        raise RecordError(f"text too long: {len(text)} characters (limit {MAX_TEXT_CHARS})")
    return text


def collect(
    page: Page,
    records: Iterable[Any],
    parse: Callable[[Any], PostItem],
    url: str,
    raw: Callable[[Any], bytes] = record_bytes,
) -> Page:
    """Parse each record into page.posts; a record that fails goes to page.bad."""
    for record in records:
        try:
            page.posts.append(parse(record))
        except (RecordError, KeyError, TypeError, ValueError, AttributeError) as exc:
            page.bad.append(BadRecord(reason=describe(exc), raw=raw(record), url=url))
    return page


def describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    if isinstance(exc, RecordError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def require(mapping: Any, key: str) -> Any:
    """mapping[key], which must be present and not null/empty."""
    if not isinstance(mapping, Mapping):
        raise RecordError(f"expected an object holding {key!r}, got {type(mapping).__name__}")
    value = mapping.get(key)
    if value is None or value == "":
        raise RecordError(f"missing field {key!r}")
    return value


def as_id(value: Any, field: str = "id") -> str:
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise RecordError(f"field {field!r} is not an id: {value!r}")
    return str(value)


def header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    return headers.get(name) or headers.get(name.lower())


def parse_time(value: Any) -> datetime | None:
    """Aware UTC datetime from ISO 8601, RFC 822 or epoch seconds; bogus values give None."""
    if value is None or value == "":
        return None
    parsed: datetime | None
    if isinstance(value, int | float) and not isinstance(value, bool):
        parsed = datetime.fromtimestamp(value, UTC) if 0 < value < 1e11 else None
    elif isinstance(value, datetime):
        parsed = value
    else:
        parsed = _parse_time_text(str(value).strip())
    if parsed is None:
        return None
    parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    if not _EARLIEST <= parsed < _LATEST:
        return None
    return parsed


def _parse_time_text(text: str) -> datetime | None:
    if not text:
        return None
    if text[0].isdigit():
        iso = re.sub(r"(\.\d{6})\d+", r"\1", text)  # nanoseconds: keep microseconds
        iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)
        try:
            return datetime.fromisoformat(iso)
        except ValueError:
            pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


_LINK_PART = re.compile(r"<([^>]*)>\s*((?:;\s*[^;,]+)*)")
_REL = re.compile(r"""rel\s*=\s*"?([^";,]+)"?""")


def parse_link_header(value: str | None) -> dict[str, str]:
    """`<url>; rel="next", <url>; rel="prev"` as {"next": url, "prev": url}."""
    links: dict[str, str] = {}
    for match in _LINK_PART.finditer(value or ""):
        rel = _REL.search(match.group(2))
        if rel:
            for name in rel.group(1).split():
                links.setdefault(name.lower(), match.group(1).strip())
    return links


_COUNT = re.compile(r"^\s*([\d.,\s]*\d)\s*([KkMmBb]?)\s*$")
_SCALE = {"": 1, "k": 1_000, "m": 1_000_000, "b": 1_000_000_000}


def parse_count(value: str | int | None) -> int | None:
    """ "8.67M" → 8670000, "826K" → 826000, "1,234" → 1234; unreadable gives None."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    match = _COUNT.match(value)
    if not match:
        return None
    number, suffix = match.group(1).replace(" ", ""), match.group(2).lower()
    if suffix:
        number = number.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}([.,]\d{3})+", number):
        number = re.sub(r"[.,]", "", number)  # thousands separators
    try:
        return round(float(number) * _SCALE[suffix])
    except ValueError:
        return None


# Platform HTML is machine-written and well-formed, so regular expressions convert it to
# text several times faster than html.parser (parsing speed matters for the crawl rate).
_HIDDEN = re.compile(
    r"<!--.*?-->|<(script|style|template|head|title)\b[^>]*>.*?</\1\s*>", re.S | re.I
)
_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_BR = re.compile(rf"<br\b{_ATTRS}>", re.I)
_P_END = re.compile(r"</p\s*>", re.I)
_BLOCK_TAG = re.compile(
    rf"</?(?:p|div|li|ul|ol|blockquote|pre|tr|table|section|article|header|footer|h[1-6])\b{_ATTRS}>",
    re.I,
)
_TAG = re.compile(rf"<[A-Za-z/!?]{_ATTRS}>")
_BREAK = "\x01"  # a line break unless the text is already at the start of a line
_LEADING_BREAKS = re.compile(r"(?:^|(?<=\n))\x01+")


def html_to_text(value: str | None) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, line breaks kept."""
    if not value:
        return ""
    if "<" not in value:
        text = html.unescape(value) if "&" in value else value
        return clean_text(text.replace("\xa0", " ")).strip()
    text = _HIDDEN.sub("", value)
    text = _BR.sub("\n", text)
    text = _P_END.sub("\n\n", text)
    text = _BLOCK_TAG.sub(_BREAK, text)
    text = _TAG.sub("", text)
    text = _LEADING_BREAKS.sub("", re.sub(f"{_BREAK}+", _BREAK, text)).replace(_BREAK, "\n")
    text = html.unescape(text).replace("\xa0", " ")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return clean_text(text).strip()
