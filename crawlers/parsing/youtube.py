"""YouTube Data API v3: comment threads (by video or channel), comments, video search."""

from __future__ import annotations

import html
from collections.abc import Mapping
from functools import partial
from typing import Any

from crawlers.items import AccountItem, BadRecord, Page, ParseError, PostItem
from crawlers.parsing.common import (
    RecordError,
    as_id,
    check_length,
    clean_text,
    collect,
    describe,
    html_to_text,
    load_json,
    parse_time,
    record_bytes,
    require,
)

PLATFORM = "youtube"
WATCH = "https://www.youtube.com/watch"


def parse_comment_threads(
    body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None
) -> Page:
    """`commentThreads.list` (videoId=, allThreadsRelatedToChannelId= or id=).

    Each thread gives its top-level comment (kind "comment") and the replies included with
    it (kind "reply", parent = the top-level comment).
    """
    data = _listing(body, "youtube#commentThreadListResponse")
    page = Page()
    for thread in data["items"]:
        try:
            top = comment_item(require(require(thread, "snippet"), "topLevelComment"), thread)
        except (RecordError, KeyError, TypeError, ValueError, AttributeError) as exc:
            page.bad.append(BadRecord(reason=describe(exc), raw=record_bytes(thread), url=url))
            continue
        page.posts.append(top)
        replies = (thread.get("replies") or {}).get("comments") or []
        collect(page, replies, partial(comment_item, thread=thread), url)
    return _cursors(page, data, kinds={"comment"})


def parse_comments(body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None) -> Page:
    """`comments.list` (id= for single comments, parentId= for all replies to one)."""
    data = _listing(body, "youtube#commentListResponse")
    return _cursors(collect(Page(), data["items"], comment_item, url), data, {"comment", "reply"})


def parse_search(body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None) -> Page:
    """`search.list?type=video`: a channel's videos as its posts (the `id` is an object)."""
    data = _listing(body, "youtube#searchListResponse")
    return _cursors(collect(Page(), data["items"], video_item, url), data, {"post"})


def _listing(body: bytes, kind: str) -> dict[str, Any]:
    data = load_json(body, what="a YouTube API response")
    if not isinstance(data, dict):
        raise ParseError(f"expected a YouTube JSON object, got {type(data).__name__}")
    if isinstance(data.get("error"), dict):
        error = data["error"]
        reasons = ",".join(
            str(e.get("reason")) for e in error.get("errors") or [] if isinstance(e, dict)
        )
        raise ParseError(
            f"YouTube API error {error.get('code')} ({reasons}): {error.get('message')}"
        )
    if data.get("kind") not in (None, kind) or not isinstance(data.get("items"), list):
        raise ParseError(f"expected {kind} with an 'items' list, got kind {data.get('kind')!r}")
    return data


def _cursors(page: Page, data: dict[str, Any], kinds: set[str]) -> Page:
    page.next_cursor = data.get("nextPageToken") or None
    times = [p.posted_at for p in page.posts if p.posted_at and p.kind in kinds]
    page.newest_cursor = max(times).isoformat().replace("+00:00", "Z") if times else None
    return page


def comment_item(comment: Any, thread: Any = None) -> PostItem:
    comment_id = as_id(require(comment, "id"))
    snippet = require(comment, "snippet")
    thread_snippet = (thread or {}).get("snippet") or {}
    video = snippet.get("videoId") or thread_snippet.get("videoId")
    text = snippet.get("textOriginal")
    text = clean_text(text) if isinstance(text, str) else html_to_text(snippet.get("textDisplay"))
    parent = snippet.get("parentId")
    return PostItem(
        platform=PLATFORM,
        platform_post_id=comment_id,
        account=author_item(snippet),
        url=f"{WATCH}?v={video}&lc={comment_id}" if video else f"{WATCH}?lc={comment_id}",
        text=check_length(text.strip()),
        posted_at=parse_time(snippet.get("publishedAt")),
        kind="reply" if parent else "comment",
        parent_platform_post_id=str(parent) if parent else None,
        metrics={
            "likes": snippet.get("likeCount"),
            **({"replies": thread_snippet.get("totalReplyCount")} if not parent else {}),
        },
        raw=comment if thread is None or parent else thread,
    )


def author_item(snippet: dict[str, Any]) -> AccountItem:
    channel = snippet.get("authorChannelId")
    channel_id = channel.get("value") if isinstance(channel, dict) else channel
    if not channel_id:
        raise RecordError("comment has no authorChannelId")
    name = clean_text(str(snippet.get("authorDisplayName") or ""))
    return AccountItem(
        platform=PLATFORM,
        platform_account_id=as_id(channel_id, "authorChannelId"),
        handle=name if name.startswith("@") else "",
        display_name=name,
        url=str(snippet.get("authorChannelUrl") or f"https://www.youtube.com/channel/{channel_id}"),
    )


def video_item(result: Any) -> PostItem:
    ident = require(result, "id")
    if not isinstance(ident, dict):
        raise RecordError(f"search result id is not an object: {ident!r}")
    video = as_id(ident.get("videoId") or "", "id.videoId")
    snippet = require(result, "snippet")
    channel = as_id(snippet.get("channelId") or "", "snippet.channelId")
    title = clean_text(html.unescape(snippet.get("title") or ""))
    description = clean_text(html.unescape(snippet.get("description") or ""))
    return PostItem(
        platform=PLATFORM,
        platform_post_id=video,
        account=AccountItem(
            platform=PLATFORM,
            platform_account_id=channel,
            display_name=clean_text(snippet.get("channelTitle") or ""),
            url=f"https://www.youtube.com/channel/{channel}",
        ),
        url=f"{WATCH}?v={video}",
        text=check_length(f"{title}\n\n{description}".strip()),
        posted_at=parse_time(snippet.get("publishedAt")),
        raw=result,
    )
