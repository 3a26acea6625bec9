"""X API v2: recent search and user timelines with a bearer token, authors from includes.users."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import quote, urlencode

import scrapy
from scrapy.http import Response

from crawlers.parsing import x
from crawlers.spiders.base import PantauSpider

FIELDS = {
    "expansions": "author_id,referenced_tweets.id,referenced_tweets.id.author_id",
    "tweet.fields": "created_at,lang,public_metrics,referenced_tweets,conversation_id,"
    "author_id,entities",
    "user.fields": "username,name,description,public_metrics,url,created_at",
}


class XSpider(PantauSpider):
    name = "x"
    platform = "x"
    default_page_size = 100  # the API's maximum

    @property
    def base(self) -> str:
        return self.settings_.x_base_url.rstrip("/")

    def auth(self) -> dict[str, Any]:
        token = self.settings_.x_bearer_token.get_secret_value()
        return {"headers": {"Authorization": f"Bearer {token}"}}

    async def start(self) -> AsyncIterator[Any]:
        if self.context is not None and not self.settings_.x_bearer_token.get_secret_value():
            yield self.notice("x", "no bearer token: set PANTAU_X_BEARER_TOKEN", failed=True)
            return
        async for item in super().start():
            yield item

    def start_target(self, kind: str, value: str, target: str) -> Iterator[scrapy.Request]:
        meta = {"target": target}
        if kind == "account" and (known := self.cached_lookup(target)) is not None:
            self.state(target)["user_id"] = known
            url = self.timeline_url(known)
            yield self.begin(target, self.request(url, meta, self.parse_tweets, **self.auth()))
        elif kind == "account":
            url = f"{self.base}/2/users/by/username/{quote(value)}?" + urlencode(
                {"user.fields": FIELDS["user.fields"]}
            )
            yield self.request(url, meta, self.parse_user, **self.auth())
        else:
            yield self.begin(target, self.request(self.search_url(value), meta, self.parse_tweets,
                                                  **self.auth()))  # fmt: skip

    def search_url(self, query: str, token: str | None = None) -> str:
        params = {"query": query, "max_results": max(10, self.page_size), **FIELDS}
        if token:
            params["next_token"] = token
        return f"{self.base}/2/tweets/search/recent?{urlencode(params)}"

    def timeline_url(self, user_id: str, token: str | None = None) -> str:
        params = {"max_results": max(5, self.page_size), **FIELDS}
        if token:
            params["pagination_token"] = token
        return f"{self.base}/2/users/{quote(user_id)}/tweets?{urlencode(params)}"

    def parse_user(self, response: Response) -> Iterator[Any]:
        target = response.meta["target"]
        page, item = self.parse_with(response, x.parse_user, is_page=False)
        item.is_lookup = True
        if page is None or page.account is None:
            yield item
            return
        self.state(target)["user_id"] = page.account.platform_account_id
        self.looked_up(item, target, page.account.platform_account_id)
        yield item
        url = self.timeline_url(page.account.platform_account_id)
        meta = {"target": target}
        yield self.begin(target, self.request(url, meta, self.parse_tweets, **self.auth()))

    def next_request(self, target: str, ref: str, meta: dict[str, Any]) -> scrapy.Request:
        kind, value = target.split(":", 1)
        if kind == "account":
            url = self.timeline_url(self.state(target)["user_id"], ref)
        else:
            url = self.search_url(value, ref)
        return self.request(url, meta, self.parse_tweets, **self.auth())

    def parse_tweets(self, response: Response) -> Iterator[Any]:
        yield from self.handle_page(response, x.parse_tweets)

    def order(self, position: str) -> Any:
        return (len(position), position)
