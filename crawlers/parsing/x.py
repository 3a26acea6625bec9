"""X API v2: recent search, user timelines, tweet lookup and user lookup."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from crawlers.items import AccountItem, BadRecord, Page, ParseError, PostItem
from crawlers.parsing.common import (
    RecordError,
    as_id,
    check_length,
    clean_text,
    collect,
    load_json,
    parse_time,
    require,
)

PLATFORM = "x"
TWITTER_EPOCH_MS = 1288834974657
SITE = "https://x.com"
# X still sends ISO 639 codes that were withdrawn ("in" is Indonesian) and its own ones.
_LANGUAGES = {"in": "id", "iw": "he", "ji": "yi", "und": None, "zxx": None, "art": None}
_TIMELINE_URL = re.compile(r"/2/users/(\d+)/tweets")
# What the tweet points at, strongest relation first.
_RELATIONS = (("retweeted", "repost"), ("replied_to", "reply"), ("quoted", "repost"))


def parse_tweets(body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None) -> Page:
    """Search, user timeline or lookup results; top-level `errors[]` go to Page.bad."""
    data = _object(body, "tweets")
    tweets = data.get("data", [])
    if isinstance(tweets, dict):
        tweets = [tweets]
    if not isinstance(tweets, list):
        raise ParseError(f"'data' is neither a list nor an object: {type(tweets).__name__}")
    if "data" not in data and "meta" not in data and "errors" not in data:
        raise ParseError(f"not an X API v2 tweet response (keys: {sorted(data)[:6]})")
    includes: dict[str, Any] = data["includes"] if isinstance(data.get("includes"), dict) else {}
    context = _Includes(includes, _TIMELINE_URL.search(url))
    page = collect(Page(), tweets, context.tweet, url)
    for error in data.get("errors") or []:
        page.bad.append(BadRecord(reason=_error_reason(error), raw=_json(error), url=url))
    meta: dict[str, Any] = data["meta"] if isinstance(data.get("meta"), dict) else {}
    page.next_cursor = meta.get("next_token") or None
    ids = [p.platform_post_id for p in page.posts]
    page.newest_cursor = meta.get("newest_id") or (
        max(ids, key=lambda i: (len(i), i)) if ids else None
    )
    return page


def parse_user(body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None) -> Page:
    """`/2/users/by/username/:name` or `/2/users/:id` → Page(account=...)."""
    data = _object(body, "a user")
    user = data.get("data")
    if not isinstance(user, dict):
        errors = data.get("errors") or []
        reason = _error_reason(errors[0]) if errors else "no 'data' object"
        raise ParseError(f"X user not available: {reason}")
    try:
        return Page(account=account_item(user))
    except (RecordError, KeyError, TypeError, ValueError) as exc:
        raise ParseError(f"unusable X user: {exc}") from exc


def _object(body: bytes, what: str) -> dict[str, Any]:
    data = load_json(body, what=f"X {what}")
    if not isinstance(data, dict):
        raise ParseError(f"expected a JSON object of X {what}, got {type(data).__name__}")
    if "title" in data and "detail" in data and "data" not in data:  # a problem response
        raise ParseError(
            f"X API error: {data.get('title')}: {clean_text(str(data['detail']))[:300]}"
        )
    return data


def _error_reason(error: Any) -> str:
    if not isinstance(error, dict):
        return f"API error: {str(error)[:200]}"
    title = error.get("title") or error.get("type") or "error"
    detail = error.get("detail") or error.get("message") or ""
    return clean_text(f"API error: {title}: {detail}")[:500]


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", errors="replace")


def snowflake_time(tweet_id: str) -> datetime | None:
    """A tweet id holds its creation time (milliseconds since X's epoch, shifted by 22)."""
    if not tweet_id.isdigit() or int(tweet_id) >> 22 < 86_400_000:
        return None  # older than snowflake ids, or not an id at all
    return parse_time(((int(tweet_id) >> 22) + TWITTER_EPOCH_MS) / 1000)


def language(code: Any) -> str | None:
    if not isinstance(code, str) or not code:
        return None
    code = code.lower()
    return _LANGUAGES.get(code, None if code.startswith("q") else code)


class _Includes:
    """The expansions of one response: authors, referenced tweets and media by key."""

    def __init__(self, includes: dict[str, Any], timeline: re.Match[str] | None):
        self.users = {
            str(u.get("id")): u for u in includes.get("users") or [] if isinstance(u, dict)
        }
        self.tweets = {
            str(t.get("id")): t for t in includes.get("tweets") or [] if isinstance(t, dict)
        }
        self.media = {
            str(m.get("media_key")): m for m in includes.get("media") or [] if isinstance(m, dict)
        }
        self.timeline_user = timeline.group(1) if timeline else None

    def author(self, tweet: dict[str, Any]) -> AccountItem:
        author_id = tweet.get("author_id") or self.timeline_user
        if not author_id:
            raise RecordError("tweet has no author_id (request it with expansions=author_id)")
        user = self.users.get(str(author_id))
        if user is None:
            return AccountItem(platform=PLATFORM, platform_account_id=as_id(author_id, "author_id"))
        return account_item(user)

    def tweet(self, tweet: Any, *, nested: bool = False) -> PostItem:
        tweet_id = as_id(require(tweet, "id"))
        account = self.author(tweet)
        long_text = (
            tweet.get("note_tweet", {}).get("text")
            if isinstance(tweet.get("note_tweet"), dict)
            else None
        )
        text = check_length(clean_text(html.unescape(long_text or tweet.get("text") or "")))
        kind, parent_id = "post", None
        refs = {str(r.get("type")): str(r.get("id")) for r in tweet.get("referenced_tweets") or []}
        for relation, post_kind in _RELATIONS:
            if relation in refs:
                kind, parent_id = post_kind, refs[relation]
                break
        parent = None
        if kind == "repost" and parent_id in self.tweets and not nested:
            parent = self.tweet(self.tweets[parent_id], nested=True)
        handle = account.handle
        return PostItem(
            platform=PLATFORM,
            platform_post_id=tweet_id,
            account=account,
            url=f"{SITE}/{handle}/status/{tweet_id}"
            if handle
            else f"{SITE}/i/web/status/{tweet_id}",
            text=text,
            posted_at=parse_time(tweet.get("created_at")) or snowflake_time(tweet_id),
            kind=kind,
            language=language(tweet.get("lang")),
            parent_platform_post_id=parent_id,
            parent=parent,
            metrics=dict(tweet.get("public_metrics") or {}),
            media=self._media(tweet),
            entities=_entities(tweet.get("entities")),
            raw=tweet,
        )

    def _media(self, tweet: dict[str, Any]) -> list[dict[str, Any]]:
        keys = (tweet.get("attachments") or {}).get("media_keys") or []
        return [
            {
                "type": m.get("type"),
                "url": m.get("url") or m.get("preview_image_url"),
                "description": m.get("alt_text") or "",
            }
            for key in keys
            if (m := self.media.get(str(key)))
        ]


def _entities(entities: Any) -> list[dict[str, Any]]:
    if not isinstance(entities, dict):
        return []
    out = []
    for key, kind, text_field, value_field in (
        ("urls", "link", "url", "expanded_url"),
        ("hashtags", "tag", "tag", "tag"),
        ("mentions", "mention", "username", "username"),
    ):
        for entity in entities.get(key) or []:
            if isinstance(entity, dict) and isinstance(entity.get("start"), int):
                text = str(entity.get(text_field) or "")
                shown = {"tag": "#", "mention": "@"}.get(kind, "") + text
                value = str(entity.get(value_field) or text)
                out.append(
                    {"type": kind, "start": entity["start"], "end": entity.get("end"),
                     "text": shown, "value": value}
                )  # fmt: skip
    return sorted(out, key=lambda e: e["start"])


def account_item(user: Any) -> AccountItem:
    metrics = user.get("public_metrics") or {}
    username = str(user.get("username") or "")
    return AccountItem(
        platform=PLATFORM,
        platform_account_id=as_id(require(user, "id")),
        handle=username,
        display_name=clean_text(str(user.get("name") or "")),
        bio=clean_text(html.unescape(str(user.get("description") or ""))),
        url=f"{SITE}/{username}" if username else "",
        followers=metrics.get("followers_count") if isinstance(metrics, dict) else None,
    )
