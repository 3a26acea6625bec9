"""YouTube Data API v3: commentThreads, comments and search (API key required)."""

from __future__ import annotations

import base64
from typing import Any

from crawlers.replay import ids
from crawlers.replay.platforms.markup import to_html
from crawlers.replay.store import Post, Timeline
from crawlers.replay.web import (
    Context,
    Request,
    Response,
    Route,
    dumps,
    joined,
    json_response,
    raw_json,
)

P = "youtube"


def _error(code: int, reason: str, message: str, status: str) -> Response:
    error = {"message": message, "domain": "global", "reason": reason}
    return json_response(
        {"error": {"code": code, "message": message, "errors": [error], "status": status}}, code
    )


def _key_problem(req: Request, ctx: Context) -> Response | None:
    key = req.arg("key") or req.headers.get("x-goog-api-key", "")
    if not key:
        return _error(
            403,
            "forbidden",
            "Method doesn't allow unregistered callers (callers without established identity)."
            " Please use API Key or other form of API consumer identity to call this API.",
            "PERMISSION_DENIED",
        )
    if key != ctx.secrets["youtube_key"]:
        return _error(400, "badRequest", "API key not valid. Please pass a valid API key.",
                      "INVALID_ARGUMENT")  # fmt: skip
    return None


def _token(key: int) -> str:
    return base64.urlsafe_b64encode(f"before:{key}".encode()).decode()


def _below(token: str) -> int | None:
    try:
        return int(base64.urlsafe_b64decode(token.encode()).decode().split(":", 1)[1])
    except (ValueError, IndexError, UnicodeDecodeError):
        return None


