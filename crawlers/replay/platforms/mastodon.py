"""Mastodon REST API v1: account lookup, account statuses, hashtag timelines, one status."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from crawlers.replay import ids
from crawlers.replay.platforms.markup import to_html
from crawlers.replay.store import Account, Post, Timeline
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

P = "mastodon"
DEFAULT_LIMIT, MAX_LIMIT = 20, 40


def account_json(account: Account, req: Request, ctx: Context) -> dict[str, Any]:
    base = req.base_url
    own = ctx.store.timeline(P, "account", account.id)
    return {
        "id": account.id,
        "username": account.handle,
        "acct": account.handle,
        "display_name": account.name,
        "locked": False,
        "bot": False,
        "discoverable": True,
        "group": False,
        "created_at": account.created_at,
        "note": to_html(account.bio, f"{base}/tags/") if account.bio else "",
        "url": f"{base}/@{account.handle}",
        "uri": f"{base}/users/{account.handle}",
        "avatar": f"{base}/media/avatar/{account.id}.png",
        "avatar_static": f"{base}/media/avatar/{account.id}.png",
        "header": f"{base}/headers/original/missing.png",
        "followers_count": account.followers,
        "following_count": account.followers // 3,
        "statuses_count": len(own),
        "last_status_at": own.posts[-1].created_at.date().isoformat() if own.posts else None,
        "emojis": [],
        "fields": [{"name": n, "value": v, "verified_at": None} for n, v in account.fields],
    }


def status_json(post: Post, req: Request, ctx: Context) -> dict[str, Any]:
    base, handle = req.base_url, post.account.handle
    parent = ctx.store.posts.get((P, post.parent)) if post.parent else None
    reblog = parent if post.kind == "repost" else None
    status: dict[str, Any] = {
        "id": post.id,
        "created_at": ids.iso(post.created_at),
        "in_reply_to_id": post.parent if post.kind == "reply" else None,
        "in_reply_to_account_id": parent.account.id if parent and not reblog else None,
        "sensitive": False,
        "spoiler_text": "",
        "visibility": "public",
        "language": None if reblog else post.lang,
        "uri": f"{base}/users/{handle}/statuses/{post.id}" + ("/activity" if reblog else ""),
        "url": None if reblog else f"{base}/@{handle}/{post.id}",
        "replies_count": post.metrics.get("replies", 0),
        "reblogs_count": post.metrics.get("reposts", 0),
        "favourites_count": post.metrics.get("likes", 0),
        "edited_at": ids.iso(post.edited_at) if post.edited_at else None,
        "content": "" if reblog else to_html(post.text, f"{base}/tags/"),
        "reblog": status_json(reblog, req, ctx) if reblog else None,
        "account": account_json(post.account, req, ctx),
        "media_attachments": [_media(post, i, m, base) for i, m in enumerate(post.media)],
        "mentions": [],
        "tags": [{"name": t, "url": f"{base}/tags/{t}"} for t in post.tags],
        "emojis": [],
        "card": None,
        "poll": None,
    }
    return status


def status_bytes(post: Post, req: Request, ctx: Context) -> bytes:
    return ctx.store.cached(
        post, ("mastodon", req.base_url), lambda: dumps(status_json(post, req, ctx))
    )


def _media(post: Post, i: int, media: dict[str, Any], base: str) -> dict[str, Any]:
    media_id = f"{post.id}{i}"
    return {
        "id": media_id,
        "type": media.get("type", "image"),
        "url": f"{base}/media/{media_id}.jpg",
        "preview_url": f"{base}/media/{media_id}-small.jpg",
        "remote_url": None,
        "description": media.get("description"),
    }


def _not_found() -> Response:
    return json_response({"error": "Record not found"}, status=404)


def _limits(req: Request, response: Response) -> Response:
    reset = ids.iso(datetime.now(UTC) + timedelta(minutes=5))
    response.headers.update(
        {"x-ratelimit-limit": "300", "x-ratelimit-remaining": "299", "x-ratelimit-reset": reset}
    )
    return response


def lookup(req: Request, ctx: Context) -> Response:
    account = ctx.store.account(P, req.arg("acct").split("@")[0])
    if account is None or account.platform != P:
        return _not_found()
    return _limits(req, json_response(account_json(account, req, ctx)))


def get_account(req: Request, ctx: Context) -> Response:
    account = ctx.store.accounts.get((P, req.match["id"]))
    return _not_found() if account is None else json_response(account_json(account, req, ctx))


def account_statuses(req: Request, ctx: Context) -> Response:
    account = ctx.store.accounts.get((P, req.match["id"]))
    if account is None:
        return _not_found()
    return _page(req, ctx, ctx.store.timeline(P, "account", account.id))


def tag_timeline(req: Request, ctx: Context) -> Response:
    return _page(req, ctx, ctx.store.timeline(P, "tag", req.match["tag"].lower()))


def _page(req: Request, ctx: Context, timeline: Timeline) -> Response:
    limit = req.int_arg("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    below = _int(req.arg("max_id"))
    min_id, since_id = _int(req.arg("min_id")), _int(req.arg("since_id"))
    exclude_replies = req.arg("exclude_replies").lower() in {"true", "1"}
    exclude_reblogs = req.arg("exclude_reblogs").lower() in {"true", "1"}
    if exclude_replies or exclude_reblogs:
        kept = Timeline()
        for post in timeline.posts:
            if not (exclude_replies and post.kind == "reply") and not (
                exclude_reblogs and post.kind == "repost"
            ):
                kept.add(post)
        timeline = kept
    above = min_id if min_id is not None else since_id
    posts = timeline.page(limit, below=below, above=above, adjacent=min_id is not None)
    response = raw_json(joined([status_bytes(p, req, ctx) for p in posts]))
    if posts:
        keep = {k: v for k, v in req.query.items() if k not in {"max_id", "min_id", "since_id"}}
        links = [f'<{req.url(req.path, {**keep, "min_id": posts[0].id})}>; rel="prev"']
        if len(posts) == limit:
            links.insert(0, f'<{req.url(req.path, {**keep, "max_id": posts[-1].id})}>; rel="next"')
        response.headers["link"] = ", ".join(links)
    return _limits(req, response)


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def get_status(req: Request, ctx: Context) -> Response:
    post = ctx.store.post(P, req.match["id"])
    return _not_found() if post is None else json_response(status_json(post, req, ctx))


ROUTES: list[Route] = [
    ("GET", r"/api/v1/accounts/lookup", lookup),
    ("GET", r"/api/v1/accounts/(?P<id>\d+)", get_account),
    ("GET", r"/api/v1/accounts/(?P<id>\d+)/statuses", account_statuses),
    ("GET", r"/api/v1/timelines/tag/(?P<tag>[^/]+)", tag_timeline),
    ("GET", r"/api/v1/statuses/(?P<id>\d+)", get_status),
]
