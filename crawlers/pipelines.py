"""Item pipeline: opens the crawl run, stores pages in batches with their evidence, closes it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from time import monotonic
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem
from sqlalchemy import insert

from crawlers import runs, store
from crawlers.evidence import RecordRef, WarcRecorder, evidence_rows
from crawlers.items import PostItem
from crawlers.pages import CrawledPage, RunContext
from crawlers.sources import SourceConfigError
from pantau.db import session_scope
from pantau.models import Evidence, PostOrigin, RunStatus
from pantau.settings import get_settings

logger = logging.getLogger(__name__)


def _chain(post: PostItem) -> Iterator[PostItem]:
    node: PostItem | None = post
    while node is not None:
        yield node
        node = node.parent


class StorePipeline:
    """Spiders never touch the database; this pipeline does, in batches.

    A batch holds whole pages: their posts, rejects and cursor moves are committed in
    one transaction, after the WARC records they point at are on disk.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.batch_posts = crawler.settings.getint("PANTAU_BATCH_POSTS", 500)
        self.flush_seconds = crawler.settings.getfloat("PANTAU_FLUSH_SECONDS", 2.0)
        self.pages: list[CrawledPage] = []
        self.buffered = 0
        self.last_flush = monotonic()
        self.progress = runs.Progress()
        self.cursor: dict[str, Any] = {}
        self.problems: list[str] = []
        self.failed = False
        self.unavailable = False
        self.broken: Exception | None = None
        self.context: RunContext | None = None
        self.started_at: Any = None
        self.log_handler: logging.Handler | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    # -- opening -------------------------------------------------------------------------

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        settings = get_settings()
        try:
            with session_scope() as session:
                source = runs.resolve_source(
                    session,
                    spider.name,
                    getattr(spider, "source_name", None),
                    getattr(spider, "cli_config", None),
                )
                config = runs.source_config(source)
                run = runs.open_run(session, source, settings.evidence_dir)
                run.warc_path = WarcRecorder.new_relpath("crawl", f"{source.name}-run{run.id}")
                run.log_path = f"logs/crawl/{source.name}-run{run.id}.log"
                context = RunContext(run.id, source.id, source.name, config, dict(run.cursor))
                self.started_at = run.started_at
                warc_path, log_path = run.warc_path, run.log_path
        except (runs.UnknownSource, runs.RunInProgress, SourceConfigError) as exc:
            logger.error("cannot start the crawl: %s", exc)
            raise CloseSpider(f"cannot start: {exc}") from exc
        context.recorder = WarcRecorder(settings.evidence_dir, warc_path)
        self.context = context
        self.cursor = dict(context.cursor)
        spider.context = context  # type: ignore[attr-defined]
        self._log_to_file(settings.data_dir / log_path)
        logger.info("run %s for source %s: evidence %s", context.run_id, source.name, warc_path)

    def _log_to_file(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setLevel(logging.INFO)
        handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
        logging.getLogger().addHandler(handler)
        self.log_handler = handler

    # -- items ---------------------------------------------------------------------------

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, CrawledPage):
            return item
        if self.broken is not None or self.context is None:
            raise DropItem("the run cannot store any more pages")
        self.pages.append(item)
        self.buffered += len(item.posts) + 1
        if self.buffered >= self.batch_posts or monotonic() - self.last_flush >= self.flush_seconds:
            self.flush()
        return item

    def flush(self) -> None:
        """Commit what is buffered. In the reactor thread on purpose: a writer thread gained
        nothing under the GIL and its malloc arena kept growing over a long crawl."""
        if not self.pages or self.context is None or self.broken is not None:
            return
        pages, self.pages, self.buffered = self.pages, [], 0
        self.last_flush = monotonic()
        try:
            self._commit(pages)
        except Exception as exc:
            # Later pages must not move a cursor past the posts of this lost batch.
            self.broken = exc
            logger.exception("storing a batch failed; stopping the crawl")
            if self.crawler.engine is not None and self.crawler.spider is not None:
                self.crawler.engine.close_spider(self.crawler.spider, "store_failed")

    def _commit(self, pages: list[CrawledPage]) -> None:
        context = self.context
        assert context is not None
        if context.recorder is not None:
            context.recorder.flush()
        progress = runs.Progress(**vars(self.progress))
        cursor = dict(self.cursor)
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
        self.progress, self.cursor = progress, cursor
        self.problems.extend(problems)
        # A target that is unavailable (preview off, robots.txt) is a fact about the target,
        # noted on the run and the source; it does not fail the crawl of the others.
        self.failed = self.failed or any(page.failed and not page.unavailable for page in pages)
        self.unavailable = self.unavailable or any(page.unavailable for page in pages)

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

    # -- closing -------------------------------------------------------------------------

    def close_spider(self) -> None:
        self.flush()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        context = self.context
        if context is None:
            return
        digest = context.recorder.close() if context.recorder is not None else None
        status, message = self._outcome(reason)
        with session_scope() as session:
            if self.started_at is not None and self.broken is None:
                store.link_orphans(session, self.started_at)
            runs.finish_run(session, context.run_id, status, message, warc_sha256=digest)
        logger.info("run %s %s: %s", context.run_id, status.value, message)
        if self.log_handler is not None:
            logging.getLogger().removeHandler(self.log_handler)
            self.log_handler.close()

    def _outcome(self, reason: str) -> tuple[RunStatus, str]:
        p = self.progress
        summary = (
            f"{p.pages} pages, {p.posts_new} new, {p.posts_updated} updated, {p.errors} errors"
        )
        notes = list(self.problems)
        if self.broken is not None:
            notes.insert(0, f"storage failed: {self.broken}")
        if reason not in ("finished", "store_failed"):
            notes.insert(0, f"stopped: {reason}")
        message = "; ".join([summary, *notes[:20]])
        if len(notes) > 20:
            message += f"; and {len(notes) - 20} more"
        if reason == "shutdown":
            return RunStatus.KILLED, message
        nothing_reachable = self.unavailable and p.pages == 0
        if self.broken is not None or self.failed or nothing_reachable or reason != "finished":
            return RunStatus.FAILED, message
        return RunStatus.SUCCEEDED, message
