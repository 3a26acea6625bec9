"""Telegram public channel previews (`https://t.me/s/<channel>`) and embed widgets."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
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


def parse_channel_page(
    body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None
) -> Page:
    """A `t.me/s/<channel>` page (or `?before=ID` / `?after=ID`, or an embed widget)."""
    page_html = decode_body(body)
    sel = Selector(text=page_html or "<html></html>", type="html")
    messages = _MESSAGES(sel.root)
    info = _INFO(sel.root)
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


def _html_bytes(message: Any) -> bytes:
    return _html(message).encode("utf-8", errors="replace")


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


_INFO = etree.XPath(
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' tgme_channel_info ')]"
)
_MESSAGES = etree.XPath(
    "//div[@data-post and contains(concat(' ', normalize-space(@class), ' '),"
    " ' tgme_widget_message ')]"
)
_WANTED = frozenset(
    "tgme_widget_message_" + name
    for name in ("owner_name", "text", "date", "views", "forwarded_from", "reply", "photo_wrap",
                 "video_player", "poll_question", "poll_option", "poll_option_text",
                 "poll_option_percent", "voters")
)  # fmt: skip


def _parts(root: Any) -> dict[str, list[Any]]:
    """The message's marked-up parts by class, in one walk (much faster than a query each)."""
    parts: dict[str, list[Any]] = {}
    for element in root.iter():
        classes = element.get("class") if isinstance(element.tag, str) else None
        for name in classes.split() if classes else ():
            if name in _WANTED:
                parts.setdefault(name[20:], []).append(element)
    return parts


def _own_text(parts: dict[str, list[Any]]) -> Any:
    """The message's text, not the quoted text of the message it answers."""
    for element in parts.get("text", []):
        if element.tag == "div" and not any(
            "tgme_widget_message_reply" in (up.get("class") or "") for up in element.iterancestors()
        ):
            return element
    return None


def message_item(root: Any) -> PostItem:
    post_ref = root.get("data-post", "")
    match = _POST_ID.match(post_ref)
    if not match:
        raise RecordError(f"message has no usable data-post attribute: {post_ref[:80]!r}")
    channel, number = match.group(1).lower(), match.group(2)
    parts = _parts(root)
    owner = parts.get("owner_name")
    account = AccountItem(
        platform=PLATFORM,
        platform_account_id=channel,
        handle=match.group(1),
        display_name=clean_text(owner[0].text_content().strip()) if owner else "",
        url=f"https://t.me/{match.group(1)}",
    )
    own = _own_text(parts)
    poll_text, poll_metrics = _poll(parts)
    text = html_to_text(_html(own)) if own is not None else ""
    text = check_length("\n\n".join(t for t in (text, poll_text) if t))
    date = next((a for a in parts.get("date", []) if a.tag == "a"), None)
    times = (
        [t.get("datetime") for t in date.iter("time") if t.get("datetime")]
        if date is not None
        else []
    )
    kind, parent_id, parent = _relation(parts, text)
    views = parts.get("views")
    return PostItem(
        platform=PLATFORM,
        platform_post_id=f"{channel}/{number}",
        account=account,
        url=(date.get("href") if date is not None else None)
        or f"https://t.me/{match.group(1)}/{number}",
        text=text,
        posted_at=parse_time(times[0] if times else None),
        kind=kind,
        parent_platform_post_id=parent_id,
        parent=parent,
        metrics={"views": parse_count(views[0].text_content()) if views else None, **poll_metrics},
        media=_media(parts),
        raw={"data_post": post_ref, "html": _html(root)},
    )


def _poll(parts: dict[str, list[Any]]) -> tuple[str, dict[str, Any]]:
    """A poll's question and options as text ("Pilih siapa: 01, 02 atau 03?" is campaign
    material), its voters and each option's share of the votes as metrics."""
    question = parts.get("poll_question")
    if not question:
        return "", {}
    options, shares = [], []
    for option in parts.get("poll_option", []):
        label = next(
            (e for e in option.iter() if _has_class(e, "tgme_widget_message_poll_option_text")),
            None,
        )
        percent = next(
            (e for e in option.iter() if _has_class(e, "tgme_widget_message_poll_option_percent")),
            None,
        )
        name = clean_text(" ".join(label.text_content().split())) if label is not None else ""
        options.append(name)
        share = (percent.text_content().strip().rstrip("%") if percent is not None else "") or None
        shares.append({"option": name, "percent": _number(share)})
    lines = [clean_text(" ".join(question[0].text_content().split()))]
    lines += [f"- {name}" for name in options]
    voters = parts.get("voters")
    metrics: dict[str, Any] = {"poll": shares}
    metrics["voters"] = parse_count(voters[0].text_content()) if voters else None
    return "\n".join(lines), metrics


def _has_class(element: Any, name: str) -> bool:
    classes = element.get("class") if isinstance(element.tag, str) else None
    return name in (classes or "").split()


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _html(element: Any) -> str:
    return str(etree.tostring(element, encoding="unicode", method="html", with_tail=False))


def _relation(parts: dict[str, list[Any]], text: str) -> tuple[str, str | None, PostItem | None]:
    """(kind, parent id, parent item): a forward is a repost, an answer a reply."""
    forwarded = parts.get("forwarded_from")
    if forwarded:
        links = forwarded[0].findall(".//a")
        link = (links[0].get("href") or "") if links else ""
        found = _LINKED_POST.search(link)
        if not found:
            return "repost", None, None
        origin, number = found.group(1), found.group(2)
        source = AccountItem(
            platform=PLATFORM,
            platform_account_id=origin.lower(),
            handle=origin,
            display_name=clean_text(links[0].text_content().strip()),
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
    replies = [a.get("href") or "" for a in parts.get("reply", []) if a.tag == "a"]
    found = _LINKED_POST.search(replies[0]) if replies else None
    if found:
        return "reply", f"{found.group(1).lower()}/{found.group(2)}", None
    return "post", None, None


def _media(parts: dict[str, list[Any]]) -> list[dict[str, Any]]:
    media: list[dict[str, Any]] = []
    for photo in parts.get("photo_wrap", []):
        found = _BACKGROUND.search(photo.get("style", ""))
        media.append({"type": "photo", "url": found.group(1) if found else photo.get("href")})
    media += [{"type": "video", "url": v.get("href")} for v in parts.get("video_player", [])]
    return media


def _class_text(element: Any, name: str) -> str:
    hits = element.find_class(name)
    return "".join(hits[0].itertext()).strip() if hits else ""


def _channel(info: Any, url: str) -> AccountItem | None:
    username = _class_text(info, "tgme_channel_info_header_username").removeprefix("@")
    username = username or _channel_from_url(url)
    if not username:
        return None
    followers = None
    for counter in info.find_class("tgme_channel_info_counter"):
        if _class_text(counter, "counter_type") in {"subscribers", "members"}:
            followers = parse_count(_class_text(counter, "counter_value"))
    description = info.find_class("tgme_channel_info_description")
    return AccountItem(
        platform=PLATFORM,
        platform_account_id=username.lower(),
        handle=username,
        display_name=clean_text(_class_text(info, "tgme_channel_info_header_title")),
        bio=html_to_text(_html(description[0])) if description else "",
        url=f"https://t.me/{username}",
        followers=followers,
    )


def _channel_from_url(url: str) -> str:
    match = re.search(r"/s/([A-Za-z0-9_]+)", url)
    return match.group(1) if match else ""
