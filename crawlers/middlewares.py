"""Downloader middlewares: rate-limit and 5xx back-off per download slot, WARC recording."""

from __future__ import annotations

import logging
import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from time import monotonic, time
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.asyncio import call_later
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

RESET_HEADERS = ("ratelimit-reset", "x-rate-limit-reset", "x-ratelimit-reset")
REMAINING_HEADERS = ("ratelimit-remaining", "x-rate-limit-remaining", "x-ratelimit-remaining")


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1").strip() if value else None


def _seconds_until(value: str, now: float) -> float | None:
    """A reset header as seconds from now: delta seconds, epoch seconds or a date."""
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is not None:
        # Bluesky and X send epoch seconds; the IETF draft sends delta seconds.
        return number - now if number > 1e9 else number
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() - now


def rate_limit_wait(response: Response, now: float | None = None) -> float | None:
    """How long the server asked us to wait, from Retry-After or a rate-limit reset header."""
    now = time() if now is None else now
    retry_after = _header(response, "retry-after")
    if retry_after:
        wait = _seconds_until(retry_after, now) if not retry_after.isdigit() else float(retry_after)
        if wait is not None:
            return max(0.0, wait)
    for name in RESET_HEADERS:
        value = _header(response, name)
        if value:
            wait = _seconds_until(value, now)
            if wait is not None:
                return max(0.0, wait)
    return None


def quota_exhausted(response: Response) -> bool:
    return any(_header(response, name) == "0" for name in REMAINING_HEADERS)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry, plus waiting: a 429 pauses the whole slot (domain) for as long as the
    server asks; a 5xx or a connection error pauses it with exponential back-off; a response
    saying the quota is spent pauses the slot until the quota resets."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler.settings)
        self.crawler = crawler
        settings = crawler.settings
        self.base = settings.getfloat("PANTAU_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("PANTAU_BACKOFF_MAX", 60.0)
        self.max_wait = settings.getfloat("PANTAU_RATELIMIT_MAX_WAIT", 900.0)
        self._paused_until: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        return cls(crawler)

    def backoff(self, request: Request) -> float:
        tries = int(request.meta.get("retry_times", 0))
        wait = min(self.cap, self.base * (2**tries))
        return wait * random.uniform(0.8, 1.2)

    def pause(self, request: Request, seconds: float) -> None:
        """Hold every queued request of this request's download slot for `seconds`."""
        engine = self.crawler.engine
        if engine is None or seconds <= 0:
            return
        downloader = engine.downloader
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        until = monotonic() + seconds
        if slot is None or self._paused_until.get(key, 0) >= until:
            return
        self._paused_until[key] = until
        if slot.latercall is not None:
            slot.latercall.cancel()
        # Downloader._process_queue does nothing while slot.latercall is set; the same hook
        # serves DOWNLOAD_DELAY, so it is safe to borrow.
        slot.latercall = call_later(seconds, downloader._latercall, slot)
        logger.info("pausing %s for %.1fs", key, seconds)

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if request.meta.get("dont_retry"):
            return response
        if response.status == 429 or response.status in self.retry_http_codes:
            asked = rate_limit_wait(response)
            wait = asked if asked is not None else self.backoff(request)
            if wait > self.max_wait:
                logger.warning(
                    "%s asks us to wait %.0fs (over %.0fs): giving up for this run",
                    request.url,
                    wait,
                    self.max_wait,
                )
                return response
            assert self.crawler.spider is not None
            retry = get_retry_request(
                request,
                spider=self.crawler.spider,
                reason=f"HTTP {response.status}",
                max_retry_times=self.max_retry_times,
                priority_adjust=self.priority_adjust,
            )
            if retry is None:
                return response
            self.pause(request, wait)
            return retry
        if quota_exhausted(response):
            reset = rate_limit_wait(response)
            if reset:
                self.pause(request, min(reset, self.max_wait))
        return response

    def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        retry = super().process_exception(request, exception)
        if isinstance(retry, Request):
            self.pause(request, self.backoff(request))
        return retry


class SafeRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy 2.19 hands the parsed robots.txt to the first request waiting for it only: the
    others get None (a Deferred chain without pass-through callbacks) and are let through
    unchecked. Requests queued while robots.txt downloads read the stored parser instead."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        if parser is None:
            stored = self._parsers.get(urlparse_cached(request).netloc)
            if not isinstance(stored, Deferred):
                return stored
        return parser


def _pairs(headers: Any) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


class WarcMiddleware:
    """Writes every response the crawl receives (retried, redirected and robots.txt ones too)
    to the run's WARC file, and tells the spider where the record sits.

    Sits next to the downloader (order 950), so it sees bodies as they came off the wire.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        context = getattr(self.crawler.spider, "context", None)
        recorder = getattr(context, "recorder", None)
        if recorder is None:
            return response
        ref = recorder.record(
            url=response.url,
            status=response.status,
            headers=_pairs(response.headers),
            body=response.body,
            method=request.method,
            request_headers=_pairs(request.headers),
            request_body=request.body,
            redact_body=bool(request.meta.get("warc_redact")),
        )
        request.meta["warc_record"] = ref
        return response
