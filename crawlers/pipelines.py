"""Item pipeline: stores pages in batches with their evidence (the run is the extension's)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from time import monotonic
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy import insert

from crawlers import runs, store
from crawlers.evidence import RecordRef, evidence_rows
from crawlers.items import PostItem
from crawlers.pages import CrawledPage, RunContext
from pantau.db import session_scope
from pantau.models import Evidence, PostOrigin

logger = logging.getLogger(__name__)


def _chain(post: PostItem) -> Iterator[PostItem]:
    node: PostItem | None = post
    while node is not None:
        yield node
        node = node.parent


class StorePipeline:
    """Spiders never touch the database; this pipeline does, in batches.

    A batch holds whole pages: their posts, rejects and cursor moves are committed in
    one transaction, after the WARC records they point at are on disk. What it committed
    goes on the run's `RunContext`, from which `CrawlRunExtension` closes the run.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.batch_posts = crawler.settings.getint("PANTAU_BATCH_POSTS", 500)
        self.flush_seconds = crawler.settings.getfloat("PANTAU_FLUSH_SECONDS", 2.0)
        self.pages: list[CrawledPage] = []
        self.buffered = 0
        self.last_flush = monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    @property
    def context(self) -> RunContext | None:
        return getattr(self.crawler.spider, "context", None)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, CrawledPage):
            return item
        context = self.context
        if context is None or context.broken is not None:
            raise DropItem("the run cannot store any more pages")
        self.pages.append(item)
        self.buffered += len(item.posts) + 1
        if self.buffered >= self.batch_posts or monotonic() - self.last_flush >= self.flush_seconds:
            self.flush()
        return item

    def flush(self) -> None:
        """Commit what is buffered. In the reactor thread on purpose: a writer thread gained
        nothing under the GIL and its malloc arena kept growing over a long crawl."""
        context = self.context
        if not self.pages or context is None or context.broken is not None:
            return
        pages, self.pages, self.buffered = self.pages, [], 0
        self.last_flush = monotonic()
        try:
            self._commit(context, pages)
        except Exception as exc:
            # Later pages must not move a cursor past the posts of this lost batch.
            context.broken = exc
            logger.exception("storing a batch failed; stopping the crawl")
            if self.crawler.engine is not None and self.crawler.spider is not None:
                self.crawler.engine.close_spider(self.crawler.spider, "store_failed")

    def _commit(self, context: RunContext, pages: list[CrawledPage]) -> None:
        if context.recorder is not None:
            context.recorder.flush()
        progress = runs.Progress(**vars(context.progress))
        cursor = dict(context.committed)
        problems: list[str] = []
        with session_scope() as session:
            accounts = [a for page in pages for a in page.accounts]
            if accounts:
                store.upsert_accounts(session, accounts)
            refs: dict[tuple[str, str], RecordRef] = {}
            for page in pages:
                for post in page.posts:
                    for node in _chain(post):
                        if page.record is not None:
                            refs[(node.platform, node.platform_post_id)] = page.record
            result = store.store_posts(
                session,
                [p for page in pages for p in page.posts],
                origin=PostOrigin.CRAWL,
                source_id=context.source_id,
                region_code=context.config.get("region_code"),
            )
            linked = [
                (sp.post_id, refs[(sp.item.platform, sp.item.platform_post_id)])
                for sp in result.posts
                if sp.status != "unchanged" and (sp.item.platform, sp.item.platform_post_id) in refs
            ]
            if linked:
                session.execute(
                    insert(Evidence), evidence_rows(linked, crawl_run_id=context.run_id)
                )
            for page in pages:
                progress.errors += self._quarantine(session, page, context.run_id)
                progress.pages += int(page.is_page)
                progress.lookups += int(page.is_lookup)
                if page.cursor is not None:
                    cursor[page.target] = page.cursor
                if page.problem:
                    problems.append(f"{page.target}: {page.problem}")
                    progress.errors += int(page.failed)
                if page.unavailable:
                    runs.mark_unavailable(session, context.source_id, page.target, page.unavailable)
            progress.posts_new += result.new
            progress.posts_updated += result.edited
            runs.save_progress(session, context.run_id, progress, cursor)
        context.progress, context.committed = progress, cursor
        context.problems.extend(problems)
        # A target that is unavailable (preview off, robots.txt) is a fact about the target,
        # noted on the run and the source; it does not fail the crawl of the others.
        context.failed = context.failed or any(p.failed and not p.unavailable for p in pages)
        context.unavailable = context.unavailable or any(p.unavailable for p in pages)

    @staticmethod
    def _quarantine(session: Any, page: CrawledPage, run_id: int) -> int:
        count = 0
        if page.rejected is not None:
            reason, raw = page.rejected
            store.quarantine(
                session,
                platform=page.platform,
                reason=reason,
                raw=raw,
                url=page.url,
                crawl_run_id=run_id,
            )
            count += 1
        for bad in page.bad:
            store.quarantine(
                session,
                platform=page.platform,
                reason=bad.reason,
                raw=bad.raw,
                url=bad.url or page.url,
                crawl_run_id=run_id,
            )
            count += 1
        return count

    def close_spider(self) -> None:
        self.flush()
