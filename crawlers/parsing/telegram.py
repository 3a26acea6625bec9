"""Telegram public channel previews (`https://t.me/s/<channel>`) and embed widgets."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from crawlers.items import AccountItem, Page, ParseError, PostItem
from crawlers.parsing.common import (
    RecordError,
    check_length,
    clean_text,
    collect,
    decode_body,
    html_to_text,
    parse_count,
    parse_time,
)

PLATFORM = "telegram"
_POST_ID = re.compile(r"^([A-Za-z0-9_]{3,64})/(\d{1,12})$")
# A link to a message: https://t.me/channel/123 (any host, so mirrors and replays work too).
_LINKED_POST = re.compile(r"^(?:https?:)?//[^/]+/(?:s/)?([A-Za-z0-9_]{3,64})/(\d{1,12})(?:[/?#]|$)")
_BACKGROUND = re.compile(r"background-image:\s*url\('?([^')]+)'?\)")
# The message's own text, not the quoted text of the message it answers.
_OWN_TEXT = (
    ".//div[contains(concat(' ', normalize-space(@class), ' '), ' tgme_widget_message_text ')"
    " and not(ancestor::a[contains(@class, 'tgme_widget_message_reply')])]"
)


def parse_channel_page(
    body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None
) -> Page:
    """A `t.me/s/<channel>` page (or `?before=ID` / `?after=ID`, or an embed widget)."""
    page_html = decode_body(body)
    sel = Selector(text=page_html or "<html></html>", type="html")
    messages = sel.css("div.tgme_widget_message[data-post]")
    info = sel.css(".tgme_channel_info")
    if not messages and not info:
        if sel.css(".tgme_widget_message_error"):
            return Page()  # an embed of a deleted or unknown post
        if is_preview_disabled(body, url):
            raise ParseError("channel preview is disabled (not a t.me/s/ page)")
        raise ParseError("not a Telegram channel page: no messages and no channel info")
    page = collect(Page(), messages, message_item, url, raw=_html_bytes)
    page.account = _channel(info[0], url) if info else None
    numbers = [int(p.platform_post_id.rsplit("/", 1)[1]) for p in page.posts]
    numbers += _bad_numbers(page)
    if numbers:
        page.newest_cursor = str(max(numbers))
        before_link = bool(sel.css(".tme_messages_more[data-before]"))
        any_link = bool(sel.css(".tme_messages_more"))
        if before_link or (not any_link and min(numbers) > 1):
            page.next_cursor = str(min(numbers))
    return page


def _html_bytes(message: Selector) -> bytes:
    return str(message.get()).encode("utf-8", errors="replace")


def _bad_numbers(page: Page) -> list[int]:
    """Ids of unparsable messages still count for paging, so no page is fetched twice."""
    found = []
    for bad in page.bad:
        match = re.search(rb'data-post="[A-Za-z0-9_]+/(\d+)"', bad.raw[:2000])
        if match:
            found.append(int(match.group(1)))
    return found


def is_preview_disabled(body: bytes, url: str) -> bool:
    """True for the page Telegram redirects to when a channel turned its web preview off."""
    path = urlsplit(url).path if url else ""
    text = decode_body(body[:400_000])
    has_messages = "tgme_widget_message " in text or "tgme_channel_history" in text
    if path and not path.startswith("/s/") and "embed" not in urlsplit(url).query:
        return not has_messages
    return not has_messages and "tgme_page" in text and "tgme_channel_info" not in text


def message_item(message: Selector) -> PostItem:
    post_ref = message.attrib.get("data-post", "")
    match = _POST_ID.match(post_ref)
    if not match:
        raise RecordError(f"message has no usable data-post attribute: {post_ref[:80]!r}")
    channel, number = match.group(1).lower(), match.group(2)
    author = message.css(".tgme_widget_message_owner_name")
    account = AccountItem(
        platform=PLATFORM,
        platform_account_id=channel,
        handle=match.group(1),
        display_name=clean_text(" ".join(author.css("::text").getall()).strip()),
        url=f"https://t.me/{match.group(1)}",
    )
    texts = message.xpath(_OWN_TEXT)
    text = check_length(html_to_text(texts[0].get()) if texts else "")
    date_link = message.css("a.tgme_widget_message_date")
    stamp = date_link.css("time[datetime]::attr(datetime)").get()
    kind, parent_id, parent = _relation(message, text, account)
    return PostItem(
        platform=PLATFORM,
        platform_post_id=f"{channel}/{number}",
        account=account,
        url=date_link.attrib.get("href") or f"https://t.me/{match.group(1)}/{number}",
        text=text,
        posted_at=parse_time(stamp),
        kind=kind,
        parent_platform_post_id=parent_id,
        parent=parent,
        metrics={"views": parse_count(message.css(".tgme_widget_message_views::text").get())},
        media=_media(message),
        raw={"data_post": post_ref, "html": message.get()},
    )


def _relation(
    message: Selector, text: str, account: AccountItem
) -> tuple[str, str | None, PostItem | None]:
    """(kind, parent id, parent item): a forward is a repost, an answer a reply."""
    forwarded = message.css(".tgme_widget_message_forwarded_from")
    if forwarded:
        link = forwarded.css("a::attr(href)").get() or ""
        found = _LINKED_POST.search(link)
        if not found:
            return "repost", None, None
        origin, number = found.group(1), found.group(2)
        name = clean_text(" ".join(forwarded.css("a ::text").getall()).strip())
        source = AccountItem(
            platform=PLATFORM,
            platform_account_id=origin.lower(),
            handle=origin,
            display_name=name,
            url=f"https://t.me/{origin}",
        )
        parent_id = f"{origin.lower()}/{number}"
        parent = PostItem(
            platform=PLATFORM,
            platform_post_id=parent_id,
            account=source,
            url=link,
            text=text,
            posted_at=None,
        )
        return "repost", parent_id, parent
    reply = message.css("a.tgme_widget_message_reply::attr(href)").get()
    found = _LINKED_POST.search(reply or "")
    if found:
        return "reply", f"{found.group(1).lower()}/{found.group(2)}", None
    return "post", None, None


def _media(message: Selector) -> list[dict[str, Any]]:
    media: list[dict[str, Any]] = []
    for photo in message.css("a.tgme_widget_message_photo_wrap"):
        found = _BACKGROUND.search(photo.attrib.get("style", ""))
        media.append(
            {"type": "photo", "url": found.group(1) if found else photo.attrib.get("href")}
        )
    for video in message.css("a.tgme_widget_message_video_player"):
        media.append({"type": "video", "url": video.attrib.get("href")})
    return media


def _channel(info: Selector, url: str) -> AccountItem | None:
    username = (info.css(".tgme_channel_info_header_username a::text").get() or "").strip()
    username = username.removeprefix("@") or _channel_from_url(url)
    if not username:
        return None
    followers = None
    for counter in info.css(".tgme_channel_info_counter"):
        if (counter.css(".counter_type::text").get() or "").strip() in {"subscribers", "members"}:
            followers = parse_count(counter.css(".counter_value::text").get())
    description = info.css(".tgme_channel_info_description").get()
    return AccountItem(
        platform=PLATFORM,
        platform_account_id=username.lower(),
        handle=username,
        display_name=clean_text(
            "".join(info.css(".tgme_channel_info_header_title ::text").getall()).strip()
        ),
        bio=html_to_text(description),
        url=f"https://t.me/{username}",
        followers=followers,
    )


def _channel_from_url(url: str) -> str:
    match = re.search(r"/s/([A-Za-z0-9_]+)", url)
    return match.group(1) if match else ""
