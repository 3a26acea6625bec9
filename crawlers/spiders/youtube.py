"""YouTube Data API v3: comment threads of videos and channels, with an API key from settings."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from crawlers.items import PostItem
from crawlers.parsing import youtube
from crawlers.spiders.base import PantauSpider


class YoutubeSpider(PantauSpider):
    name = "youtube"
    platform = "youtube"
    default_page_size = 100  # the API's maximum

    @property
    def key(self) -> str:
        return self.settings_.youtube_api_key.get_secret_value()

    async def start(self) -> AsyncIterator[Any]:
        if self.context is not None and not self.key:
            yield self.notice("youtube", "no API key: set PANTAU_YOUTUBE_API_KEY", failed=True)
            return
        async for item in super().start():
            yield item

    def threads_url(self, kind: str, value: str, token: str | None = None) -> str:
        params = {
            "part": "snippet,replies",
            "maxResults": self.page_size,
            "order": "time",
            "textFormat": "plainText",
            ("videoId" if kind == "video" else "allThreadsRelatedToChannelId"): value,
        }
        if token:
            params["pageToken"] = token
        base = self.settings_.youtube_base_url.rstrip("/")
        return f"{base}/youtube/v3/commentThreads?{urlencode(params)}"

    def threads(self, url: str, meta: dict[str, Any]) -> scrapy.Request:
        # The key goes in a header, so it never shows up in logged URLs or the WARC target.
        return self.request(url, meta, self.parse_threads, headers={"X-Goog-Api-Key": self.key})

    def start_target(self, kind: str, value: str, target: str) -> Iterator[scrapy.Request]:
        yield self.begin(target, self.threads(self.threads_url(kind, value), {"target": target}))

    def next_request(self, target: str, ref: str, meta: dict[str, Any]) -> scrapy.Request:
        kind, value = target.split(":", 1)
        return self.threads(self.threads_url(kind, value, ref), meta)

    def parse_threads(self, response: Response) -> Iterator[Any]:
        yield from self.handle_page(response, youtube.parse_comment_threads)

    def position(self, post: PostItem) -> str | None:
        # Threads come newest first; replies ride along with their thread, whatever their age.
        if post.kind != "comment" or post.posted_at is None:
            return None
        return post.posted_at.isoformat(timespec="microseconds")
