"""Bluesky XRPC: createSession, getProfile, getAuthorFeed, searchPosts, getPosts, getPostThread."""

from __future__ import annotations

import re
import time
from typing import Any

from crawlers.replay import ids, images
from crawlers.replay.store import Account, Post
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

P = "bluesky"
JPEG = "image/jpeg"
_TOKEN = re.compile(r"https?://[^\s]+|#\w+")


def _error(status: int, error: str, message: str) -> Response:
    return json_response({"error": error, "message": message}, status=status)


def _limits(response: Response) -> Response:
    reset = int(time.time()) + 300
    response.headers.update(
        {
            "ratelimit-limit": "3000",
            "ratelimit-remaining": "2999",
            "ratelimit-reset": str(reset),
            "ratelimit-policy": "3000;w=300",
        }
    )
    return response


def author_json(account: Account, req: Request) -> dict[str, Any]:
    return {
        "did": account.id,
        "handle": account.handle,
        "displayName": account.name,
        "avatar": f"{req.base_url}/media/avatar/{account.handle}.jpg",
        "labels": [],
        "createdAt": account.created_at,
    }


def profile_json(account: Account, req: Request, ctx: Context) -> dict[str, Any]:
    return {
        **author_json(account, req),
        "description": account.bio,
        "followersCount": account.followers,
        "followsCount": account.followers // 4,
        "postsCount": len(ctx.store.timeline(P, "account", account.id)),
        "indexedAt": account.created_at,
    }


def facets(text: str) -> list[dict[str, Any]]:
    """Links and hashtags marked up with UTF-8 byte offsets, as the Bluesky app writes them."""
    out = []
    for match in _TOKEN.finditer(text):
        start = len(text[: match.start()].encode())
        end = start + len(match.group().encode())
        token = match.group()
        feature = (
            {"$type": "app.bsky.richtext.facet#tag", "tag": token[1:]}
            if token.startswith("#")
            else {"$type": "app.bsky.richtext.facet#link", "uri": token}
        )
        out.append({"index": {"byteStart": start, "byteEnd": end}, "features": [feature]})
    return out


def post_json(post: Post, req: Request, ctx: Context) -> dict[str, Any]:
    record: dict[str, Any] = {
        "$type": "app.bsky.feed.post",
        "createdAt": ids.iso(post.created_at),
        "text": post.text,
    }
    if post.lang:
        record["langs"] = [post.lang]
    if tokens := facets(post.text):
        record["facets"] = tokens
    if post.kind == "reply" and post.parent:
        root = post.parent
        while (up := ctx.store.posts.get((P, root))) and up.kind == "reply" and up.parent:
            root = up.parent
        record["reply"] = {"parent": _ref(post.parent), "root": _ref(root)}
    if post.media:
        record["embed"] = {
            "$type": "app.bsky.embed.images",
            "images": [
                {
                    "alt": m.get("description", ""),
                    "image": {
                        "$type": "blob",
                        "ref": {"$link": images.blob_cid(post.id, i)},
                        "mimeType": JPEG,
                    },
                }
                for i, m in enumerate(post.media)
            ],
        }
    return {
        "uri": post.id,
        "cid": _cid(post.id),
        "author": author_json(post.account, req),
        "record": record,
        "replyCount": post.metrics.get("replies", 0),
        "repostCount": post.metrics.get("reposts", 0),
        "likeCount": post.metrics.get("likes", 0),
        "quoteCount": 0,
        "indexedAt": ids.iso(post.created_at),
        "labels": [],
    }


def _ref(uri: str) -> dict[str, str]:
    return {"uri": uri, "cid": _cid(uri)}


def _cid(uri: str) -> str:
    return "bafyrei" + ids.digest(uri, length=52).lower().replace("-", "a").replace("_", "b")


def feed_item(post: Post, req: Request, ctx: Context) -> dict[str, Any] | None:
    if post.kind == "repost":
        shared = ctx.store.post(P, post.parent or "")
        if shared is None:
            return None
        return {
            "post": post_json(shared, req, ctx),
            "reason": {
                "$type": "app.bsky.feed.defs#reasonRepost",
                "by": author_json(post.account, req),
                "uri": post.id,
                "cid": _cid(post.id),
                "indexedAt": ids.iso(post.created_at),
            },
        }
    item: dict[str, Any] = {"post": post_json(post, req, ctx)}
    if post.kind == "reply" and post.parent:
        reply = post_json(post, req, ctx)["record"]["reply"]
        item["reply"] = {k: _view_or_missing(v["uri"], req, ctx) for k, v in reply.items()}
    return item


def feed_item_bytes(post: Post, req: Request, ctx: Context) -> bytes:
    """The rendered feed item (b"" for a repost whose post is gone)."""

    def build() -> bytes:
        item = feed_item(post, req, ctx)
        return dumps(item) if item is not None else b""

    return ctx.store.cached(post, ("bsky-feed", req.base_url), build)


def post_bytes(post: Post, req: Request, ctx: Context) -> bytes:
    return ctx.store.cached(
        post, ("bsky-post", req.base_url), lambda: dumps(post_json(post, req, ctx))
    )


def _view_or_missing(uri: str, req: Request, ctx: Context) -> dict[str, Any]:
    found = ctx.store.post(P, uri)
    if found is None:
        return {"$type": "app.bsky.feed.defs#notFoundPost", "uri": uri, "notFound": True}
    return {"$type": "app.bsky.feed.defs#postView", **post_json(found, req, ctx)}


