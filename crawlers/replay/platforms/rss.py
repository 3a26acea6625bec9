"""News feeds: `/feeds/<name>.xml` as RSS 2.0 or Atom, with ETag and Last-Modified (304)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from html import escape

from crawlers.replay.store import Account, Post
from crawlers.replay.web import Context, Request, Response, Route, text_response

P = "rss"
WIB = timezone(timedelta(hours=7))


def _item_number(post: Post) -> str:
    """52001 of ".../berita/52001/slug", "wp-52001" or "tag:...:artikel-52001"."""
    if "/berita/" in post.id:
        return post.id.split("/berita/")[1].split("/")[0]
    return post.id.rsplit("-", 1)[-1]


def _pub_date(post: Post, index: int, quirks: list[str]) -> str:
    if "epoch" in quirks and index % 7 == 3:
        return "Thu, 01 Jan 1970 00:00:00 +0000"  # what broken CMSes send for "unknown"
    stamp = format_datetime(post.created_at.astimezone(WIB))
    if "two-digit-year" in quirks:
        year = f"{post.created_at.astimezone(WIB).year}"
        stamp = stamp.replace(f" {year} ", f" {year[2:]} ")
    return stamp


def _description(post: Post) -> str:
    image = ""
    if post.media:
        number = _item_number(post)
        image = f'<img src="https://img.example/{number}.jpg" align="left" border="0">'
    return escape(f"{image}<p>{escape(post.text)}</p>")


def rss_document(account: Account, posts: list[Post]) -> str:
    quirks = list(account.extra.get("quirks", []))
    site = account.extra["site"]
    items = []
    for i, post in enumerate(posts):
        guid = post.id
        permalink = guid.startswith("http")
        link = guid if permalink else f"{site}read/{_item_number(post)}"
        items.append(
            "    <item>\n"
            f"      <title>{escape(post.extra.get('title', ''))}</title>\n"
            f"      <link>{escape(link)}</link>\n"
            f"      <pubDate>{_pub_date(post, i, quirks)}</pubDate>\n"
            f"      <description>{_description(post)}</description>\n"
            f'      <guid isPermaLink="{str(permalink).lower()}">{escape(guid)}</guid>\n'
            "    </item>\n"
        )
    encoding = account.extra.get("encoding", "utf-8").upper()
    lead = "\n" if "leading-whitespace" in quirks else ""
    return (
        f'{lead}<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0">\n  <channel>\n'
        f"    <title>{escape(account.name)}</title>\n"
        f"    <description>{escape(account.bio)}</description>\n"
        f"    <link>{escape(site)}</link>\n    <language>id</language>\n"
        + "".join(items)
        + "  </channel>\n</rss>\n"
    )


def atom_document(account: Account, posts: list[Post]) -> str:
    site = account.extra["site"]
    updated = posts[0].created_at.isoformat() if posts else "2026-10-01T00:00:00+00:00"
    entries = []
    for post in posts:
        changed = post.edited_at or post.created_at
        entries.append(
            "  <entry>\n"
            f"    <id>{escape(post.id)}</id>\n"
            f"    <title>{escape(post.extra.get('title', ''))}</title>\n"
            f'    <link rel="alternate" href="{site}artikel/{_item_number(post)}"/>\n'
            f"    <published>{post.created_at.astimezone(WIB).isoformat()}</published>\n"
            f"    <updated>{changed.astimezone(WIB).isoformat()}</updated>\n"
            f'    <content type="html">{escape(f"<p>{escape(post.text)}</p>")}</content>\n'
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">\n'
        f"  <title>{escape(account.name)}</title>\n  <subtitle>{escape(account.bio)}</subtitle>\n"
        f'  <link rel="alternate" href="{site}"/>\n  <id>{site}</id>\n'
        f"  <updated>{updated}</updated>\n" + "".join(entries) + "</feed>\n"
    )


def document(account: Account, posts: list[Post]) -> bytes:
    atom = account.extra.get("format") == "atom"
    text = atom_document(account, posts) if atom else rss_document(account, posts)
    return text.encode(account.extra.get("encoding", "utf-8"), errors="xmlcharrefreplace")


def feed(req: Request, ctx: Context) -> Response:
    account = ctx.store.account(P, req.match["name"])
    if account is None:
        return text_response("<html><body><h1>404 Not Found</h1></body></html>", "text/html", 404)
    posts = ctx.store.timeline(P, "account", account.id).page(10**9)
    atom = account.extra.get("format") == "atom"
    encoding = account.extra.get("encoding", "utf-8")
    body = ctx.store.cached(account, "feed", lambda: document(account, posts))
    etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
    changed = max((p.edited_at or p.created_at for p in posts), default=None)
    last_modified = format_datetime(changed, usegmt=True) if changed else None
    headers = {"etag": etag, **({"last-modified": last_modified} if last_modified else {})}
    if _not_modified(req, etag, changed):
        return Response(status=304, headers=headers, content_type="application/rss+xml")
    kind = "application/atom+xml" if atom else "application/rss+xml"
    return Response(body=body, content_type=f"{kind}; charset={encoding}", headers=headers)


def _not_modified(req: Request, etag: str, changed: datetime | None) -> bool:
    match = req.headers.get("if-none-match")
    if match is not None:
        return etag in [m.strip() for m in match.split(",")] or match.strip() == "*"
    since = req.headers.get("if-modified-since")
    if since and changed is not None:
        try:
            return parsedate_to_datetime(since) >= changed.replace(microsecond=0)
        except (TypeError, ValueError):
            return False
    return False


ROUTES: list[Route] = [("GET", r"/feeds/(?P<name>[a-z0-9-]+)\.xml", feed)]
