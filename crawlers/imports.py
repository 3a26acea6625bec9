"""`pantau import posts`: CSV or JSONL exports (Facebook, Instagram, TikTok research APIs).

Columns (CSV header or JSONL keys; nested JSON objects may be used as `a.b`). The first name
is the canonical one, the others are accepted aliases:

| column | required | aliases | meaning |
|---|---|---|---|
| platform | yes | | facebook, instagram, tiktok (or any Pantau platform) |
| post_id | yes | id, platform_post_id | the platform's id of the post |
| account_id | yes | author_id, user_id, post_owner.id | the platform's id of the author |
| account_handle | | username, handle, author_username, post_owner.username | @name |
| account_name | | display_name, author_name, post_owner.name | shown name |
| account_bio | | bio, author_bio | profile text |
| account_followers | | followers, follower_count | a whole number |
| url | | link, share_url | address of the post |
| text | | message, caption, body, video_description | the post's text (may be empty) |
| posted_at | | created_at, creation_time, create_time, created_time, timestamp | ISO 8601, epoch |
| kind | | type | post (default), reply, repost, comment |
| parent_post_id | | parent_id, in_reply_to | the post replied to or shared |
| language | | lang | language code |
| likes, shares, comments, views | | like_count, share_count, comment_count, view_count | counts |

A row that does not parse is reported with its line number and quarantined; the rest import.
Every row is validated before anything is inserted (issue 16): text without NUL bytes or
lone surrogates, ids and names within their column lengths, counts within BIGINT, JSON
nested at most MAX_DEPTH deep, CSV fields within the csv module's 128 KiB limit. Nothing
a single row holds can make the database refuse a whole batch.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from crawlers import store
from crawlers.items import MAX_TEXT_CHARS, AccountItem, PostItem
from pantau import audit
from pantau.models import Platform, PostKind, PostOrigin, User

ALIASES: dict[str, tuple[str, ...]] = {
    "platform": (),
    "post_id": ("id", "platform_post_id"),
    "account_id": ("author_id", "user_id", "post_owner.id"),
    "account_handle": ("username", "handle", "author_username", "post_owner.username"),
    "account_name": ("display_name", "author_name", "post_owner.name"),
    "account_bio": ("bio", "author_bio"),
    "account_followers": ("followers", "follower_count"),
    "url": ("link", "share_url"),
    "text": ("message", "caption", "body", "video_description"),
    "posted_at": ("created_at", "creation_time", "create_time", "created_time", "timestamp"),
    "kind": ("type",),
    "parent_post_id": ("parent_id", "in_reply_to"),
    "language": ("lang",),
    "likes": ("like_count",),
    "shares": ("share_count",),
    "comments": ("comment_count",),
    "views": ("view_count",),
}
METRICS = ("likes", "shares", "comments", "views")
BATCH = 500
MAX_DEPTH = 32
MAX_COUNT = 2**63 - 1  # BIGINT
# Column lengths of the tables the values land in (pantau.models.posts/people).
MAX_CHARS = {
    "post_id": 200,
    "account_id": 200,
    "account_handle": 200,
    "account_name": 500,
    "parent_post_id": 200,
    "language": 16,
}


class RowError(ValueError):
    pass


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    bad: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)


def _flatten(data: dict[str, Any], prefix: str = "", depth: int = 0) -> dict[str, Any]:
    if depth > MAX_DEPTH:
        raise RowError(f"JSON nested more than {MAX_DEPTH} levels deep")
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, f"{name}.", depth + 1))
        else:
            out[name] = value
    return out


def _get(row: dict[str, Any], column: str) -> Any:
    for name in (column, *ALIASES[column]):
        value = row.get(name)
        if value not in (None, ""):
            return value
    return None


def _bad_chars(text: str) -> str | None:
    # Lone surrogates (from JSON "\ud800" or undecodable CSV bytes) cannot be stored as
    # UTF-8; PostgreSQL refuses NUL in text and in JSON.
    if "\x00" in text:
        return "contains a NUL byte"
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        return "not valid UTF-8 (lone surrogate)"
    return None


def _text(row: dict[str, Any], column: str) -> str:
    value = _get(row, column)
    text = "" if value is None else str(value)
    problem = _bad_chars(text)
    if problem:
        raise RowError(f"{column}: {problem}")
    limit = MAX_CHARS.get(column)
    if limit is not None and len(text.strip()) > limit:
        raise RowError(f"{column}: {len(text.strip())} characters (limit {limit})")
    return text


def _check_raw(value: Any, depth: int = 0) -> None:
    """The whole row is kept as JSON: every key and string in it must be storable too."""
    if depth > MAX_DEPTH:
        raise RowError(f"JSON nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, str):
        problem = _bad_chars(value)
        if problem:
            raise RowError(f"a value {problem}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_raw(str(key), depth + 1)
            _check_raw(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_raw(item, depth + 1)
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_COUNT:
        raise RowError(f"number {value} is too large")


def _count(row: dict[str, Any], column: str) -> int | None:
    value = _get(row, column)
    if value is None:
        return None
    try:
        number = int(str(value).replace(",", "").strip())
    except ValueError:
        raise RowError(f"{column}: {str(value)[:40]!r} is not a whole number") from None
    if not 0 <= number <= MAX_COUNT:
        raise RowError(f"{column}: {str(value)[:40]} is out of range")
    return number


def _time(value: Any) -> datetime | None:
    if value is None:
        return None
    text = str(value).strip()
    try:
        if text.replace(".", "", 1).isdigit():
            return datetime.fromtimestamp(float(text), UTC)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, OverflowError):
        raise RowError(f"posted_at: {text!r} is not ISO 8601 or epoch seconds") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def row_to_post(row: dict[str, Any]) -> PostItem:
    """One export row as a post with its author, or RowError saying what is wrong."""
    _check_raw(row)
    platform = _text(row, "platform").strip().lower()
    if platform not in {p.value for p in Platform}:
        raise RowError(f"platform: {platform or '(empty)'!r} is not one of facebook, instagram, …")
    post_id, account_id = _text(row, "post_id").strip(), _text(row, "account_id").strip()
    if not post_id:
        raise RowError("post_id: missing")
    if not account_id:
        raise RowError("account_id: missing")
    text = _text(row, "text")
    if len(text) > MAX_TEXT_CHARS:
        raise RowError(f"text: {len(text)} characters (limit {MAX_TEXT_CHARS})")
    kind = (_text(row, "kind").strip().lower() or "post").replace("share", "repost")
    if kind not in {k.value for k in PostKind}:
        raise RowError(f"kind: {kind!r} is not post, reply, repost or comment")
    author = AccountItem(
        platform=platform,
        platform_account_id=account_id,
        handle=_text(row, "account_handle").strip(),
        display_name=_text(row, "account_name").strip(),
        bio=_text(row, "account_bio"),
        followers=_count(row, "account_followers"),
    )
    metrics = {m: _count(row, m) for m in METRICS}
    return PostItem(
        platform=platform,
        platform_post_id=post_id,
        account=author,
        url=_text(row, "url").strip(),
        text=text,
        posted_at=_time(_get(row, "posted_at")),
        kind=kind,
        language=_text(row, "language").strip() or None,
        parent_platform_post_id=_text(row, "parent_post_id").strip() or None,
        metrics={k: v for k, v in metrics.items() if v is not None},
        raw={k: v for k, v in row.items() if isinstance(k, str)},
    )


def read_rows(path: Path) -> Iterator[tuple[int, bytes, dict[str, Any] | str]]:
    """(line number, raw bytes, row or a reason it cannot be read) for each record."""
    data = path.read_bytes()
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        yield from _jsonl_rows(data)
    else:
        yield from _csv_rows(data)


def _jsonl_rows(data: bytes) -> Iterator[tuple[int, bytes, dict[str, Any] | str]]:
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            yield number, line, "not valid UTF-8"
            continue
        except RecursionError:
            yield number, line, f"JSON nested more than {MAX_DEPTH} levels deep"
            continue
        except json.JSONDecodeError as exc:
            yield number, line, f"not valid JSON: {exc.msg} at column {exc.colno}"
            continue
        if not isinstance(value, dict):
            yield number, line, "a line must hold one JSON object"
            continue
        try:
            yield number, line, _flatten(value)
        except RowError as exc:
            yield number, line, str(exc)


def _csv_rows(data: bytes) -> Iterator[tuple[int, bytes, dict[str, Any] | str]]:
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    reader = csv.DictReader(io.StringIO(text))
    start = reader.line_num + 2  # the header is line 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a field over 128 KiB: this record only
            raw = "".join(lines[start - 1 : reader.line_num]).encode("utf-8", "surrogateescape")
            yield start, raw, f"cannot be read as CSV: {exc}"
            start = reader.line_num + 1
            continue
        raw = "".join(lines[start - 1 : reader.line_num]).encode("utf-8", "surrogateescape")
        expected = len(reader.fieldnames or [])
        extra = row.pop(None, None)
        if extra:
            yield start, raw, f"{expected + len(extra)} columns where the header has {expected}"
        else:
            yield start, raw, dict(row)
        start = reader.line_num + 1


def import_posts(session: Session, path: Path, *, actor: User | str | None = None) -> ImportReport:
    """Import a file in the caller's transaction; bad rows are quarantined and reported."""
    report = ImportReport()
    batch: list[PostItem] = []

    def flush() -> None:
        result = store.store_posts(session, batch, origin=PostOrigin.IMPORT)
        report.imported += result.new
        report.updated += result.edited
        report.unchanged += result.count("unchanged")
        batch.clear()

    for number, raw, row in read_rows(path):
        try:
            if isinstance(row, str):
                raise RowError(row)
            batch.append(row_to_post(row))
        except RowError as exc:
            report.bad.append((number, str(exc)))
            platform = str(row.get("platform") or "") if isinstance(row, dict) else ""
            platform = "".join(ch for ch in platform if ch.isascii() and ch.isalnum())
            store.quarantine(
                session,
                platform=platform[:32] or "import",
                reason=f"line {number}: {exc}",
                raw=raw,
                url=f"file:{path.name}#line={number}",
            )
            continue
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    audit.record(
        session,
        actor,
        "posts.imported",
        "file",
        path.name,
        {
            "imported": report.imported,
            "updated": report.updated,
            "bad_lines": [n for n, _ in report.bad][:100],
        },
    )
    return report
