"""Bluesky (AT Protocol app view): session, profile, author feed, post search, single posts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crawlers.items import AccountItem, Page, ParseError, PostItem
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

PLATFORM = "bluesky"
APP_URL = "https://bsky.app"
_REPOST = "app.bsky.feed.defs#reasonRepost"
_FACET_TYPES = {
    "app.bsky.richtext.facet#link": ("link", "uri"),
    "app.bsky.richtext.facet#mention": ("mention", "did"),
    "app.bsky.richtext.facet#tag": ("tag", "tag"),
}


def parse_session(body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None) -> str:
    """`com.atproto.server.createSession` → the access token (accessJwt)."""
    data = _object(body, "a session")
    token = data.get("accessJwt")
    if not isinstance(token, str) or not token:
        raise ParseError("session response has no accessJwt")
    return token


def parse_profile(body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None) -> Page:
    """`app.bsky.actor.getProfile` → Page(account=...)."""
    data = _object(body, "a profile")
    try:
        account = account_item(data)
    except (RecordError, KeyError, TypeError, ValueError) as exc:
        raise ParseError(f"unusable Bluesky profile: {exc}") from exc
    followers = data.get("followersCount")
    return Page(account=_with_followers(account, followers))


def parse_author_feed(
    body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None
) -> Page:
    """`app.bsky.feed.getAuthorFeed`: feed items (posts, replies, reposts); timestamp cursor."""
    data = _object(body, "an author feed")
    feed = data.get("feed")
    if not isinstance(feed, list):
        raise ParseError("author feed has no 'feed' list")
    page = collect(Page(), feed, feed_item, url)
    return _cursors(page, data)


def parse_search(body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None) -> Page:
    """`app.bsky.feed.searchPosts`: post views; the cursor is an offset written as a string."""
    data = _object(body, "search results")
    posts = data.get("posts")
    if not isinstance(posts, list):
        raise ParseError("search response has no 'posts' list")
    return _cursors(collect(Page(), posts, post_item, url), data)


def parse_posts(body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None) -> Page:
    """`app.bsky.feed.getPosts?uris=` (single-post capture): same shape as search."""
    return parse_search(body, url=url, headers=headers)


def parse_thread(body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None) -> Page:
    """`app.bsky.feed.getPostThread?uri=`: the post itself (replies and parents left out)."""
    data = _object(body, "a post thread")
    thread = data.get("thread")
    if not isinstance(thread, dict) or "post" not in thread:
        kind = thread.get("$type") if isinstance(thread, dict) else None
        raise ParseError(f"thread has no post (got {kind or type(thread).__name__})")
    page = collect(Page(), [thread["post"]], post_item, url)
    page.newest_cursor = page.posts[0].platform_post_id if page.posts else None
    return page


def _object(body: bytes, what: str) -> dict[str, Any]:
    data = load_json(body, what=f"Bluesky {what}")
    if not isinstance(data, dict):
        raise ParseError(f"expected a JSON object for Bluesky {what}, got {type(data).__name__}")
    if "error" in data and len(data) <= 3:
        message = clean_text(str(data.get("message") or ""))[:300]
        raise ParseError(f"Bluesky API error {data['error']}: {message}")
    return data


def _cursors(page: Page, data: dict[str, Any]) -> Page:
    cursor = data.get("cursor")
    page.next_cursor = str(cursor) if cursor not in (None, "") and page.posts else None
    times = [p.posted_at for p in page.posts if p.posted_at]
    page.newest_cursor = max(times).isoformat().replace("+00:00", "Z") if times else None
    return page


def feed_item(item: Any) -> PostItem:
    post = post_item(require(item, "post"))
    reason = item.get("reason")
    if isinstance(reason, dict) and reason.get("$type") == _REPOST:
        by = account_item(require(reason, "by"))
        return PostItem(
            platform=PLATFORM,
            platform_post_id=reason.get("uri")
            or f"{post.platform_post_id}#repostedBy={by.platform_account_id}",
            account=by,
            url=post.url,
            text="",
            posted_at=parse_time(reason.get("indexedAt")) or post.posted_at,
            kind="repost",
            language=post.language,
            parent_platform_post_id=post.platform_post_id,
            parent=post,
            raw=item,
        )
    reply = item.get("reply")
    parent_view = reply.get("parent") if isinstance(reply, dict) else None
    if post.kind == "reply" and isinstance(parent_view, dict) and "record" in parent_view:
        try:
            post.parent = post_item(parent_view)
        except (RecordError, KeyError, TypeError, ValueError):
            post.parent = None  # a deleted or blocked parent: keep the reply without it
    return post


def post_item(view: Any) -> PostItem:
    uri = as_id(require(view, "uri"), "uri")
    if not uri.startswith("at://"):
        raise RecordError(f"post uri is not an at:// URI: {uri[:100]!r}")
    record = require(view, "record")
    author = account_item(require(view, "author"))
    raw_text = record.get("text") or ""
    if not isinstance(raw_text, str):
        raise RecordError("record.text is not a string")
    text = check_length(clean_text(raw_text))
    reply = record.get("reply")
    parent_uri = reply.get("parent", {}).get("uri") if isinstance(reply, dict) else None
    langs = record.get("langs")
    return PostItem(
        platform=PLATFORM,
        platform_post_id=uri,
        account=author,
        url=f"{APP_URL}/profile/{author.handle or author.platform_account_id}/post/{_rkey(uri)}",
        text=text,
        posted_at=parse_time(record.get("createdAt")) or parse_time(view.get("indexedAt")),
        kind="reply" if parent_uri else "post",
        language=langs[0] if isinstance(langs, list) and langs else None,
        parent_platform_post_id=parent_uri,
        metrics={
            "replies": view.get("replyCount"),
            "reposts": view.get("repostCount"),
            "likes": view.get("likeCount"),
            "quotes": view.get("quoteCount"),
        },
        media=_media(record.get("embed")),
        entities=facets(raw_text, record.get("facets")),
        raw=view,
    )


def _rkey(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


def facets(text: str, raw_facets: Any) -> list[dict[str, Any]]:
    """Bluesky facets (UTF-8 byte ranges) as entities with character offsets into `text`."""
    if not isinstance(raw_facets, list) or not text:
        return []
    data = text.encode("utf-8", errors="surrogatepass")
    entities = []
    for facet in raw_facets:
        try:
            start, end = int(facet["index"]["byteStart"]), int(facet["index"]["byteEnd"])
            feature = facet["features"][0]
        except (KeyError, IndexError, TypeError, ValueError):
            continue
        kind_field = _FACET_TYPES.get(feature.get("$type", ""))
        if kind_field is None or not 0 <= start < end <= len(data):
            continue
        char_start = len(data[:start].decode("utf-8", errors="replace"))
        span = data[start:end].decode("utf-8", errors="replace")
        entities.append(
            {
                "type": kind_field[0],
                "start": char_start,
                "end": char_start + len(span),
                "text": span,
                "value": str(feature.get(kind_field[1], "")),
            }
        )
    return entities


def _media(embed: Any) -> list[dict[str, Any]]:
    if not isinstance(embed, dict):
        return []
    kind = embed.get("$type", "")
    if kind == "app.bsky.embed.images":
        return [
            {"type": "image", "description": img.get("alt") or "", "mime": _mime(img)}
            for img in embed.get("images") or []
            if isinstance(img, dict)
        ]
    if kind == "app.bsky.embed.external" and isinstance(embed.get("external"), dict):
        ext = embed["external"]
        return [{"type": "link", "url": ext.get("uri"), "description": ext.get("title") or ""}]
    if kind == "app.bsky.embed.video":
        return [{"type": "video", "description": embed.get("alt") or ""}]
    if kind == "app.bsky.embed.recordWithMedia":
        return _media(embed.get("media"))
    return []


def _mime(image: dict[str, Any]) -> str | None:
    blob = image.get("image")
    return blob.get("mimeType") if isinstance(blob, dict) else None


def account_item(profile: Any) -> AccountItem:
    did = as_id(require(profile, "did"), "did")
    handle = str(profile.get("handle") or "")
    return AccountItem(
        platform=PLATFORM,
        platform_account_id=did,
        handle=handle,
        display_name=clean_text(str(profile.get("displayName") or "")),
        bio=clean_text(str(profile.get("description") or "")),
        url=f"{APP_URL}/profile/{handle or did}",
    )


def _with_followers(account: AccountItem, followers: Any) -> AccountItem:
    if isinstance(followers, int):
        return AccountItem(**{**account.__dict__, "followers": followers})
    return account
