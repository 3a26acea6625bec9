"""Triage: score posts, save their classifications, dedupe, queue the flagged ones, audit.

The one owner of "score a post and queue it". The nightly flow runs `triage_batch` per
batch; the public-report capture runs `score_and_queue` for one post; image analysis runs
`pantau.triage_evidence.apply_evidence` when a picture adds to what the text said. The
duplicate rule and the making of a review item are `pantau.triage_queue`'s. Nothing here
commits: each call lives in the caller's transaction, so a batch is stored whole or not at
all.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, exists, insert, select
from sqlalchemy.orm import Session, joinedload, load_only

from classifier.model import PartisanModel
from classifier.registry import Registry
from classifier.schema import Score
from classifier.scoring import age_in_hours, paused_gc, priority, score_posts
from pantau import audit
from pantau.accounts import link_by_nip
from pantau.classification import (
    classification_values,
    contest_regions,
    item_region,
    load_registry,
    post_input,
)
from pantau.modelreg import ModelRegistryError, active_model
from pantau.models import Classification, Post, PostKind, PostOrigin, ReviewItem, ReviewStatus, User
from pantau.timeutil import utcnow
from pantau.triage_queue import (
    QueueResult,
    civil_servant_regions,
    item_of,
    queue_post,
    queueable,
)


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


def _not_scored_by(model_version: str) -> ColumnElement[bool]:
    return ~exists().where(
        Classification.post_id == Post.id, Classification.model_version == model_version
    )


def pending_post_ids(session: Session, model_version: str, limit: int | None = None) -> list[int]:
    """Posts with no classification by this model version, in triage order.

    Reposts come last, everything in posting order (undated last, then by id): an original
    is then always triaged before its reposts, so which post is queued, and how many, is
    the same between identical runs whatever order the crawls stored them in.
    """
    query = (
        select(Post.id)
        .where(_not_scored_by(model_version), Post.deleted_at.is_(None))
        .order_by(Post.kind == PostKind.REPOST, Post.posted_at.asc().nulls_last(), Post.id)
    )
    return list(session.scalars(query if limit is None else query.limit(limit)))


def triage_order(post: Post) -> tuple[bool, bool, datetime, int]:
    """`pending_post_ids`' order, for posts in memory."""
    undated = post.posted_at is None
    return (post.kind is PostKind.REPOST, undated, post.posted_at or datetime.min, post.id)


def rank(post: Post, score: Score, registry: Registry, now: datetime) -> float:
    """The queue priority of a scored post."""
    in_campaign = post.posted_at is not None and registry.in_campaign(post.posted_at)
    return priority(
        score.partisan,
        score.asn,
        post.account.followers,
        age_in_hours(post.posted_at, now),
        in_campaign,
    )


def triage_batch(session: Session, post_ids: list[int], now: datetime | None = None) -> TriageStats:
    """Score these posts and queue the flagged ones, in the caller's transaction.

    Posts this model has already scored are skipped, so a retried batch is harmless. The
    writes are three multi-row INSERTs (classifications, review items, one audit event).
    """
    with paused_gc():  # the whole batch: scoring and the ORM objects it makes
        return _triage_batch(session, post_ids, now or utcnow())


# What triage reads of a post: not its raw platform JSON, metrics or media, whose decoding
# was a tenth of triage's time.
_POST_COLUMNS = (
    Post.id,
    Post.account_id,
    Post.text,
    Post.posted_at,
    Post.kind,
    Post.parent_id,
    Post.region_code,
    Post.origin,
    Post.content_hash,
)


