"""RSS 2.0 and Atom feeds of news sites and blogs, fetched with conditional GET."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawlers.parsing import rss
from crawlers.spiders.base import PantauSpider


class RssSpider(PantauSpider):
    """A feed is one document: no sweep. Its ETag and Last-Modified are the cursor, so an
    unchanged feed answers 304 and costs nothing."""

    name = "rss"
    platform = "rss"
    custom_settings: dict[str, Any] | None = {"ROBOTSTXT_OBEY": True}  # noqa: RUF012

    def start_target(self, kind: str, value: str, target: str) -> Iterator[scrapy.Request]:
        state = self.state(target)
        headers = {}
        if state.get("etag") and not self.full:
            headers["If-None-Match"] = state["etag"]
        if state.get("last_modified") and not self.full:
            headers["If-Modified-Since"] = state["last_modified"]
        meta = {"target": target, "handle_httpstatus_list": [304]}
        yield self.request(value, meta, self.parse_feed, headers=headers)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        if response.status == 304:
            _, item = self.parse_with(response, lambda *a, **k: rss.Page())
            yield item
            return
        page, item = self.parse_with(response, rss.parse_feed)
        if page is not None:
            state = {
                "etag": _header(response, "ETag"),
                "last_modified": _header(response, "Last-Modified"),
                "newest": page.newest_cursor,
            }
            item.cursor = {k: v for k, v in state.items() if v}
        yield item


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
