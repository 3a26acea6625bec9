"""Recognise the URL of one public post on any of the crawled platforms (for capture)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class PostRef:
    """Which post a URL names.

    `post_id` is what the platform's single-post API takes: the Mastodon status id, the
    Bluesky record key, "channel/123" on Telegram, the tweet id, the YouTube comment id.
    `account` is the handle/channel in the URL ("" when the URL does not name one);
    `context` is the YouTube video id.
    """

    platform: str
    host: str
    account: str
    post_id: str
    url: str
    context: str = ""


_BLUESKY = re.compile(r"^/profile/([^/]+)/post/([A-Za-z0-9]{2,64})/?$")
_AT_URI = re.compile(r"^at://([^/]+)/app\.bsky\.feed\.post/([A-Za-z0-9]{2,64})$")
_TELEGRAM = re.compile(r"^/(?:s/)?([A-Za-z][A-Za-z0-9_]{3,31})/(\d{1,12})/?$")
_X = re.compile(r"^/([A-Za-z0-9_]{1,15})/status(?:es)?/(\d{1,20})(?:/.*)?$")
_X_WEB = re.compile(r"^/i/(?:web/)?status/(\d{1,20})/?$")
_MASTODON = (
    re.compile(r"^/@([A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9.-]+)?)/(\d{1,20})/?$"),
    re.compile(r"^/users/([A-Za-z0-9_]{1,30})/statuses/(\d{1,20})/?$"),
    re.compile(r"^/web/@([A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9.-]+)?)/(\d{1,20})/?$"),
)
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_TELEGRAM_HOSTS = {"t.me", "telegram.me", "telegram.dog"}
_X_HOSTS = {"x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com"}
_YOUTUBE_HOSTS = {"youtube.com", "m.youtube.com", "music.youtube.com", "youtu.be"}
# Hosts whose paths could look like a Mastodon status but never are one.
_NOT_MASTODON = _TELEGRAM_HOSTS | _X_HOSTS | _YOUTUBE_HOSTS | {"bsky.app", "facebook.com"}


def recognize(url: str) -> PostRef | None:
    """The post a URL names, or None when it is not a single-post URL we can capture."""
    url = url.strip()
    if url.startswith("at://"):
        found = _AT_URI.match(url)
        if not found:
            return None
        return PostRef("bluesky", "bsky.app", found.group(1), found.group(2), url)
    if "://" not in url:
        url = f"https://{url}"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    path = parts.path
    if host == "bsky.app":
        found = _BLUESKY.match(path)
        return PostRef("bluesky", host, found.group(1), found.group(2), url) if found else None
    if host in _TELEGRAM_HOSTS:
        found = _TELEGRAM.match(path)
        if not found:
            return None
        channel = found.group(1)
        return PostRef("telegram", host, channel, f"{channel.lower()}/{found.group(2)}", url)
    if host in _X_HOSTS:
        found = _X.match(path)
        if found:
            return PostRef("x", host, found.group(1), found.group(2), url)
        found = _X_WEB.match(path)
        return PostRef("x", host, "", found.group(1), url) if found else None
    if host in _YOUTUBE_HOSTS:
        return _youtube(host, parts.path, parts.query, url)
    if host in _NOT_MASTODON:
        return None
    for pattern in _MASTODON:
        found = pattern.match(path)
        if found:
            return PostRef("mastodon", parts.netloc.lower(), found.group(1), found.group(2), url)
    return None


def _youtube(host: str, path: str, query: str, url: str) -> PostRef | None:
    """A comment link: `watch?v=VIDEO&lc=COMMENT`, `youtu.be/VIDEO?lc=`, `shorts/VIDEO?lc=`."""
    params = parse_qs(query)
    comment = (params.get("lc") or [""])[0]
    if host == "youtu.be":
        video = path.strip("/")
    elif path.startswith("/shorts/"):
        video = path.removeprefix("/shorts/").strip("/")
    else:
        video = (params.get("v") or [""])[0]
    if not comment or not re.fullmatch(r"[A-Za-z0-9_.-]{10,120}", comment):
        return None
    if not _YOUTUBE_ID.match(video):
        return None
    return PostRef("youtube", host, "", comment, url, context=video)
