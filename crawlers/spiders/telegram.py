"""Telegram: public channels through the `t.me/s/<channel>` web preview, older pages by ?before=."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from crawlers.items import PostItem
from crawlers.parsing import telegram
from crawlers.spiders.base import PantauSpider


class TelegramSpider(PantauSpider):
    name = "telegram"
    platform = "telegram"
    # An HTML site, not an API: robots.txt applies.
    custom_settings: dict[str, Any] | None = {"ROBOTSTXT_OBEY": True}  # noqa: RUF012

    @property
    def base(self) -> str:
        return self.settings_.telegram_base_url.rstrip("/")

    def start_target(self, kind: str, value: str, target: str) -> Iterator[scrapy.Request]:
        url = f"{self.base}/s/{value}"
        yield self.begin(target, self.request(url, {"target": target}, self.parse_channel))

    def next_request(self, target: str, ref: str, meta: dict[str, Any]) -> scrapy.Request:
        channel = target.split(":", 1)[1]
        return self.request(f"{self.base}/s/{channel}?before={ref}", meta, self.parse_channel)

    def parse_channel(self, response: Response) -> Iterator[Any]:
        target = response.meta["target"]
        if not urlsplit(response.url).path.startswith("/s/") or telegram.is_preview_disabled(
            response.body, response.url
        ):
            reason = f"preview disabled: t.me/s/ redirected to {response.url}"
            item = self.notice(target, reason, failed=True)
            item.unavailable = "Telegram web preview (t.me/s/) is disabled for this channel"
            item.record = response.meta.get("warc_record")
            yield item
            return
        yield from self.handle_page(response, telegram.parse_channel_page)

    def position(self, post: PostItem) -> str | None:
        return post.platform_post_id.rsplit("/", 1)[-1]

    def order(self, position: str) -> Any:
        return int(position) if position.isdigit() else -1
