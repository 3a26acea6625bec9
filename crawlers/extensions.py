"""The crawl run's life: open (or claim) it, keep it alive, close it and decide its status.

The store pipeline only stores; it reports what it committed on the shared `RunContext`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from twisted.internet import task

from crawlers import runs
from crawlers.evidence import WarcRecorder
from crawlers.pages import RunContext
from crawlers.sources import SourceConfigError
from pantau.db import session_scope
from pantau.models import RunStatus
from pantau.settings import get_settings

logger = logging.getLogger(__name__)


class CrawlRunExtension:
    """Opens the run when the spider opens (before any request), beats a heartbeat into
    `crawl_runs.last_seen_at` while it runs, and closes it when the spider closes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.heartbeat_s = crawler.settings.getfloat("PANTAU_HEARTBEAT_SECONDS", 5.0)
        self.context: RunContext | None = None
        self.beat: task.LoopingCall | None = None
        self.log_handler: logging.Handler | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRunExtension:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        settings = get_settings()
        params = getattr(spider, "params", None)
        run_id = getattr(params, "run_id", None)
        try:
            with session_scope() as session:
                source = runs.resolve_source(
                    session,
                    spider.name,
                    getattr(spider, "source_name", None),
                    getattr(spider, "cli_config", None),
                )
                config = runs.source_config(source)
                if run_id:
                    run = runs.claim_run(session, run_id, source)
                else:
                    run = runs.open_run(session, source, settings.evidence_dir)
                run.warc_path = WarcRecorder.new_relpath("crawl", f"{source.name}-run{run.id}")
                run.log_path = f"logs/crawl/{source.name}-run{run.id}.log"
                context = RunContext(run.id, source.id, source.name, config, dict(run.cursor))
                warc_path, log_path = run.warc_path, run.log_path
        except (runs.UnknownSource, runs.RunInProgress, SourceConfigError) as exc:
            logger.error("cannot start the crawl: %s", exc)
            raise CloseSpider(f"cannot start: {exc}") from exc
        context.recorder = WarcRecorder(settings.evidence_dir, warc_path)
        context.committed = dict(context.cursor)
        self.context = context
        spider.context = context  # type: ignore[attr-defined]
        self._log_to_file(settings.data_dir / log_path)
        self.beat = task.LoopingCall(self._heartbeat)
        self.beat.start(self.heartbeat_s, now=False)
        logger.info("run %s for source %s: evidence %s", context.run_id, source.name, warc_path)

    def _heartbeat(self) -> None:
        if self.context is None:
            return
        try:
            with session_scope() as session:
                runs.heartbeat(session, self.context.run_id)
        except Exception:  # a missed beat only makes a killed run's end time earlier
            logger.warning("heartbeat of run %s failed", self.context.run_id, exc_info=True)

    def _log_to_file(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setLevel(logging.INFO)
        handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
        logging.getLogger().addHandler(handler)
        self.log_handler = handler

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """After the pipeline's last flush (Scrapy closes pipelines before this signal)."""
        if self.beat is not None and self.beat.running:
            self.beat.stop()
        context = self.context
        if context is None:
            return
        digest = context.recorder.close() if context.recorder is not None else None
        status, message = outcome(context, reason)
        with session_scope() as session:
            runs.finish_run(session, context.run_id, status, message, warc_sha256=digest)
        logger.info("run %s %s: %s", context.run_id, status.value, message)
        if self.log_handler is not None:
            logging.getLogger().removeHandler(self.log_handler)
            self.log_handler.close()


def outcome(context: RunContext, reason: str) -> tuple[RunStatus, str]:
    """The run's status and message from what the pipeline committed and why Scrapy stopped."""
    p = context.progress
    summary = (
        f"{p.pages} pages, {p.lookups} lookups, {p.posts_new} new, {p.posts_updated} updated, "
        f"{p.errors} errors"
    )
    notes = list(context.problems)
    cut = runs.unfinished(context.committed)
    if cut:
        shown = ", ".join(cut[:10]) + (f" and {len(cut) - 10} more" if len(cut) > 10 else "")
        plural = "s" if len(cut) != 1 else ""
        notes.insert(0, f"{len(cut)} target{plural} cut short, resumed next run: {shown}")
    if context.broken is not None:
        notes.insert(0, f"storage failed: {context.broken}")
    if reason not in ("finished", "store_failed"):
        notes.insert(0, f"stopped: {reason}")
    # A time limit is a budget like the page cap: what it cut short is listed and resumed.
    done = reason in ("finished", "closespider_timeout")
    message = "; ".join([summary, *notes[:20]])
    if len(notes) > 20:
        message += f"; and {len(notes) - 20} more"
    if reason == "shutdown":
        return RunStatus.KILLED, message
    nothing_reachable = context.unavailable and p.pages == 0
    failed = context.broken is not None or context.failed or nothing_reachable
    if failed or not done:
        return RunStatus.FAILED, message
    return RunStatus.SUCCEEDED, message
