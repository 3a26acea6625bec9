"""X API v2: recent search, user lookup, user timelines, tweet lookup (bearer token)."""

from __future__ import annotations

import json
import re
import time
from typing import Any

from crawlers.replay import ids
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

P = "x"
_LANG = {"id": "in"}  # X still uses the withdrawn ISO 639 code for Indonesian
_HASHTAG = re.compile(r"#(\w+)")
_QUERY_TOKEN = re.compile(r'-?"[^"]+"|\S+')


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _not_found(kind: str, value: str, parameter: str) -> dict[str, Any]:
    return {
        "value": value,
        "detail": f"Could not find {kind} with {parameter}: [{value}].",
        "title": "Not Found Error",
        "resource_type": kind,
        "parameter": parameter,
        "resource_id": value,
        "type": "https://api.twitter.com/2/problems/resource-not-found",
    }


def _fields(req: Request, name: str) -> set[str]:
    return {f for f in req.arg(name).split(",") if f}


def user_json(account: Account, req: Request, ctx: Context) -> dict[str, Any]:
    user: dict[str, Any] = {"id": account.id, "name": account.name, "username": account.handle}
    wanted = _fields(req, "user.fields")
    if "description" in wanted:
        user["description"] = _escape(account.bio)
    if "created_at" in wanted:
        user["created_at"] = account.created_at
    if "public_metrics" in wanted:
        user["public_metrics"] = {
            "followers_count": account.followers,
            "following_count": account.followers // 5,
            "tweet_count": len(ctx.store.timeline(P, "account", account.id)),
            "listed_count": 0,
        }
    return user


def tweet_json(post: Post, req: Request, ctx: Context) -> dict[str, Any]:
    parent = ctx.store.posts.get((P, post.parent)) if post.parent else None
    text = post.text
    relation = None
    if post.kind == "repost" and parent:
        relation = "quoted" if post.text else "retweeted"
        if relation == "retweeted":
            text = f"RT @{parent.account.handle}: {parent.text}"
        else:
            text = f"{post.text} https://t.co/{ids.digest(parent.id, length=10)}"
    elif post.kind == "reply" and parent:
        relation, text = "replied_to", f"@{parent.account.handle} {post.text}"
    tweet: dict[str, Any] = {
        "id": post.id,
        "text": _escape(text),
        "edit_history_tweet_ids": [post.id],
    }
    wanted = _fields(req, "tweet.fields")
    if "author_id" in wanted or "author_id" in _fields(req, "expansions"):
        tweet["author_id"] = post.account.id
    if "created_at" in wanted:
        tweet["created_at"] = ids.iso(post.created_at)
    if "lang" in wanted:
        tweet["lang"] = _LANG.get(post.lang or "", post.lang or "und")
    if "public_metrics" in wanted:
        tweet["public_metrics"] = {
            "retweet_count": post.metrics.get("reposts", 0),
            "reply_count": post.metrics.get("replies", 0),
            "like_count": post.metrics.get("likes", 0),
            "quote_count": 0,
            "impression_count": post.metrics.get("likes", 0) * 37,
        }
    if "conversation_id" in wanted:
        tweet["conversation_id"] = post.parent if relation == "replied_to" else post.id
    if relation and "referenced_tweets" in wanted:
        tweet["referenced_tweets"] = [{"type": relation, "id": parent.id}]  # type: ignore[union-attr]
    if relation == "replied_to" and "in_reply_to_user_id" in wanted:
        tweet["in_reply_to_user_id"] = parent.account.id  # type: ignore[union-attr]
    if "entities" in wanted and (tags := list(_HASHTAG.finditer(text))):
        tweet["entities"] = {
            "hashtags": [{"start": m.start(), "end": m.end(), "tag": m.group(1)} for m in tags]
        }
    return tweet


