"""What every platform spider shares: targets, the incremental sweep, and page items."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime, timedelta
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.items import Page, ParseError, PostItem
from crawlers.pages import CrawledPage, RunContext
from crawlers.sources import targets
from crawlers.spiders.params import SpiderParams
from pantau.settings import Settings, get_settings
from pantau.timeutil import utcnow

logger = logging.getLogger(__name__)

Parser = Callable[..., Page]
# Requests of a resumed sweep are scheduled before lookups and newest pages of other targets.
RESUME_PRIORITY = 10
# Account lookups are reused for this long (profiles are refreshed at least daily).
LOOKUP_TTL = timedelta(hours=24)


class PantauSpider(scrapy.Spider):
    """Walks each target newest first, and stops at the first post the last run had.

    Cursor state per target (kept in crawl_runs.cursor, moved only with committed pages):
    `{"since": newest position stored by a finished sweep,
      "sweep": {"top": newest position of the sweep under way, "next": its next page}}`.
    A sweep that was cut short (killed, page limit, quarantined page) is resumed from
    `next` by the next run, then a fresh sweep picks up what was posted meanwhile.
    The newest page is fetched on every run, so recent edits are seen.
    """

    platform: ClassVar[str]
    default_page_size: ClassVar[int] = 40
    context: RunContext | None

    def __init__(self, **kwargs: Any) -> None:
        # Scrapy's own keyword arguments (e.g. `_job`) go to Spider; ours are validated.
        scrapy_kwargs = {k: kwargs.pop(k) for k in list(kwargs) if k.startswith("_")}
        super().__init__(**scrapy_kwargs)
        self.params = SpiderParams.from_args(self.platform, kwargs)
        self.source_name = self.params.source
        self.cli_config: dict[str, Any] | None = dict(self.params.targets) or None
        self.full = self.params.full
        self.page_size = self.params.page_size or self.default_page_size
        self.max_pages_arg = self.params.max_pages
        self.settings_: Settings = get_settings()
        self.context = None
        self._state: dict[str, dict[str, Any]] = {}

    # -- hooks for each platform -----------------------------------------------------------

    def start_target(self, kind: str, value: str, target: str) -> Iterator[scrapy.Request]:
        raise NotImplementedError

    def next_request(self, target: str, ref: str, meta: dict[str, Any]) -> scrapy.Request:
        """The request for the page after the one just parsed (ref is the parser's cursor)."""
        raise NotImplementedError

    def position(self, post: PostItem) -> str | None:
        """Where a post sits in its timeline, comparable through `order`."""
        return post.platform_post_id

    def order(self, position: str) -> Any:
        return position

    # -- the sweep -------------------------------------------------------------------------

    @property
    def max_pages(self) -> int:
        config_pages = (self.context.config.get("max_pages") if self.context else None) or None
        return self.max_pages_arg or config_pages or self.settings_.crawl_max_pages

    async def start(self) -> AsyncIterator[Any]:
        if self.context is None:  # the pipeline refused to open a run; it logged why
            return
        # Sweeps a killed or capped run left unfinished go first (and their requests outrank
        # the rest), so a source that is stopped every few seconds still converges.
        pending = list(targets(self.platform, self.context.config))
        pending.sort(key=lambda kv: not self.resuming(f"{kv[0]}:{kv[1]}"))
        for kind, value in pending:
            for item in self.start_target(kind, value, f"{kind}:{value}"):
                yield item

    def resuming(self, target: str) -> bool:
        return bool((self.state(target).get("sweep") or {}).get("next")) and not self.full

    def state(self, target: str) -> dict[str, Any]:
        if target not in self._state:
            saved = (self.context.cursor if self.context else {}).get(target)
            self._state[target] = dict(saved) if isinstance(saved, dict) else {}
        return self._state[target]

    def cached_lookup(self, target: str) -> str | None:
        """The account id an earlier run looked up for `target`, while it is fresh: a run
        that is killed and restarted does not look every account up again."""
        saved = self.state(target).get("lookup") or {}
        try:
            at = datetime.fromisoformat(saved["at"])
        except (KeyError, TypeError, ValueError):
            return None
        return str(saved.get("id")) if saved.get("id") and utcnow() - at < LOOKUP_TTL else None

    def looked_up(self, item: CrawledPage, target: str, ident: str) -> None:
        """Mark `item` as a lookup and keep its result in the target's cursor state."""
        item.is_page, item.is_lookup = False, True
        state = self.state(target)
        state["lookup"] = {"id": ident, "at": utcnow().isoformat(timespec="seconds")}
        item.cursor = dict(state)

    def begin(self, target: str, first: scrapy.Request) -> scrapy.Request:
        """First request of a target: resume a cut-short sweep, or start from the newest."""
        if self.resuming(target):
            ref = self.state(target)["sweep"]["next"]
            request = self.next_request(target, ref, {"target": target, "mode": "resume"})
            return request.replace(priority=RESUME_PRIORITY)
        return self.with_meta(first, target, "fresh", 1)

    def request(
        self, url: str, meta: dict[str, Any], callback: Callable[..., Any], **kwargs: Any
    ) -> scrapy.Request:
        return scrapy.Request(
            url, callback=callback, errback=self.failed, meta=meta, dont_filter=True, **kwargs
        )

    def with_meta(self, request: scrapy.Request, target: str, mode: str, n: int) -> scrapy.Request:
        request.meta.update({"target": target, "mode": mode, "pages": n})
        return request.replace(dont_filter=True, errback=self.failed)

    def newest(self, *positions: str | None) -> str | None:
        present = [p for p in positions if p is not None]
        return max(present, key=self.order) if present else None

    def advance(self, target: str, page: Page, meta: dict[str, Any]) -> tuple[dict, str | None]:
        """New cursor state for `target` after this page, and the next page's ref (or None)."""
        state = self.state(target)
        since = state.get("since")
        positions = [p for p in (self.position(post) for post in page.posts) if p is not None]
        first_of_fresh = meta.get("mode") == "fresh" and meta.get("pages", 1) == 1
        top = self.newest(*positions) if first_of_fresh else (state.get("sweep") or {}).get("top")
        reached = (
            since is not None
            and not self.full
            and any(self.order(p) <= self.order(since) for p in positions)
        )
        extra = {k: v for k, v in state.items() if k not in ("since", "sweep")}
        if reached or not page.next_cursor or not page.posts:
            new_state = {**extra, "since": self.newest(since, top)}
            self._state[target] = new_state
            return new_state, None
        new_state = {**extra, "since": since, "sweep": {"top": top, "next": page.next_cursor}}
        self._state[target] = new_state
        more = meta.get("pages", 1) < self.max_pages
        return new_state, page.next_cursor if more else None

    def parse_with(
        self, response: Response, parser: Parser, *, is_page: bool = True
    ) -> tuple[Page | None, CrawledPage]:
        """Run a pure parser on a response; an unusable response becomes a quarantined page."""
        target = response.meta.get("target", "")
        item = CrawledPage(
            platform=self.platform,
            target=target,
            url=response.url,
            record=response.meta.get("warc_record"),
            is_page=is_page,
        )
        headers = {
            k.decode("latin-1").lower(): v[0].decode("latin-1")
            for k, v in response.headers.items()
            if v
        }
        try:
            page = parser(response.body, url=response.url, headers=headers)
        except ParseError as exc:
            item.rejected = (str(exc), response.body)
            item.problem = f"response quarantined: {exc}"
            return None, item
        item.posts = [self.stamp(p, response.url) for p in page.posts]
        item.bad = page.bad
        if page.account is not None:
            item.accounts = [page.account]
        return page, item

    @staticmethod
    def stamp(post: PostItem, url: str) -> PostItem:
        post.source_url = url
        return post

    def handle_page(
        self, response: Response, parser: Parser
    ) -> Iterator[CrawledPage | scrapy.Request]:
        """Callback for a timeline page: store it, move the cursor, ask for the next one."""
        meta = response.meta
        target = meta["target"]
        page, item = self.parse_with(response, parser)
        if page is None:
            yield item
            retry = self.retry_unparsable(response)
            if retry is not None:
                yield retry
            return
        item.cursor, ref = self.advance(target, page, meta)
        yield item
        if ref is not None:
            n = meta.get("pages", 1) + 1
            request = self.next_request(
                target, ref, {"target": target, "mode": meta["mode"], "pages": n}
            )
            yield request.replace(priority=RESUME_PRIORITY) if meta["mode"] == "resume" else request
        elif meta.get("mode") == "resume" and "sweep" not in item.cursor:
            # The cut-short sweep is finished; now look for what is newer than it.
            kind, value = target.split(":", 1)
            yield from self.start_target(kind, value, target)

    def retry_unparsable(self, response: Response) -> scrapy.Request | None:
        """A truncated page may be a passing fault: ask once more, then leave it for next run."""
        if response.meta.get("parse_retry"):
            return None
        request = response.request
        if request is None:
            return None
        retry = request.replace(dont_filter=True)
        retry.meta["parse_retry"] = True
        return retry

    def failed(self, failure: Failure) -> Iterator[CrawledPage]:
        """Errback: the target could not be completed this run; its cursor stays put."""
        request = failure.request  # type: ignore[attr-defined]
        unavailable = None
        if isinstance(failure.value, HttpError):
            response = failure.value.response
            problem = f"HTTP {response.status} for {response.url}"
        elif "robots.txt" in str(failure.value):
            problem = f"robots.txt forbids {request.url}"
            unavailable = "the site's robots.txt forbids crawling it"
        else:
            kind = type(failure.value).__name__
            problem = f"{kind}: {failure.getErrorMessage()} for {request.url}"
        logger.warning("%s: %s", request.meta.get("target", "?"), problem)
        yield CrawledPage(
            platform=self.platform,
            target=request.meta.get("target", ""),
            url=request.url,
            problem=problem,
            failed=True,
            unavailable=unavailable,
            is_page=False,
        )

    def notice(self, target: str, problem: str, *, failed: bool = False) -> CrawledPage:
        return CrawledPage(
            platform=self.platform, target=target, problem=problem, failed=failed, is_page=False
        )
