"""The one item shape every parser returns and every spider yields: a post with its author."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# A record longer than this is quarantined, not stored: no platform allows it, and a
# hostile feed must not fill the database (the limit is far above X's 25k long posts).
MAX_TEXT_CHARS = 100_000


class ParseError(ValueError):
    """A whole response is unusable (truncated JSON, HTML where JSON was expected ...).

    The spider quarantines the raw bytes with this message and goes on.
    """


@dataclass(frozen=True)
class AccountItem:
    platform: str
    platform_account_id: str
    handle: str = ""
    display_name: str = ""
    bio: str = ""
    url: str = ""
    followers: int | None = None


@dataclass
class PostItem:
    platform: str
    platform_post_id: str
    account: AccountItem
    url: str
    text: str
    posted_at: datetime | None  # aware UTC
    kind: str = "post"  # post, reply, repost, comment (pantau.models.PostKind values)
    language: str | None = None
    # A reply points at the post answered; a repost at the post shared. For a repost the
    # shared post itself comes along in `parent` so that both are stored.
    parent_platform_post_id: str | None = None
    parent: PostItem | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
    media: list[dict[str, Any]] = field(default_factory=list)
    # Links, mentions and hashtags the platform marks up, with CHARACTER offsets into `text`
    # ({"type": "link"|"mention"|"tag", "start", "end", "text", "value"}); Bluesky sends
    # them as UTF-8 byte offsets (facets) and shortens link text, so `value` has the full URL.
    entities: list[dict[str, Any]] = field(default_factory=list)
    raw: dict[str, Any] | None = None
    # Filled in by the spider, not the parser: where the response was preserved.
    source_url: str = ""  # the response URL this post was parsed from


@dataclass(frozen=True)
class BadRecord:
    """One record inside an otherwise good response that could not be parsed."""

    reason: str
    raw: bytes
    url: str = ""


@dataclass
class Page:
    """What a parser returns for one response."""

    posts: list[PostItem] = field(default_factory=list)
    bad: list[BadRecord] = field(default_factory=list)
    # How to fetch the next, older page (a cursor, token, max_id or URL), None when done.
    next_cursor: str | None = None
    # The newest position seen, for the next incremental run (since_id, min_id, ...).
    newest_cursor: str | None = None
    account: AccountItem | None = None  # for profile/lookup responses
