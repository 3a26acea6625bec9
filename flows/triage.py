"""Triage: score every post the active model has not scored, flag, and fill the review queue.

Each batch is one transaction holding its classifications and review items, so a crash
between batches loses nothing and a re-run picks up exactly where it stopped.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from prefect import flow, get_run_logger, task
from sqlalchemy import exists, select
from sqlalchemy.orm import Session, joinedload

from classifier import Author, PostInput, priority, score_posts
from flows.scoring import active_model, load_registry
from pantau import audit
from pantau.accounts import link_by_nip
from pantau.classification import (
    age_hours,
    author_fields,
    contest_regions,
    item_region,
    save_classification,
)
from pantau.db import session_scope
from pantau.models import (
    Classification,
    Post,
    PostKind,
    ReviewItem,
)
from pantau.settings import get_settings
from pantau.timeutil import utcnow


@dataclass
class TriageStats:
    scored: int = 0
    flagged: int = 0
    queued: int = 0
    duplicates: int = 0
    batches: int = 0

    def __iadd__(self, other: TriageStats) -> TriageStats:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


def pending_post_ids(session: Session, model_version: str, limit: int) -> list[int]:
    """Posts with no classification by this model version, oldest id first."""
    scored = exists().where(
        Classification.post_id == Post.id, Classification.model_version == model_version
    )
    query = select(Post.id).where(~scored, Post.deleted_at.is_(None)).order_by(Post.id).limit(limit)
    return list(session.scalars(query))


def _input(post: Post) -> PostInput:
    return PostInput(
        text=post.text,
        author=Author(**author_fields(post.account)),
        posted_at=post.posted_at,
        kind=post.kind.value,
    )


def _is_duplicate(session: Session, post: Post, seen: set[tuple[int, str]]) -> bool:
    """Already queued (a public report is queued on arrival), the same text from the same
    account, or a repost of a post already queued."""
    if (post.account_id, post.content_hash) in seen:
        return True
    if session.scalar(select(exists().where(ReviewItem.post_id == post.id))):
        return True
    same_text = exists().where(
        ReviewItem.post_id == Post.id,
        Post.account_id == post.account_id,
        Post.content_hash == post.content_hash,
    )
    if session.scalar(select(same_text)):
        return True
    if post.kind is PostKind.REPOST and post.parent_id is not None:
        return bool(session.scalar(select(exists().where(ReviewItem.post_id == post.parent_id))))
    return False


def triage_batch(session: Session, post_ids: list[int], now: datetime | None = None) -> TriageStats:
    """Score these posts and queue the flagged ones, in the caller's transaction."""
    now = now or utcnow()
    model, registry = active_model(session), load_registry(session)
    regions = contest_regions(session)
    posts = (
        session.scalars(
            select(Post)
            .where(Post.id.in_(post_ids))
            .order_by(Post.id)
            .options(joinedload(Post.account))
        )
        .unique()
        .all()
    )
    link_by_nip(session, list({p.account_id for p in posts}))
    scores = score_posts(model, [_input(p) for p in posts], registry)
    stats = TriageStats(scored=len(posts), batches=1)
    seen: set[tuple[int, str]] = set()
    for post, score in zip(posts, scores, strict=True):
        in_campaign = post.posted_at is not None and registry.in_campaign(post.posted_at)
        rank = priority(
            score.partisan, score.asn, post.account.followers, age_hours(post, now), in_campaign
        )
        row = save_classification(
            session,
            post,
            score.to_dict(),
            model_version=model.version,
            thresholds=model.thresholds,
            priority=rank,
        )
        if not score.flagged:
            continue
        stats.flagged += 1
        if _is_duplicate(session, post, seen):
            stats.duplicates += 1
            continue
        session.flush()
        session.add(
            ReviewItem(
                post_id=post.id,
                classification_id=row.id,
                priority=rank,
                region_code=item_region(post, score.supported, regions),
                origin=post.origin,
            )
        )
        # The duplicate checks are Core EXISTS queries, which do not autoflush.
        session.flush()
        seen.add((post.account_id, post.content_hash))
        stats.queued += 1
    session.flush()
    if stats.queued:
        audit.record(
            session,
            None,
            "triage.queue",
            "review_items",
            "*",
            {
                "model_version": model.version,
                "scored": stats.scored,
                "flagged": stats.flagged,
                "queued": stats.queued,
            },
        )
    return stats


@task(retries=2, retry_delay_seconds=5)
def triage_next_batch(batch_size: int) -> TriageStats | None:
    """One committed batch; None when nothing is left to score."""
    with session_scope() as session:
        version = active_model(session).version
        ids = pending_post_ids(session, version, batch_size)
        if not ids:
            return None
        return triage_batch(session, ids)


@flow(name="triage")
def triage(batch_size: int | None = None, max_batches: int | None = None) -> TriageStats:
    """Score every unscored post in memory-sized batches; safe to re-run at any point."""
    size = batch_size or get_settings().triage_batch_size
    total = TriageStats()
    while max_batches is None or total.batches < max_batches:
        stats = triage_next_batch(size)
        if stats is None:
            break
        total += stats
    get_run_logger().info("triage: %s", total)
    return total
