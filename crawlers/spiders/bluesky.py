"""Bluesky: author feeds and profiles (no login), keyword search (needs an app-password session)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from crawlers.items import ParseError, PostItem
from crawlers.parsing import bluesky
from crawlers.sources import targets
from crawlers.spiders.base import PantauSpider

SESSION = "/xrpc/com.atproto.server.createSession"


class BlueskySpider(PantauSpider):
    name = "bluesky"
    platform = "bluesky"
    default_page_size = 100  # the API's maximum

    def xrpc(self, method: str, base: str | None = None, **params: Any) -> str:
        root = (base or self.settings_.bluesky_public_url).rstrip("/")
        return f"{root}/xrpc/{method}?{urlencode(params)}"

    @property
    def pds(self) -> str:
        return self.settings_.bluesky_pds_url

    async def start(self) -> AsyncIterator[Any]:
        if self.context is None:
            return
        queries = []
        for kind, value in targets(self.platform, self.context.config):
            target = f"{kind}:{value}"
            if kind == "query":
                queries.append(target)
            else:
                for request in self.start_target(kind, value, target):
                    yield request
        if not queries:
            return
        handle = self.settings_.bluesky_handle
        password = self.settings_.bluesky_app_password.get_secret_value()
        if not (handle and password):
            for target in queries:
                yield self.notice(
                    target,
                    "search skipped: searchPosts needs a login; set PANTAU_BLUESKY_HANDLE and "
                    "PANTAU_BLUESKY_APP_PASSWORD",
                )
            return
        yield scrapy.Request(
            f"{self.pds.rstrip('/')}{SESSION}",
            method="POST",
            body=json.dumps({"identifier": handle, "password": password}),
            headers={"Content-Type": "application/json"},
            callback=self.parse_session,
            errback=self.failed,
            # The password and the tokens stay out of the evidence file.
            meta={"target": "session", "queries": queries, "warc_redact": True},
            dont_filter=True,
        )

    def parse_session(self, response: Response) -> Iterator[Any]:
        try:
            self.token = bluesky.parse_session(response.body)
        except ParseError as exc:
            yield self.notice("session", f"login failed: {exc}", failed=True)
            return
        for target in response.meta["queries"]:
            kind, value = target.split(":", 1)
            yield from self.start_target(kind, value, target)

    def start_target(self, kind: str, value: str, target: str) -> Iterator[scrapy.Request]:
        meta = {"target": target}
        if kind == "account" and self.cached_lookup(target) is not None:
            # The profile was fetched by a recent run; the feed needs only the handle.
            yield self.begin(target, self.request(self.feed_url(value), meta, self.parse_feed))
        elif kind == "account":
            url = self.xrpc("app.bsky.actor.getProfile", actor=value)
            yield self.request(url, meta, self.parse_profile)
        else:
            url = self.search_url(value)
            yield self.begin(target, self.request(url, meta, self.parse_search, **self.auth()))

    def auth(self) -> dict[str, Any]:
        return {"headers": {"Authorization": f"Bearer {self.token}"}}

    def search_url(self, query: str, cursor: str | None = None) -> str:
        params: dict[str, Any] = {"q": query, "sort": "latest", "limit": self.page_size}
        if cursor:
            params["cursor"] = cursor
        return self.xrpc("app.bsky.feed.searchPosts", self.pds, **params)

    def feed_url(self, actor: str, cursor: str | None = None) -> str:
        params: dict[str, Any] = {"actor": actor, "limit": self.page_size}
        if cursor:
            params["cursor"] = cursor
        return self.xrpc("app.bsky.feed.getAuthorFeed", **params)

    def parse_profile(self, response: Response) -> Iterator[Any]:
        target = response.meta["target"]
        page, item = self.parse_with(response, bluesky.parse_profile, is_page=False)
        item.is_lookup = True
        if page is not None and page.account is not None:
            self.looked_up(item, target, page.account.platform_account_id)
        yield item
        if page is not None and page.account is not None:
            url = self.feed_url(target.split(":", 1)[1])
            yield self.begin(target, self.request(url, {"target": target}, self.parse_feed))

    def next_request(self, target: str, ref: str, meta: dict[str, Any]) -> scrapy.Request:
        kind, value = target.split(":", 1)
        if kind == "query":
            return self.request(self.search_url(value, ref), meta, self.parse_search, **self.auth())
        return self.request(self.feed_url(value, ref), meta, self.parse_feed)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        yield from self.handle_page(response, bluesky.parse_author_feed)

    def parse_search(self, response: Response) -> Iterator[Any]:
        yield from self.handle_page(response, bluesky.parse_search)

    def position(self, post: PostItem) -> str | None:
        # Feeds and "latest" search are ordered by time; the cursor is a time or an offset.
        return post.posted_at.isoformat(timespec="microseconds") if post.posted_at else None