def comment_json(post: Post, req: Request) -> dict[str, Any]:
    account = post.account
    plain = req.arg("textFormat") == "plainText"
    snippet: dict[str, Any] = {
        "videoId": post.extra.get("video", ""),
        "textDisplay": post.text if plain else to_html(post.text, "", paragraphs=False),
        "textOriginal": post.text,
        "authorDisplayName": account.name,
        "authorProfileImageUrl": f"{req.base_url}/media/yt/{account.id}.jpg",
        "authorChannelUrl": f"http://www.youtube.com/channel/{account.id}",
        "authorChannelId": {"value": account.id},
        "canRate": True,
        "viewerRating": "none",
        "likeCount": post.metrics.get("likes", 0),
        "publishedAt": post.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "updatedAt": (post.edited_at or post.created_at).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if post.kind == "reply":
        snippet["parentId"] = post.parent
    return {"kind": "youtube#comment", "etag": ids.digest("etag", post.id, post.text),
            "id": post.id, "snippet": snippet}  # fmt: skip


def thread_json(post: Post, req: Request, ctx: Context) -> dict[str, Any]:
    replies = ctx.store.replies_to(P, post.id)
    thread: dict[str, Any] = {
        "kind": "youtube#commentThread",
        "etag": ids.digest("thread", post.id),
        "id": post.id,
        "snippet": {
            "channelId": ctx.store.video_owner(post.extra.get("video", "")),
            "videoId": post.extra.get("video", ""),
            "topLevelComment": comment_json(post, req),
            "canReply": True,
            "totalReplyCount": len(replies),
            "isPublic": True,
        },
    }
    if replies and "replies" in req.arg("part", "snippet"):
        thread["replies"] = {"comments": [comment_json(r, req) for r in replies[:5]]}
    return thread


def thread_bytes(post: Post, req: Request, ctx: Context) -> bytes:
    variant = ("yt", req.base_url, "replies" in req.arg("part", "snippet"), req.arg("textFormat"))
    return ctx.store.cached(post, variant, lambda: dumps(thread_json(post, req, ctx)))


def _paged(timeline: Timeline, req: Request, wrap: Any, kind: str) -> Response:
    limit = req.int_arg("maxResults", 20, 1, 100)
    below = _below(req.arg("pageToken")) if req.arg("pageToken") else None
    if req.arg("pageToken") and below is None:
        return _error(400, "invalidPageToken", "The request specifies an invalid page token.",
                      "INVALID_ARGUMENT")  # fmt: skip
    posts = timeline.page(limit + 1, below=below)
    head: dict[str, Any] = {
        "kind": kind,
        "etag": ids.digest(kind, req.arg("pageToken"), len(posts)),
    }
    if len(posts) > limit:
        head["nextPageToken"] = _token(posts[limit - 1].key)
    head["pageInfo"] = {"totalResults": min(len(posts), limit), "resultsPerPage": limit}
    items = [wrap(p) for p in posts[:limit]]
    return raw_json(joined(items, dumps(head)[:-1] + b',"items":[', b"]}"))


def _items(kind: str, ident: str, items: list[dict[str, Any]]) -> Response:
    page = {"totalResults": len(items), "resultsPerPage": 20}
    return json_response(
        {"kind": kind, "etag": ids.digest(ident), "items": items, "pageInfo": page}
    )


def comment_threads(req: Request, ctx: Context) -> Response:
    if (problem := _key_problem(req, ctx)) is not None:
        return problem
    kind = "youtube#commentThreadListResponse"
    if req.arg("id"):
        found = [p for i in req.arg("id").split(",") if (p := ctx.store.post(P, i))]
        threads = [thread_json(p, req, ctx) for p in found if p.kind == "comment"]
        return _items(kind, req.arg("id"), threads)
    if req.arg("videoId"):
        if not ctx.store.video_owner(req.arg("videoId")):
            return _error(404, "videoNotFound", "The video identified by the <code>videoId</code>"
                          " parameter could not be found.", "NOT_FOUND")  # fmt: skip
        timeline = ctx.store.timeline(P, "video", req.arg("videoId"))
    elif req.arg("allThreadsRelatedToChannelId"):
        channel = req.arg("allThreadsRelatedToChannelId")
        if ctx.store.account(P, channel) is None:
            return _error(404, "channelNotFound", "The channel could not be found.", "NOT_FOUND")
        timeline = ctx.store.timeline(P, "channel", channel)
    else:
        message = "No filter selected. Expected one of: videoId, allThreadsRelatedToChannelId, id"
        return _error(400, "missingRequiredParameter", message, "INVALID_ARGUMENT")
    return _paged(timeline, req, lambda p: thread_bytes(p, req, ctx), kind)


def comments(req: Request, ctx: Context) -> Response:
    if (problem := _key_problem(req, ctx)) is not None:
        return problem
    kind = "youtube#commentListResponse"
    if req.arg("parentId"):
        timeline = Timeline()
        for reply in ctx.store.replies_to(P, req.arg("parentId")):
            timeline.add(reply)
        return _paged(timeline, req, lambda p: dumps(comment_json(p, req)), kind)
    found = [p for i in req.arg("id").split(",") if i and (p := ctx.store.post(P, i))]
    if not found:
        return _error(404, "commentNotFound", "The comment identified by the <code>id</code>"
                      " parameter could not be found.", "NOT_FOUND")  # fmt: skip
    return _items(kind, req.arg("id"), [comment_json(p, req) for p in found])


def search(req: Request, ctx: Context) -> Response:
    """`search.list?type=video&channelId=`: the channel's videos; `id` is an object."""
    if (problem := _key_problem(req, ctx)) is not None:
        return problem
    owner = ctx.store.account(P, req.arg("channelId"))
    videos = owner.extra.get("videos", []) if owner else []
    items = [
        {
            "kind": "youtube#searchResult",
            "etag": ids.digest("search", video),
            "id": {"kind": "youtube#video", "videoId": video},
            "snippet": {
                "publishedAt": "2026-10-15T12:00:00Z",
                "channelId": owner.id if owner else "",
                "title": title.replace("'", "&#39;"),
                "description": f"Video {title} dari {owner.name if owner else ''}.",
                "channelTitle": owner.name if owner else "",
            },
        }
        for video, title in videos
    ]
    return json_response({"kind": "youtube#searchListResponse", "etag": ids.digest("s"),
                          "pageInfo": {"totalResults": len(items), "resultsPerPage": 25},
                          "items": items})  # fmt: skip


ROUTES: list[Route] = [
    ("GET", r"/youtube/v3/commentThreads", comment_threads),
    ("GET", r"/youtube/v3/comments", comments),
    ("GET", r"/youtube/v3/search", search),
]
