"""Mastodon: account statuses (after a lookup) and hashtag timelines, paged by the Link header."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import scrapy
from scrapy.http import Response

from crawlers.parsing import mastodon
from crawlers.spiders.base import PantauSpider


class MastodonSpider(PantauSpider):
    name = "mastodon"
    platform = "mastodon"
    default_page_size = 40  # the API's maximum

    @property
    def instance(self) -> str:
        config = self.context.config if self.context else {}
        return str(config.get("instance") or self.settings_.mastodon_default_instance).rstrip("/")

    def start_target(self, kind: str, value: str, target: str) -> Iterator[scrapy.Request]:
        meta = {"target": target}
        if kind == "account":
            known = self.cached_lookup(target)
            if known is not None:
                yield self.begin(target, self.request(self.statuses_url(known), meta,
                                                      self.parse_statuses))  # fmt: skip
                return
            url = f"{self.instance}/api/v1/accounts/lookup?{urlencode({'acct': value})}"
            yield self.request(url, meta, self.parse_lookup)
        else:
            query = urlencode({"limit": self.page_size})
            url = f"{self.instance}/api/v1/timelines/tag/{quote(value)}?{query}"
            yield self.begin(target, self.request(url, meta, self.parse_statuses))

    def parse_lookup(self, response: Response) -> Iterator[Any]:
        target = response.meta["target"]
        page, item = self.parse_with(response, mastodon.parse_account, is_page=False)
        item.is_lookup = True
        if page is None or page.account is None:
            yield item
            return
        account_id = page.account.platform_account_id
        self.looked_up(item, target, account_id)
        yield item
        url = self.statuses_url(account_id)
        yield self.begin(target, self.request(url, {"target": target}, self.parse_statuses))

    def statuses_url(self, account_id: str) -> str:
        return (
            f"{self.instance}/api/v1/accounts/{quote(account_id)}/statuses?limit={self.page_size}"
        )

    def next_request(self, target: str, ref: str, meta: dict[str, Any]) -> scrapy.Request:
        return self.request(ref, meta, self.parse_statuses)

    def parse_statuses(self, response: Response) -> Iterator[Any]:
        yield from self.handle_page(response, mastodon.parse_statuses)

    def order(self, position: str) -> Any:
        return mastodon.id_order(position)