def _triage_batch(session: Session, post_ids: list[int], now: datetime) -> TriageStats:
    model, registry = active_model(session), load_registry(session)
    posts = sorted(
        session.scalars(
            select(Post)
            .where(Post.id.in_(post_ids), _not_scored_by(model.version))
            .options(load_only(*_POST_COLUMNS), joinedload(Post.account))
        )
        .unique()
        .all(),
        key=triage_order,
    )
    link_by_nip(session, list({p.account_id for p in posts}))
    session.flush()  # the links, before the classifier reads `registry_linked`
    scores = score_posts(model, [post_input(p) for p in posts], registry)
    ranks = [rank(p, s, registry, now) for p, s in zip(posts, scores, strict=True)]
    stats = TriageStats(scored=len(posts), batches=1)
    if not posts:
        return stats
    values = [
        classification_values(
            p.id, s, model_version=model.version, thresholds=model.thresholds, priority=r, now=now
        )
        for p, s, r in zip(posts, scores, ranks, strict=True)
    ]
    # One executemany. No RETURNING: SQLite cannot order a multi-row RETURNING, so
    # SQLAlchemy would fall back to a statement per row; the few ids needed are read below.
    session.execute(insert(Classification), values)
    flagged = [(p, s, r) for p, s, r in zip(posts, scores, ranks, strict=True) if s.flagged]
    stats.flagged = len(flagged)
    verdicts = queueable(session, [p for p, _, _ in flagged])
    keep = [entry for entry, ok in zip(flagged, verdicts, strict=True) if ok]
    stats.queued, stats.duplicates = len(keep), len(flagged) - len(keep)
    if keep:
        class_ids = dict(
            session.execute(
                select(Classification.post_id, Classification.id).where(
                    Classification.post_id.in_([p.id for p, _, _ in keep]),
                    Classification.model_version == model.version,
                )
            )
            .tuples()
            .all()
        )
        regions = contest_regions(session)
        cs_regions = civil_servant_regions(session, [p.account for p, _, _ in keep])
        session.execute(
            insert(ReviewItem),
            [
                {
                    "post_id": p.id,
                    "classification_id": class_ids[p.id],
                    "priority": r,
                    "region_code": item_region(
                        p.region_code, cs_regions.get(p.account_id), s.supported, regions
                    ),
                    "origin": p.origin,
                    "status": ReviewStatus.QUEUED,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for p, s, r in keep
            ],
        )
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


def classify_one(
    session: Session, post: Post, model: PartisanModel, now: datetime
) -> Classification:
    """The post's classification by this model, scoring and storing it if there is none."""
    row = session.scalar(
        select(Classification).where(
            Classification.post_id == post.id, Classification.model_version == model.version
        )
    )
    if row is not None:
        return row
    link_by_nip(session, [post.account_id])
    session.flush()
    registry = load_registry(session)
    score = score_posts(model, [post_input(post)], registry)[0]
    row = Classification(
        **classification_values(
            post.id,
            score,
            model_version=model.version,
            thresholds=model.thresholds,
            priority=rank(post, score, registry, now),
            now=now,
        )
    )
    session.add(row)
    session.flush()
    return row


def score_and_queue(
    session: Session,
    post_id: int,
    *,
    actor: User | str | None,
    origin: PostOrigin = PostOrigin.PUBLIC_REPORT,
    always_queue: bool = True,
    fallback_region: str | None = None,
    audit_action: str = "review.public_report",
    audit_details: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> QueueResult:
    """Score one post with the active model and queue it, with one audit event.

    A public report is queued whatever its score (`always_queue`); if no model can be
    loaded it is still queued, unscored. An already queued post is left as it is.
    """
    now = now or utcnow()
    existing = item_of(session, post_id)
    if existing is not None:
        return QueueResult(existing, existing.classification, queued=False, already_queued=True)
    post = session.get(Post, post_id)
    if post is None:
        raise LookupError(f"no post {post_id}")
    try:
        row: Classification | None = classify_one(session, post, active_model(session), now)
    except (OSError, ValueError, ModelRegistryError):
        row = None  # a missing or altered artifact must not lose the report
    if not always_queue:
        if row is None or not row.flagged:
            return QueueResult(
                None, row, queued=False, already_queued=False, scored=row is not None
            )
        if not queueable(session, [post])[0]:
            return QueueResult(None, row, queued=False, already_queued=False, duplicate=True)
    item = queue_post(session, post, row, fallback_region, origin)
    details = {**(audit_details or {}), "post_id": post.id, "scored": row is not None}
    audit.record(session, actor, audit_action, "review_item", item.id, details)
    return QueueResult(item, row, queued=True, already_queued=False, scored=row is not None)
