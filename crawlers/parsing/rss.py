"""RSS 2.0, RSS 1.0 and Atom feeds: each item becomes a post of the site's account.

XML is parsed with lxml (it ships with Scrapy/parsel) configured safely: no DTD loading, no
entity expansion, no network. That rules out external entities and "billion laughs" without
adding defusedxml.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from crawlers.items import AccountItem, BadRecord, Page, ParseError, PostItem
from crawlers.parsing.common import (
    RecordError,
    check_length,
    clean_text,
    collect,
    decode_body,
    html_to_text,
    parse_time,
)

PLATFORM = "rss"
ATOM = "{http://www.w3.org/2005/Atom}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
RSS1 = "{http://purl.org/rss/1.0/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DECLARATION = re.compile(rb"^<\?xml[^>]*\?>")


def _parser(recover: bool = False) -> etree.XMLParser:
    # huge_tree: a 10 MB item must reach the length check (and quarantine) on its own,
    # not fail the whole feed; without entity expansion it cannot amplify anything.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        recover=recover,
        remove_pis=True,
        huge_tree=True,
    )


def parse_feed(body: bytes, *, url: str = "", headers: Mapping[str, str] | None = None) -> Page:
    """One feed document → a Page of posts (feeds do not page: next_cursor is None)."""
    root, problem = _root(body)
    page = Page()
    if problem:
        page.bad.append(BadRecord(reason=problem, raw=body, url=url))
    tag = etree.QName(root).localname if isinstance(root.tag, str) else ""
    if tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise ParseError("RSS document without a <channel>")
        account, lang = _rss_account(channel, url)
        items = channel.findall("item")
        parse: Callable[[Any, AccountItem, str | None], PostItem] = _rss_item
    elif root.tag == f"{ATOM}feed":
        account, lang = _atom_account(root, url)
        items, parse = root.findall(f"{ATOM}entry"), _atom_entry
    elif root.tag == f"{RDF}RDF":
        channel = root.find(f"{RSS1}channel")
        account, lang = _rss_account(root if channel is None else channel, url, RSS1)
        items, parse = root.findall(f"{RSS1}item"), _rss1_item
    else:
        raise ParseError(f"not an RSS or Atom feed: the root element is <{tag or root.tag}>")
    page.account = account
    collect(page, items, lambda item: parse(item, account, lang), url, raw=_xml_bytes)
    times = [p.posted_at for p in page.posts if p.posted_at]
    page.newest_cursor = max(times).isoformat() if times else None
    return page


def _root(body: bytes) -> tuple[Any, str | None]:
    """The document element, and a note when the feed had to be read in recovery mode."""
    data = body.lstrip(b" \t\r\n\x00").removeprefix(b"\xef\xbb\xbf").lstrip()
    if not data:
        raise ParseError("empty body where a feed was expected")
    head = data[:200].lower()
    if not data.startswith(b"<") or b"<html" in head or b"<!doctype html" in head:
        raise ParseError(f"expected an RSS/Atom feed, got {data[:40]!r}")
    try:
        return etree.fromstring(data, _parser()), None
    except etree.XMLSyntaxError as exc:
        first_error = str(exc)
    # Invalid bytes for the declared encoding: read it as UTF-8 with replacements.
    text = decode_body(data).encode("utf-8")
    text = _DECLARATION.sub(b'<?xml version="1.0" encoding="utf-8"?>', text, count=1)
    try:
        return etree.fromstring(text, _parser()), None
    except etree.XMLSyntaxError:
        pass
    root = etree.fromstring(text, _parser(recover=True))
    if root is None:
        raise ParseError(f"feed is not well-formed XML: {first_error}")
    return root, f"feed is not well-formed XML ({first_error}); items read in recovery mode"


def _xml_bytes(element: Any) -> bytes:
    return bytes(etree.tostring(element, encoding="utf-8", with_tail=False))


def _text(element: Any, *names: str) -> str:
    for name in names:
        found = element.find(name)
        if found is not None and (found.text or len(found)):
            return "".join(found.itertext()).strip()
    return ""


def _language(value: str | None) -> str | None:
    code = (value or "").strip().lower()[:2]
    return code if code.isalpha() and len(code) == 2 else None


def _site_account(link: str, title: str, bio: str, url: str) -> AccountItem:
    site = link or url
    if not site:
        raise ParseError("feed has neither a site link nor a URL to name its account")
    return AccountItem(
        platform=PLATFORM,
        platform_account_id=site,
        handle=urlsplit(site).hostname or site,
        display_name=clean_text(title),
        bio=html_to_text(bio),
        url=site,
    )


def _rss_account(channel: Any, url: str, ns: str = "") -> tuple[AccountItem, str | None]:
    link = _text(channel, f"{ns}link")
    account = _site_account(
        link, _text(channel, f"{ns}title"), _text(channel, f"{ns}description"), url
    )
    return account, _language(_text(channel, "language", f"{DC}language"))


def _atom_account(feed: Any, url: str) -> tuple[AccountItem, str | None]:
    title, bio = _text(feed, f"{ATOM}title"), _text(feed, f"{ATOM}subtitle")
    return _site_account(_atom_link(feed), title, bio, url), _language(feed.get(XML_LANG))


def _atom_link(element: Any) -> str:
    for link in element.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link.get("href")).strip()
    return ""


def _item_id(guid: str, link: str, account: AccountItem) -> str:
    """A guid that is not a URL or URN is only unique within its feed: qualify it."""
    if guid:
        return guid if ":" in guid else f"{account.platform_account_id}#{guid}"
    if link:
        return link
    raise RecordError("item has neither a guid nor a link")


def _post(
    account: AccountItem, item: Any, *, guid: str, link: str, title: str, body: str,
    when: str, lang: str | None,
) -> PostItem:  # fmt: skip
    if not (title or body or link):
        raise RecordError("item has no title, link or text")
    summary = html_to_text(body)
    text = (
        f"{clean_text(title)}\n\n{summary}" if title and summary else clean_text(title) or summary
    )
    return PostItem(
        platform=PLATFORM,
        platform_post_id=_item_id(guid, link, account),
        account=account,
        url=link or (guid if guid.startswith("http") else ""),
        text=check_length(text.strip()),
        posted_at=parse_time(when),
        language=lang,
        raw={"xml": etree.tostring(item, encoding="unicode", with_tail=False)},
    )


def _rss_item(item: Any, account: AccountItem, lang: str | None) -> PostItem:
    guid_el = item.find("guid")
    guid = (guid_el.text or "").strip() if guid_el is not None else ""
    link = _text(item, "link")
    if guid_el is not None and guid_el.get("isPermaLink", "true") != "false" and not link:
        link = guid if guid.startswith("http") else ""
    return _post(account, item, guid=guid, link=link, title=_text(item, "title"),
                 body=_text(item, CONTENT, "description"),
                 when=_text(item, "pubDate", f"{DC}date"), lang=lang)  # fmt: skip


def _rss1_item(item: Any, account: AccountItem, lang: str | None) -> PostItem:
    link = _text(item, f"{RSS1}link") or str(item.get(f"{RDF}about") or "")
    return _post(account, item, guid="", link=link, title=_text(item, f"{RSS1}title"),
                 body=_text(item, CONTENT, f"{RSS1}description"),
                 when=_text(item, f"{DC}date"), lang=lang)  # fmt: skip


def _atom_entry(entry: Any, account: AccountItem, lang: str | None) -> PostItem:
    content = entry.find(f"{ATOM}content")
    if content is None:
        content = entry.find(f"{ATOM}summary")
    body = ""
    if content is not None:
        kind = content.get("type", "text")
        if kind == "xhtml":
            body = "".join(etree.tostring(child, encoding="unicode") for child in content)
        else:  # plain text must survive html_to_text unchanged
            body = content.text or ""
            body = html.escape(body, quote=False) if kind == "text" else body
    return _post(account, entry, guid=_text(entry, f"{ATOM}id"), link=_atom_link(entry),
                 title=_text(entry, f"{ATOM}title"), body=body,
                 when=_text(entry, f"{ATOM}published", f"{ATOM}updated"),
                 lang=_language(entry.get(XML_LANG)) or lang)  # fmt: skip
