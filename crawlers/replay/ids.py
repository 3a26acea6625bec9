"""Platform-shaped identifiers derived from a time, so ids sort the way the platforms' do."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime

TWITTER_EPOCH_MS = 1288834974657
_B32_SORTABLE = "234567abcdefghijklmnopqrstuvwxyz"


def ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


def iso(when: datetime) -> str:
    """The ISO form the platforms use: UTC, milliseconds, a Z."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def mastodon_id(when: datetime, seq: int) -> str:
    return str((ms(when) << 16) | (seq & 0xFFFF))


def x_id(when: datetime, seq: int) -> str:
    return str(((ms(when) - TWITTER_EPOCH_MS) << 22) | (seq & 0x3FFFFF))


def tid(when: datetime, seq: int) -> str:
    """An atproto record key: microseconds and a clock id, base32-sortable, 13 characters."""
    value = (int(when.timestamp() * 1_000_000) << 10) | (seq & 0x3FF)
    chars = []
    for _ in range(13):
        chars.append(_B32_SORTABLE[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def digest(*parts: object, length: int = 20) -> str:
    raw = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")[:length]


def did(handle: str) -> str:
    raw = hashlib.sha256(handle.encode()).digest()
    return "did:plc:" + base64.b32encode(raw).decode().lower()[:24]


def youtube_comment_id(*parts: object) -> str:
    return "Ugz" + digest("yt", *parts, length=19) + "4AaABAg"


def account_id(platform: str, key: str, created: datetime) -> str:
    """The id each platform gives an account (telegram, rss, youtube: the key itself)."""
    if platform == "mastodon":
        return mastodon_id(created, int(digest(key, length=4).encode().hex(), 16))
    if platform == "bluesky":
        return did(key)
    if platform == "x":
        return str(10**17 + int(hashlib.sha256(key.encode()).hexdigest()[:12], 16))
    return key
