"""Control endpoints under /_control/: faults, edits, deletions, new posts, the request log."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crawlers.replay.store import Post, new_post
from crawlers.replay.web import Context, Request, Response, Route, json_response

SOURCES = Path(__file__).parent / "data" / "sources.json"


class BadControl(ValueError):
    """A control request that cannot be carried out (answered with 400)."""


def _body(req: Request) -> dict[str, Any]:
    try:
        data = req.json()
    except ValueError as exc:
        raise BadControl(f"body is not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise BadControl("body must be a JSON object")
    return data


def _need(data: dict[str, Any], *names: str) -> list[Any]:
    missing = [n for n in names if data.get(n) in (None, "")]
    if missing:
        raise BadControl(f"missing {', '.join(missing)}")
    return [data[n] for n in names]


def post_summary(post: Post) -> dict[str, Any]:
    return {
        "platform": post.platform,
        "id": post.id,
        "account": post.account.id,
        "handle": post.account.handle,
        "kind": post.kind,
        "parent": post.parent,
        "text": post.text,
        "created_at": post.created_at.isoformat(),
        "edited": post.edited_at is not None,
        "deleted": post.deleted,
    }


def health(req: Request, ctx: Context) -> Response:
    return json_response({"ok": True, "posts": len(ctx.store.posts), "scale": ctx.app.scale})


def reset(req: Request, ctx: Context) -> Response:
    ctx.app.reset()
    return json_response({"ok": True})


def list_faults(req: Request, ctx: Context) -> Response:
    return json_response(ctx.app.faults.pending())


def add_fault(req: Request, ctx: Context) -> Response:
    data = _body(req)
    path, kind = _need(data, "path", "kind")
    options = {k: data[k] for k in ("count", "seconds", "status") if k in data}
    try:
        fault = ctx.app.faults.add(str(path), str(kind), **options)
    except (TypeError, ValueError) as exc:
        raise BadControl(str(exc)) from exc
    return json_response(fault.to_json(), status=201)


def clear_faults(req: Request, ctx: Context) -> Response:
    ctx.app.faults.clear()
    return json_response({"ok": True})


def list_posts(req: Request, ctx: Context) -> Response:
    platform, account = req.arg("platform"), req.arg("account")
    rows = [
        post_summary(p)
        for p in ctx.store.posts.values()
        if platform in ("", p.platform)
        and account in ("", p.account.id, p.account.handle)
        and (req.arg("deleted") == "1" or not p.deleted)
    ]
    return json_response(rows)


def edit_post(req: Request, ctx: Context) -> Response:
    platform, post_id, text = _need(_body(req), "platform", "id", "text")
    try:
        return json_response(post_summary(ctx.store.edit(platform, post_id, text)))
    except KeyError as exc:
        raise BadControl(str(exc.args[0])) from exc


def delete_post(req: Request, ctx: Context) -> Response:
    platform, post_id = _need(_body(req), "platform", "id")
    try:
        return json_response(post_summary(ctx.store.delete(platform, post_id)))
    except KeyError as exc:
        raise BadControl(str(exc.args[0])) from exc


def add_posts(req: Request, ctx: Context) -> Response:
    """{"platform", "account" (id or handle), "count"?, "text"?, "kind"?, "parent"?}"""
    data = _body(req)
    platform, ref = _need(data, "platform", "account")
    account = ctx.store.account(platform, str(ref))
    if account is None or account.platform != platform:
        raise BadControl(f"no {platform} account {ref!r}")
    count = int(data.get("count", 1))
    made = []
    for n in range(count):
        text = data.get("text") or f"Postingan baru nomor {n + 1} dari {account.name} 🆕"
        try:
            post = new_post(ctx.store, account, str(text), kind=data.get("kind", "post"),
                            parent=data.get("parent"))  # fmt: skip
        except KeyError as exc:
            raise BadControl(str(exc.args[0])) from exc
        made.append(post_summary(post))
    return json_response(made, status=201)


def list_requests(req: Request, ctx: Context) -> Response:
    since = req.int_arg("since", 0, 0, 2**62)
    path = req.arg("path")
    rows = [r for r in ctx.app.log if r["n"] > since and r["path"].startswith(path)]
    return json_response(rows)


def clear_requests(req: Request, ctx: Context) -> Response:
    ctx.app.log.clear()
    return json_response({"ok": True})


def sources(req: Request, ctx: Context) -> Response:
    return json_response(sources_for(ctx.app, req.base_url))


def sources_for(app: Any, base_url: str) -> list[dict[str, Any]]:
    """The `sources` rows for this data set, pointing at `base_url`."""
    if app.scale is None:
        rows = json.loads(SOURCES.read_text(encoding="utf-8"))
    else:
        rows = app.store.synth_sources
    text = json.dumps(rows, ensure_ascii=False).replace("{base_url}", base_url.rstrip("/"))
    result: list[dict[str, Any]] = json.loads(text)
    return result


ROUTES: list[Route] = [
    ("GET", r"/_control/health", health),
    ("POST", r"/_control/reset", reset),
    ("GET", r"/_control/faults", list_faults),
    ("POST", r"/_control/faults", add_fault),
    ("POST", r"/_control/faults/clear", clear_faults),
    ("GET", r"/_control/posts", list_posts),
    ("POST", r"/_control/posts/edit", edit_post),
    ("POST", r"/_control/posts/delete", delete_post),
    ("POST", r"/_control/posts/add", add_posts),
    ("GET", r"/_control/requests", list_requests),
    ("POST", r"/_control/requests/clear", clear_requests),
    ("GET", r"/_control/sources", sources),
]
