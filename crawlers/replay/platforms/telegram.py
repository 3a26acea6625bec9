"""Telegram web previews: `/s/<channel>` pages (?before= / ?after=), embeds, robots.txt."""

from __future__ import annotations

import html
import re

from crawlers.replay.store import Account, Post
from crawlers.replay.web import Context, Request, Response, Route, text_response

P = "telegram"
PAGE_SIZE = 20
HTML = "text/html; charset=utf-8"
ROBOTS = "User-agent: *\nDisallow: /s/larangan_robot\nDisallow: /_control/\n"
_TOKEN = re.compile(r"(https?://[^\s<]+)|#(\w+)|([\U0001F000-\U0001FAFF\u2600-\u27BF]\ufe0f?)")


def count_text(value: int) -> str:
    """Telegram's abbreviated counters: 826, 12.3K, 8.67M."""
    for limit, suffix in ((1_000_000, "M"), (1_000, "K")):
        if value >= limit:
            number = value / limit
            digits = 2 if number < 10 else 1 if number < 100 else 0
            return f"{number:.{digits}f}".rstrip("0").rstrip(".") + suffix
    return str(value)


def text_html(text: str) -> str:
    out, last = [], 0
    for match in _TOKEN.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        url, tag, emoji = match.groups()
        if url:
            out.append(
                f'<a href="{(safe := html.escape(url))}" target="_blank" rel="noopener">{safe}</a>'
            )
        elif tag:
            out.append(f'<a href="?q=%23{tag}">#{html.escape(tag)}</a>')
        else:
            code = emoji.encode().hex().upper()
            out.append(
                f'<i class="emoji" style="background-image:url(\'//telegram.org/img/emoji/40/'
                f"{code}.png')\"><b>{emoji}</b></i>"
            )
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out).replace("\n", "<br/>")


def message_html(post: Post, req: Request, ctx: Context) -> str:
    channel, number = post.id.rsplit("/", 1)
    base, name = req.base_url, html.escape(post.account.name)
    parts = [
        '<div class="tgme_widget_message_wrap js-widget_message_wrap">'
        f'<div class="tgme_widget_message text_not_supported_wrap js-widget_message" '
        f'data-post="{channel}/{number}" data-view="replay">'
        f'<div class="tgme_widget_message_user"><a href="{base}/{channel}">'
        f'<i class="tgme_widget_message_user_photo" data-content="{name[:1]}"></i></a></div>'
        '<div class="tgme_widget_message_bubble">'
    ]
    parent = ctx.store.posts.get((P, post.parent)) if post.parent else None
    if post.kind == "repost" and parent:
        origin, origin_number = parent.id.rsplit("/", 1)
        parts.append(
            '<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from '
            f'<a class="tgme_widget_message_forwarded_from_name" href="{base}/{origin}/'
            f'{origin_number}"><span dir="auto">{html.escape(parent.account.name)}</span></a></div>'
        )
    parts.append(
        '<div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_'
        f'name" href="{base}/{channel}"><span dir="auto">{name}</span></a></div>'
    )
    if post.kind == "reply" and parent:
        parts.append(
            f'<a class="tgme_widget_message_reply" href="{base}/{parent.id}">'
            '<div class="tgme_widget_message_author accent_color"><span class="tgme_widget_'
            f'message_author_name" dir="auto">{html.escape(parent.account.name)}</span></div>'
            '<div class="tgme_widget_message_metatext js-message_reply_text" dir="auto">'
            f"{html.escape(parent.text[:80])}</div></a>"
        )
    for i, _media in enumerate(post.media):
        parts.append(
            f'<a class="tgme_widget_message_photo_wrap" href="{base}/{post.id}?single" '
            f"style=\"width:800px;background-image:url('{base}/media/tg-{number}-{i}.jpg')\"></a>"
        )
    parts.append(
        f'<div class="tgme_widget_message_text js-message_text" dir="auto">{text_html(post.text)}'
        "</div>"
        '<div class="tgme_widget_message_footer compact js-message_footer">'
        '<div class="tgme_widget_message_info short js-message_info">'
        f'<span class="tgme_widget_message_views">{count_text(post.metrics.get("views", 0))}'
        '</span><span class="copyonly"> views</span><span class="tgme_widget_message_meta">'
        + ('<span class="tgme_widget_message_meta">edited</span> ' if post.edited_at else "")
        + f'<a class="tgme_widget_message_date" href="{base}/{channel}/{number}">'
        f'<time datetime="{post.created_at.strftime("%Y-%m-%dT%H:%M:%S+00:00")}" class="time">'
        f"{post.created_at:%H:%M}</time></a></span></div></div></div></div></div>"
    )
    return "".join(parts)