def create_session(req: Request, ctx: Context) -> Response:
    try:
        body = req.json()
    except ValueError:
        body = {}
    ident, password = str(body.get("identifier", "")), str(body.get("password", ""))
    if not ident or password != ctx.secrets["bluesky_password"]:
        return _error(401, "AuthenticationRequired", "Invalid identifier or password")
    token = f"replay-access-{len(ctx.tokens) + 1}-{ids.digest(ident, length=12)}"
    ctx.tokens.add(token)
    account = ctx.store.account(P, ident)
    return json_response(
        {
            "accessJwt": token,
            "refreshJwt": f"replay-refresh-{ids.digest(token, length=12)}",
            "handle": account.handle if account else ident,
            "did": account.id if account else ids.did(ident),
            "active": True,
        }
    )


def get_profile(req: Request, ctx: Context) -> Response:
    account = ctx.store.account(P, req.arg("actor"))
    if account is None:
        return _error(400, "InvalidRequest", "Profile not found")
    return _limits(json_response(profile_json(account, req, ctx)))


def author_feed(req: Request, ctx: Context) -> Response:
    account = ctx.store.account(P, req.arg("actor"))
    if account is None:
        return _error(400, "InvalidRequest", "Profile not found")
    limit = req.int_arg("limit", 50, 1, 100)
    below = _cursor_key(req.arg("cursor"))
    if req.arg("cursor") and below is None:
        return _error(400, "InvalidRequest", "Malformed cursor")
    posts = ctx.store.timeline(P, "account", account.id).page(limit, below=below)
    if req.arg("filter") == "posts_no_replies":
        posts = [p for p in posts if p.kind != "reply"]
    items = [i for p in posts if (i := feed_item_bytes(p, req, ctx))]
    tail = b"]}"
    if len(posts) == limit:
        tail = b'],"cursor":' + dumps(ids.iso(posts[-1].created_at)) + b"}"
    return _limits(raw_json(joined(items, b'{"feed":[', tail)))


def _cursor_key(cursor: str) -> int | None:
    if not cursor:
        return None
    try:
        return int(ids.from_iso(cursor).timestamp() * 1_000_000)
    except ValueError:
        return None


def search_posts(req: Request, ctx: Context) -> Response:
    token = req.bearer()
    if token is None:
        return _error(403, "Forbidden", "Search requires an authenticated session")
    if token not in ctx.tokens:
        return _error(401, "InvalidToken", "Token could not be verified")
    words = req.arg("q").lower().split()
    if not words:
        return _error(400, "InvalidRequest", 'Error: Params must have the property "q"')
    since, until = _cursor_key(req.arg("since")), _cursor_key(req.arg("until"))
    hits = [
        p
        for p in ctx.store.timeline(P, "all").page(10**9, below=until, above=since)
        if p.kind != "repost" and all(w in p.text.lower() for w in words)
    ]
    offset = int(req.arg("cursor")) if req.arg("cursor").isdigit() else 0
    limit = req.int_arg("limit", 25, 1, 100)
    chosen = hits[offset : offset + limit]
    extra: dict[str, Any] = {"hitsTotal": len(hits)}
    if offset + limit < len(hits):
        extra["cursor"] = str(offset + limit)
    tail = b"]," + dumps(extra)[1:]
    return _limits(raw_json(joined([post_bytes(p, req, ctx) for p in chosen], b'{"posts":[', tail)))


def _resolve(uri: str, ctx: Context) -> str:
    """at://handle/... → at://did/... (the app view accepts either)."""
    match = re.fullmatch(r"at://([^/]+)/(.+)", uri)
    if match and not match.group(1).startswith("did:"):
        account = ctx.store.account(P, match.group(1))
        if account is not None:
            return f"at://{account.id}/{match.group(2)}"
    return uri


def get_posts(req: Request, ctx: Context) -> Response:
    uris = [u for value in req.multi.get("uris", []) for u in value.split(",") if u]
    found = [p for u in uris if (p := ctx.store.post(P, _resolve(u, ctx))) is not None]
    return json_response({"posts": [post_json(p, req, ctx) for p in found]})


def post_thread(req: Request, ctx: Context) -> Response:
    uri = _resolve(req.arg("uri"), ctx)
    post = ctx.store.post(P, uri)
    if post is None or post.kind == "repost":
        return _error(400, "NotFound", f"Post not found: {req.arg('uri')}")
    thread = {
        "$type": "app.bsky.feed.defs#threadViewPost",
        "post": post_json(post, req, ctx),
        "replies": [
            {"$type": "app.bsky.feed.defs#threadViewPost", "post": post_json(r, req, ctx)}
            for r in ctx.store.replies_to(P, post.id)
        ],
    }
    return json_response({"thread": thread})


ROUTES: list[Route] = [
    ("POST", r"/xrpc/com\.atproto\.server\.createSession", create_session),
    ("GET", r"/xrpc/app\.bsky\.actor\.getProfile", get_profile),
    ("GET", r"/xrpc/app\.bsky\.feed\.getAuthorFeed", author_feed),
    ("GET", r"/xrpc/app\.bsky\.feed\.searchPosts", search_posts),
    ("GET", r"/xrpc/app\.bsky\.feed\.getPosts", get_posts),
    ("GET", r"/xrpc/app\.bsky\.feed\.getPostThread", post_thread),
]
