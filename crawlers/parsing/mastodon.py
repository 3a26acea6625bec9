"""Mastodon REST API: account lookup, account statuses and hashtag timelines."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from crawlers.items import AccountItem, Page, ParseError, PostItem
from crawlers.parsing.common import (
    RecordError,
    as_id,
    check_length,
    clean_text,
    collect,
    header,
    html_to_text,
    load_json,
    parse_link_header,
    parse_time,
    require,
)

PLATFORM = "mastodon"


def parse_account(body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None) -> Page:
    """`/api/v1/accounts/lookup?acct=` or `/api/v1/accounts/:id` → Page(account=...)."""
    data = load_json(body, what="a Mastodon account")
    if not isinstance(data, dict):
        raise ParseError(f"expected a Mastodon account object, got {type(data).__name__}")
    _raise_api_error(data)
    try:
        return Page(account=account_item(data))
    except (RecordError, KeyError, TypeError, ValueError) as exc:
        raise ParseError(f"unusable Mastodon account: {exc}") from exc


def parse_statuses(body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None) -> Page:
    """Account statuses or a hashtag timeline: a JSON array paged by the Link header."""
    data = load_json(body, what="a Mastodon status list")
    if isinstance(data, dict):
        _raise_api_error(data)
    if not isinstance(data, list):
        raise ParseError(f"expected a JSON array of statuses, got {type(data).__name__}")
    page = collect(Page(), data, status_item, url)
    page.next_cursor = parse_link_header(header(headers, "link")).get("next")
    ids = [p.platform_post_id for p in page.posts]
    page.newest_cursor = max(ids, key=id_order) if ids else None
    return page


def parse_status(body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None) -> Page:
    """`/api/v1/statuses/:id` (single-post capture) → a Page with one post."""
    data = load_json(body, what="a Mastodon status")
    if not isinstance(data, dict):
        raise ParseError(f"expected a Mastodon status object, got {type(data).__name__}")
    _raise_api_error(data)
    page = collect(Page(), [data], status_item, url)
    if page.posts:
        page.newest_cursor = page.posts[0].platform_post_id
    return page


def id_order(status_id: str) -> tuple[int, str]:
    """Mastodon ids are numeric strings: longer is newer, then lexical."""
    return (len(status_id), status_id)


def status_item(status: Any) -> PostItem:
    account = account_item(require(status, "account"))
    status_id = as_id(require(status, "id"))
    reblog = status.get("reblog")
    if reblog:
        parent = status_item(reblog)
        return PostItem(
            platform=PLATFORM,
            platform_post_id=status_id,
            account=account,
            url=status.get("url") or status.get("uri") or parent.url,
            text="",
            posted_at=parse_time(status.get("created_at")),
            kind="repost",
            language=parent.language,
            parent_platform_post_id=parent.platform_post_id,
            parent=parent,
            raw=status,
        )
    text = html_to_text(status.get("content"))
    spoiler = clean_text(status.get("spoiler_text") or "").strip()
    if spoiler:
        text = f"{spoiler}\n\n{text}" if text else spoiler
    reply_to = status.get("in_reply_to_id")
    return PostItem(
        platform=PLATFORM,
        platform_post_id=status_id,
        account=account,
        url=status.get("url") or status.get("uri") or "",
        text=check_length(text),
        posted_at=parse_time(status.get("created_at")),
        kind="reply" if reply_to else "post",
        language=status.get("language") or None,
        parent_platform_post_id=as_id(reply_to, "in_reply_to_id") if reply_to else None,
        metrics=_metrics(status),
        media=[_media(m) for m in status.get("media_attachments") or []],
        raw=status,
    )


def account_item(account: Any) -> AccountItem:
    account_id = as_id(require(account, "id"))
    fields = tuple(
        (str(row.get("name") or ""), str(row.get("value") or ""))
        for row in account.get("fields") or []
        if isinstance(row, dict)
    )
    return _account(
        account_id,
        str(account.get("acct") or account.get("username") or ""),
        str(account.get("url") or ""),
        str(account.get("display_name") or ""),
        str(account.get("note") or ""),
        fields,
        account.get("followers_count") if isinstance(account.get("followers_count"), int) else None,
    )


@lru_cache(maxsize=4096)  # every status repeats its author: convert each profile once
def _account(
    account_id: str,
    acct: str,
    profile_url: str,
    display_name: str,
    note: str,
    fields: tuple[tuple[str, str], ...],
    followers: int | None,
) -> AccountItem:
    host = urlsplit(profile_url).hostname
    handle = acct if "@" in acct or not host else f"{acct}@{host}"
    # The note plus the profile fields, where many put their employer (or their NIP).
    lines = [html_to_text(note)] + [f"{html_to_text(n)}: {html_to_text(v)}" for n, v in fields]
    return AccountItem(
        platform=PLATFORM,
        platform_account_id=account_id,
        handle=handle,
        display_name=clean_text(display_name),
        bio="\n".join(line for line in lines if line),
        url=profile_url,
        followers=followers,
    )


def _metrics(status: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "replies": status.get("replies_count"),
        "reposts": status.get("reblogs_count"),
        "likes": status.get("favourites_count"),
    }


def _media(media: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "type": media.get("type"),
        "url": media.get("url"),
        "remote_url": media.get("remote_url"),
        "preview_url": media.get("preview_url"),
        "description": media.get("description"),
    }


def _raise_api_error(data: Mapping[str, Any]) -> None:
    if "error" in data and "id" not in data:
        raise ParseError(f"Mastodon API error: {clean_text(str(data['error']))[:300]}")