def message_cached(post: Post, req: Request, ctx: Context) -> str:
    return ctx.store.cached(post, ("tg", req.base_url), lambda: message_html(post, req, ctx))


def channel_info(account: Account, req: Request) -> str:
    return (
        '<div class="tgme_channel_info"><div class="tgme_channel_info_header">'
        '<div class="tgme_channel_info_header_title_wrap"><div class="tgme_channel_info_header_'
        f'title"><span dir="auto">{html.escape(account.name)}</span></div></div>'
        '<div class="tgme_channel_info_header_username"><a href="'
        f'{req.base_url}/{account.handle}">@{account.handle}</a></div></div>'
        '<div class="tgme_channel_info_counters"><div class="tgme_channel_info_counter">'
        f'<span class="counter_value">{count_text(account.followers)}</span> '
        '<span class="counter_type">subscribers</span></div></div>'
        f'<div class="tgme_channel_info_description">{text_html(account.bio)}</div></div>'
    )


def _document(title: str, head: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html>\n  <head>\n    <meta charset="utf-8">\n    <title>'
        f"{html.escape(title)} – Telegram</title>\n{head}  </head>\n  <body>\n{body}\n"
        "  </body>\n</html>\n"
    )


def channel_page(req: Request, ctx: Context) -> Response:
    account = ctx.store.account(P, req.match["channel"])
    if account is None or account.extra.get("preview") is False:
        return Response(
            status=302, content_type=HTML, headers={"location": f"/{req.match['channel']}"}
        )
    timeline = ctx.store.timeline(P, "account", account.id)
    before, after = req.arg("before"), req.arg("after")
    if after.isdigit():
        posts = timeline.page(PAGE_SIZE, above=int(after), adjacent=True)
    else:
        posts = timeline.page(PAGE_SIZE, below=int(before) if before.isdigit() else None)
    posts.reverse()  # oldest first, as the web preview shows them
    chan = account.handle
    head, top, bottom = "", "", ""
    if posts and timeline.keys and posts[0].key > timeline.keys[0]:
        older = posts[0].key
        head += f'    <link rel="prev" href="/s/{chan}?before={older}">\n'
        top = (
            '<div class="tgme_widget_message_centered js-messages_more_wrap">'
            f'<a href="/s/{chan}?before={older}" class="tme_messages_more js-messages_more" '
            f'data-before="{older}"></a></div>'
        )
    if posts and posts[-1].key < timeline.keys[-1]:
        newer = posts[-1].key
        head += f'    <link rel="next" href="/s/{chan}?after={newer}">\n'
        bottom = (
            '<div class="tgme_widget_message_centered js-messages_more_wrap">'
            f'<a href="/s/{chan}?after={newer}" class="tme_messages_more js-messages_more" '
            f'data-after="{newer}"></a></div>'
        )
    history = "".join(message_cached(p, req, ctx) for p in posts)
    body = (
        f'<div class="tgme_header_right_column"><section class="tgme_right_column">'
        f"{channel_info(account, req)}</section></div>"
        f'<section class="tgme_channel_history js-message_history">{top}{history}{bottom}'
        "</section>"
    )
    return text_response(_document(account.name, head, body), HTML)


def landing_page(req: Request, ctx: Context) -> Response:
    """What `/<channel>` shows: a join button, and no messages."""
    channel = html.escape(req.match["channel"])
    body = (
        '<div class="tgme_page"><div class="tgme_page_title"><span dir="auto">'
        f'{channel}</span></div><div class="tgme_page_extra">@{channel}</div>'
        f'<div class="tgme_page_action"><a class="tgme_action_button_new" href="tg://resolve?'
        f'domain={channel}">View in Telegram</a></div></div>'
    )
    return text_response(_document(channel, "", body), HTML)


def embed(req: Request, ctx: Context) -> Response:
    post = ctx.store.post(P, f"{req.match['channel'].lower()}/{req.match['number']}")
    if post is None:
        body = '<div class="tgme_widget_message_error">Post not found</div>'
        return text_response(_document("Telegram Widget", "", body), HTML, status=404)
    return text_response(_document("Telegram Widget", "", message_html(post, req, ctx)), HTML)


def robots(req: Request, ctx: Context) -> Response:
    return text_response(ROBOTS, "text/plain; charset=utf-8")


ROUTES: list[Route] = [
    ("GET", r"/robots\.txt", robots),
    ("GET", r"/s/(?P<channel>[A-Za-z0-9_]{3,64})", channel_page),
    ("GET", r"/(?P<channel>[A-Za-z][A-Za-z0-9_]{2,63})/(?P<number>\d+)", embed),
    ("GET", r"/(?P<channel>[A-Za-z][A-Za-z0-9_]{2,63})", landing_page),
]
