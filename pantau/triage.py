"""Triage: score posts, save their classifications, dedupe, queue the flagged ones, audit.

The one owner of "score a post and queue it". The nightly flow runs `triage_batch` per
batch; the public-report capture runs `score_and_queue` for one post; image analysis runs
`apply_evidence` when a picture adds to what the text said. Nothing here commits: each
call lives in the caller's transaction, so a batch is stored whole or not at all.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, exists, insert, select
from sqlalchemy.orm import Session, joinedload, load_only

from classifier.model import PartisanModel
from classifier.registry import Registry
from classifier.schema import Match, Score
from classifier.scoring import age_in_hours, priority, score_posts
from pantau import audit
from pantau.accounts import link_by_nip
from pantau.classification import (
    classification_values,
    contest_regions,
    item_region,
    load_registry,
    match_json,
    post_input,
)
from pantau.modelreg import ModelRegistryError, active_model
from pantau.models import (
    Account,
    CivilServant,
    Classification,
    Post,
    PostKind,
    PostOrigin,
    ReviewItem,
    ReviewStatus,
    User,
)
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
    with _paused_gc():
        return _triage_batch(session, post_ids, now or utcnow())


@contextmanager
def _paused_gc() -> Iterator[None]:
    """No cycle collection during a batch: it allocates hundreds of thousands of acyclic
    objects, and the collections they trigger (each walking the loaded model and spaCy's
    vocabulary) were a fifth of triage's time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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


def queueable(session: Session, posts: Sequence[Post]) -> list[bool]:
    """For each flagged post, in order: True to queue it, False if it is a duplicate.

    A post is a duplicate if it is already queued (a public report is queued on arrival),
    if a queued post has the same text from the same account, or if it is a repost of a
    post that is queued or is such a duplicate; "queued" includes the posts let through
    earlier in this same list. Three set-based queries answer for the whole list.
    """
    if not posts:
        return []
    parent_ids = {p.parent_id for p in posts if p.kind is PostKind.REPOST and p.parent_id}
    ids = {p.id for p in posts} | parent_ids
    queued_ids = set(session.scalars(select(ReviewItem.post_id).where(ReviewItem.post_id.in_(ids))))
    parents: dict[int, tuple[int, str]] = {
        pid: (acc, text)
        for pid, acc, text in session.execute(
            select(Post.id, Post.account_id, Post.content_hash).where(Post.id.in_(parent_ids))
        ).tuples()
    }
    texts = {p.content_hash for p in posts} | {text for _, text in parents.values()}
    queued_texts: set[tuple[int, str]] = set(
        session.execute(
            select(Post.account_id, Post.content_hash)
            .join(ReviewItem, ReviewItem.post_id == Post.id)
            .where(Post.content_hash.in_(texts))
        ).tuples()
    )
    verdicts = []
    for post in posts:
        text = (post.account_id, post.content_hash)
        parent = post.parent_id if post.kind is PostKind.REPOST else None
        repost_of_queued = parent is not None and (
            parent in queued_ids or parents.get(parent) in queued_texts
        )
        ok = not (post.id in queued_ids or text in queued_texts or repost_of_queued)
        verdicts.append(ok)
        if ok:
            queued_ids.add(post.id)
            queued_texts.add(text)
    return verdicts


def civil_servant_regions(session: Session, accounts: Sequence[Account]) -> dict[int, str | None]:
    """account id -> region of its linked civil servant, for the linked ones."""
    linked = {a.civil_servant_id: a.id for a in accounts if a.civil_servant_id is not None}
    if not linked:
        return {}
    rows = session.execute(
        select(CivilServant.id, CivilServant.region_code).where(CivilServant.id.in_(linked))
    ).tuples()
    return {linked[cs_id]: region for cs_id, region in rows}


@dataclass(frozen=True)
class QueueResult:
    item: ReviewItem | None  # the post's review item, new or existing; None if not queued
    classification: Classification | None
    queued: bool  # this call created the review item
    already_queued: bool  # an item existed before this call
    duplicate: bool = False  # flagged, but skipped by the duplicate rule
    scored: bool = True


def _item_of(session: Session, post_id: int) -> ReviewItem | None:
    return session.scalar(select(ReviewItem).where(ReviewItem.post_id == post_id))


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


