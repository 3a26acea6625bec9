"""Recheck: re-fetch posts under review or confirmed, recording edits and noticing deletions.

Each post is re-fetched through the same single-post requests and parsers as a capture.
A changed text becomes a new version; a post the platform no longer serves gets
`deleted_at` (when we noticed), and its evidence stays. Every response is kept in a WARC.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Annotated

import httpx
import typer
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from crawlers import store
from crawlers.capture import CaptureError, Fetch, plan
from crawlers.evidence import evidence_rows, record_exchange
from crawlers.items import ParseError
from crawlers.parsing.urls import recognize
from pantau import audit
from pantau.db import session_scope
from pantau.models import Evidence, Post, ReviewItem, ReviewStatus
from pantau.recheck_stats import RecheckStats
from pantau.settings import Settings, get_settings
from pantau.timeutil import utcnow

WATCHED = (
    ReviewStatus.QUEUED,
    ReviewStatus.CLAIMED,
    ReviewStatus.ESCALATED,
    ReviewStatus.CONFIRMED,
)
TIMEOUT_S = 15.0
GONE = (404, 410)


def due_posts(session: Session, *, limit: int, min_age: timedelta, now: datetime) -> list[int]:
    """Watched posts not yet known deleted, least recently checked first."""
    return list(
        session.scalars(
            select(Post.id)
            .join(ReviewItem, ReviewItem.post_id == Post.id)
            .where(
                ReviewItem.status.in_(WATCHED),
                Post.deleted_at.is_(None),
                Post.last_checked_at <= now - min_age,
            )
            .order_by(Post.last_checked_at, Post.id)
            .limit(limit)
        )
    )


def _fetch(fetch: Fetch, settings: Settings) -> httpx.Response:
    headers = {"User-Agent": f"Pantau (+{settings.contact_url})", **fetch.headers}
    with httpx.Client(timeout=TIMEOUT_S, follow_redirects=False) as client:
        return client.get(fetch.url, headers=headers)


def _keep(session: Session, settings: Settings, post: Post, response: httpx.Response) -> None:
    """The re-fetched answer is evidence too: of an edit, or of a deletion."""
    name = f"{post.platform}-{post.id}"
    record = record_exchange(settings.evidence_dir, "recheck", name, response)
    session.execute(insert(Evidence), evidence_rows([(post.id, record)], crawl_run_id=None))


def recheck_one(session: Session, post: Post, settings: Settings, now: datetime) -> str:
    """Re-fetch one post; returns unchanged, edited, deleted, failed or unsupported."""
    ref = recognize(post.url)
    if ref is None:
        post.last_checked_at = now
        return "unsupported"  # e.g. a news article: no single-post request to make
    try:
        fetch = plan(ref, settings)
        response = _fetch(fetch, settings)
    except (CaptureError, httpx.HTTPError):
        return "failed"
    if response.status_code in GONE:
        _keep(session, settings, post, response)
        return _mark_deleted(session, post, now, f"HTTP {response.status_code}")
    if response.status_code != 200:
        return "failed"  # rate limits and outages: try again next time
    headers = {k.lower(): v for k, v in response.headers.items()}
    try:
        page = fetch.parser(response.content, url=str(response.url), headers=headers)
    except ParseError:
        return "failed"
    _keep(session, settings, post, response)
    found = next((p for p in page.posts if p.platform_post_id == post.platform_post_id), None)
    if found is None:
        return _mark_deleted(session, post, now, "not in the platform's answer")
    result = store.store_posts(session, [found], origin=post.origin)
    post.last_checked_at = now
    return "edited" if result.count("edited") else "unchanged"


def _mark_deleted(session: Session, post: Post, now: datetime, why: str) -> str:
    post.deleted_at = now
    post.last_checked_at = now
    audit.record(session, None, "post.deleted_noticed", "post", post.id, {"why": why})
    return "deleted"


def recheck(
    *, limit: int = 2000, min_age_hours: float = 12.0, now: datetime | None = None
) -> RecheckStats:
    """Recheck due posts, each in its own transaction so one failure loses nothing else."""
    now = now or utcnow()
    settings = get_settings()
    stats = RecheckStats()
    with session_scope() as session:
        ids = due_posts(session, limit=limit, min_age=timedelta(hours=min_age_hours), now=now)
    for post_id in ids:
        with session_scope() as session:
            post = session.get(Post, post_id)
            if post is None:
                continue
            outcome = recheck_one(session, post, settings, now)
        stats.checked += 1
        setattr(stats, outcome, getattr(stats, outcome) + 1)
    return stats


def recheck_cmd(
    limit: Annotated[int, typer.Option(help="Posts to recheck at most.")] = 2000,
    min_age_hours: Annotated[float, typer.Option(help="Skip posts checked this recently.")] = 12.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Re-fetch posts under review or confirmed: record edits, notice deletions."""
    stats = recheck(limit=limit, min_age_hours=min_age_hours)
    if as_json:
        print(json.dumps(stats.as_dict()))
    else:
        typer.echo(", ".join(f"{k} {v}" for k, v in stats.as_dict().items()))
