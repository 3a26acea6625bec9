"""What a spider yields per response: the page's posts, rejects and cursor move, stored as one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crawlers.evidence import RecordRef, WarcRecorder
from crawlers.items import AccountItem, BadRecord, PostItem
from crawlers.runs import Progress


@dataclass
class CrawledPage:
    """One response's worth of work.

    The pipeline commits the posts and the cursor move in the same transaction, so a
    killed crawl never advances a cursor past posts it did not store. One item per
    response (rather than per post) keeps that atomic whatever order Scrapy runs items in.
    """

    platform: str
    target: str  # "account:budi", "tag:pilkada", "channel:infokota" ...
    url: str = ""
    posts: list[PostItem] = field(default_factory=list)
    accounts: list[AccountItem] = field(default_factory=list)
    bad: list[BadRecord] = field(default_factory=list)
    # The whole response was unusable: (reason, raw bytes); it is quarantined.
    rejected: tuple[str, bytes] | None = None
    # The target's new cursor state, applied once this page's posts are committed.
    cursor: dict[str, Any] | None = None
    record: RecordRef | None = None  # where the response sits in the run's WARC
    # A problem the run message must name (transport error, preview disabled, skipped search).
    problem: str | None = None
    failed: bool = False  # the target could not be completed this run
    # Source-level facts to keep on the source row (e.g. a Telegram preview turned off).
    unavailable: str | None = None
    is_page: bool = True  # False for notices that are not a fetched page
    is_lookup: bool = False  # an account lookup (counted apart from timeline pages)


@dataclass
class RunContext:
    """The open run, shared by the run extension (opens and closes it, decides its status),
    the spider (targets, cursor to resume from) and the store pipeline (what it committed).
    The WARC recorder is the one the middleware writes to."""

    run_id: int
    source_id: int
    source_name: str
    config: dict[str, Any]
    cursor: dict[str, Any]
    recorder: WarcRecorder | None = None
    # What the store pipeline has committed so far (the cursor it saved is `committed`).
    progress: Progress = field(default_factory=Progress)
    committed: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    failed: bool = False  # a target could not be completed for a reason other than unavailable
    unavailable: bool = False  # some target was unavailable (preview off, robots.txt)
    broken: Exception | None = None  # storing a batch failed; nothing more is stored