def _queue(
    session: Session,
    post: Post,
    row: Classification | None,
    fallback_region: str | None = None,
    origin: PostOrigin | None = None,
) -> ReviewItem:
    supported = row.explanation.get("supported", []) if row is not None else []
    linked = civil_servant_regions(session, [post.account]).get(post.account_id)
    region = item_region(post.region_code, linked, supported, contest_regions(session))
    item = ReviewItem(
        post_id=post.id,
        classification_id=row.id if row is not None else None,
        priority=row.priority if row is not None else 1.0,
        region_code=region or fallback_region,
        origin=origin or post.origin,
    )
    session.add(item)
    session.flush()
    return item


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
    existing = _item_of(session, post_id)
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
    item = _queue(session, post, row, fallback_region, origin)
    details = {**(audit_details or {}), "post_id": post.id, "scored": row is not None}
    audit.record(session, actor, audit_action, "review_item", item.id, details)
    return QueueResult(item, row, queued=True, already_queued=False, scored=row is not None)


@dataclass(frozen=True)
class ImageEvidence:
    """What a post's images add to its text: a partisan score they support and matches
    (use start = end = -1: they are not spans of the post text)."""

    partisan: float
    matches: Sequence[Match] = ()
    reasons: Sequence[str] = ()
    source: str = "image"


def apply_evidence(
    session: Session,
    post_id: int,
    evidence: ImageEvidence,
    *,
    actor: User | str | None = None,
    now: datetime | None = None,
) -> QueueResult:
    """Raise a post's classification by the active model with image evidence, and queue
    the post if it is now flagged and not a duplicate (one audit event when anything changed).

    Evidence only ever raises the partisan score; applying the same evidence again
    changes nothing.
    """
    now = now or utcnow()
    post = session.get(Post, post_id)
    if post is None:
        raise LookupError(f"no post {post_id}")
    model = active_model(session)
    row = classify_one(session, post, model, now)
    before = (row.partisan_score, row.flagged, row.priority)
    changed = _merge_evidence(row, evidence)
    if changed:
        registry = load_registry(session)
        thresholds = row.thresholds or model.thresholds
        row.flagged = row.partisan_score >= thresholds["partisan"] and (
            row.asn_score >= thresholds["asn"]
        )
        as_score = Score(partisan=row.partisan_score, asn=row.asn_score, flagged=row.flagged)
        row.priority = rank(post, as_score, registry, now)
    item = _item_of(session, post.id)
    already = item is not None
    queued = duplicate = False
    if item is None and row.flagged:
        if queueable(session, [post])[0]:
            item, queued = _queue(session, post, row, None), True
        else:
            duplicate = True
    elif item is not None and item.status is ReviewStatus.QUEUED and row.priority > item.priority:
        item.priority = row.priority
    if changed or queued:
        session.flush()
        audit.record(
            session,
            actor,
            "triage.evidence",
            "post",
            post.id,
            {
                "source": evidence.source,
                "model_version": row.model_version,
                "partisan": [before[0], row.partisan_score],
                "flagged": [before[1], row.flagged],
                "queued": queued,
                "review_item": item.id if item is not None else None,
            },
        )
    return QueueResult(item, row, queued=queued, already_queued=already, duplicate=duplicate)


def _merge_evidence(row: Classification, evidence: ImageEvidence) -> bool:
    """Fold the evidence into the row's score, matches and explanation; True if it changed."""
    partisan = max(row.partisan_score, round(float(evidence.partisan), 4))
    new = [m for m in map(match_json, evidence.matches) if m not in row.matches]
    entry = {
        "source": evidence.source,
        "partisan": round(float(evidence.partisan), 4),
        "reasons": list(evidence.reasons),
    }
    explanation = dict(row.explanation)
    seen = list(explanation.get("evidence", []))
    if partisan == row.partisan_score and not new and entry in seen:
        return False
    supported = list(explanation.get("supported", []))
    supported += [m["entity"] for m in new if m["entity"] and m["entity"] not in supported]
    explanation.update(supported=supported, evidence=seen if entry in seen else [*seen, entry])
    # New lists, not in-place edits: JSON columns only notice reassignment.
    row.partisan_score, row.matches, row.explanation = partisan, [*row.matches, *new], explanation
    return True