def _authorised(req: Request, ctx: Context) -> Response | None:
    if req.bearer() == ctx.secrets["x_bearer"]:
        return None
    return json_response(
        {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"},
        status=401,
    )


def _limits(response: Response) -> Response:
    response.headers.update(
        {
            "x-rate-limit-limit": "450",
            "x-rate-limit-remaining": "449",
            "x-rate-limit-reset": str(int(time.time()) + 900),
        }
    )
    return response


def _listing(posts: list[Post], req: Request, ctx: Context, more: bool) -> Response:
    if not posts:
        return _limits(json_response({"meta": {"result_count": 0}}))
    expansions = _fields(req, "expansions")
    data: dict[str, Any] = {}
    includes: dict[str, Any] = {}
    if "author_id" in expansions:
        authors = {p.account.id: p.account for p in posts}
        includes["users"] = [user_json(a, req, ctx) for a in authors.values()]
    if "referenced_tweets.id" in expansions:
        parents = [ctx.store.post(P, p.parent) for p in posts if p.parent]
        includes["tweets"] = [tweet_json(t, req, ctx) for t in parents if t is not None]
        if "referenced_tweets.id.author_id" in expansions or "author_id" in expansions:
            known = {u["id"] for u in includes.get("users", [])}
            includes.setdefault("users", []).extend(
                user_json(t.account, req, ctx)
                for t in parents
                if t is not None and t.account.id not in known
            )
    if includes:
        data["includes"] = includes
    meta: dict[str, Any] = {
        "newest_id": posts[0].id,
        "oldest_id": posts[-1].id,
        "result_count": len(posts),
    }
    if more:
        meta["next_token"] = f"rp{int(posts[-1].id):x}"
    data["meta"] = meta
    rest = dumps(data)[1:]  # includes and meta: small, rendered per page
    return _limits(
        raw_json(joined([tweet_bytes(p, req, ctx) for p in posts], b'{"data":[', b"]," + rest))
    )


def tweet_bytes(post: Post, req: Request, ctx: Context) -> bytes:
    variant = ("x", req.base_url, req.arg("tweet.fields"), req.arg("expansions"))
    return ctx.store.cached(post, variant, lambda: dumps(tweet_json(post, req, ctx)))


def _page(timeline: Timeline, req: Request, low: int, keep: Any = None) -> tuple[list[Post], bool]:
    limit = req.int_arg("max_results", 10, low, 100)
    token = req.arg("pagination_token") or req.arg("next_token")
    below = int(token[2:], 16) if token.startswith("rp") else None
    if req.arg("until_id").isdigit():
        below = min(below or 10**30, int(req.arg("until_id")))
    above = int(req.arg("since_id")) if req.arg("since_id").isdigit() else None
    found: list[Post] = []
    for post in timeline.page(10**9, below=below, above=above):
        if keep is None or keep(post):
            found.append(post)
            if len(found) > limit:
                break
    return found[:limit], len(found) > limit


def _matcher(query: str, ctx: Context) -> Any:
    groups = [g.split() and _QUERY_TOKEN.findall(g) for g in re.split(r"\s+OR\s+", query)]

    def term(post: Post, token: str) -> bool:
        negate = token.startswith("-")
        token = token.lstrip("-").strip('"').lower()
        if token.startswith("is:"):
            hit = (post.kind == "repost") if token == "is:retweet" else (post.kind == "reply")
        elif token.startswith("lang:"):
            hit = post.lang == {"in": "id"}.get(token[5:], token[5:])
        elif token.startswith("from:"):
            hit = post.account.handle.lower() == token[5:]
        else:
            hit = token in searchable(post, ctx)
        return hit != negate

    return lambda post: any(all(term(post, t) for t in group) for group in groups if group)


def searchable(post: Post, ctx: Context) -> str:
    """The text X's search sees: a retweet reads "RT @user: <the shared text>"."""
    parent = ctx.store.posts.get((P, post.parent)) if post.parent else None
    if post.kind == "repost" and parent and not post.text:
        return f"rt @{parent.account.handle}: {parent.text}".lower()
    return post.text.lower()


def search_recent(req: Request, ctx: Context) -> Response:
    if (denied := _authorised(req, ctx)) is not None:
        return denied
    if not req.arg("query"):
        return json_response(
            {"errors": [{"parameters": {"query": []}, "message": "The `query` query parameter"
                         " can not be empty"}], "title": "Invalid Request", "detail":
             "One or more parameters to your request was invalid.", "type":
             "https://api.twitter.com/2/problems/invalid-request"}, status=400)  # fmt: skip
    match = _matcher(req.arg("query"), ctx)
    posts, more = _page(ctx.store.timeline(P, "all"), req, 10, keep=match)
    return _listing(posts, req, ctx, more)


def user_by_username(req: Request, ctx: Context) -> Response:
    if (denied := _authorised(req, ctx)) is not None:
        return denied
    account = ctx.store.by_handle.get((P, req.match["username"].lower()))
    if account is None:
        return json_response({"errors": [_not_found("user", req.match["username"], "username")]})
    return _limits(json_response({"data": user_json(account, req, ctx)}))


def user_tweets(req: Request, ctx: Context) -> Response:
    if (denied := _authorised(req, ctx)) is not None:
        return denied
    account = ctx.store.accounts.get((P, req.match["id"]))
    if account is None:
        return json_response({"errors": [_not_found("user", req.match["id"], "id")]})
    exclude = _fields(req, "exclude")
    kinds = {"retweets": "repost", "replies": "reply"}
    skip = {kinds[e] for e in exclude if e in kinds}
    timeline = ctx.store.timeline(P, "account", account.id)
    posts, more = _page(timeline, req, 5, keep=lambda p: p.kind not in skip)
    return _listing(posts, req, ctx, more)


def lookup(req: Request, ctx: Context) -> Response:
    if (denied := _authorised(req, ctx)) is not None:
        return denied
    wanted = [i for i in req.arg("ids").split(",") if i]
    found = [p for i in wanted if (p := ctx.store.post(P, i)) is not None]
    data = json.loads(_listing(found, req, ctx, more=False).body)
    missing = [_not_found("tweet", i, "ids") for i in wanted if ctx.store.post(P, i) is None]
    if missing:
        data.pop("meta", None)
        data["errors"] = missing
    return json_response(data)


def single(req: Request, ctx: Context) -> Response:
    if (denied := _authorised(req, ctx)) is not None:
        return denied
    post = ctx.store.post(P, req.match["id"])
    if post is None:
        return json_response({"errors": [_not_found("tweet", req.match["id"], "id")]}, 404)
    listing = json.loads(_listing([post], req, ctx, more=False).body)
    listing.pop("meta", None)
    return json_response({**listing, "data": listing["data"][0]})


ROUTES: list[Route] = [
    ("GET", r"/2/tweets/search/recent", search_recent),
    ("GET", r"/2/users/by/username/(?P<username>[A-Za-z0-9_]{1,15})", user_by_username),
    ("GET", r"/2/users/(?P<id>\d+)/tweets", user_tweets),
    ("GET", r"/2/tweets", lookup),
    ("GET", r"/2/tweets/(?P<id>\d+)", single),
]
