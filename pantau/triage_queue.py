"""Putting a flagged post in the review queue: the duplicate rule, the item's region, the item.

Triage (`pantau.triage`) decides what to score and queue; this module answers the two
questions every way of queueing asks (is the post a duplicate of something already queued,
which region's analysts see it) and creates the one review item. Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.classification import contest_regions, item_region
from pantau.models import (
    Account,
    CivilServant,
    Classification,
    Post,
    PostKind,
    PostOrigin,
    ReviewItem,
)


@dataclass(frozen=True)
class QueueResult:
    """What queueing one post did (`score_and_queue`, `apply_evidence`)."""

    item: ReviewItem | None  # the post's review item, new or existing; None if not queued
    classification: Classification | None
    queued: bool  # this call created the review item
    already_queued: bool  # an item existed before this call
    duplicate: bool = False  # flagged, but skipped by the duplicate rule
    scored: bool = True


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


def item_of(session: Session, post_id: int) -> ReviewItem | None:
    """The post's review item, if it has one (a post is queued at most once)."""
    return session.scalar(select(ReviewItem).where(ReviewItem.post_id == post_id))


def queue_post(
    session: Session,
    post: Post,
    row: Classification | None,
    fallback_region: str | None = None,
    origin: PostOrigin | None = None,
) -> ReviewItem:
    """Create the post's review item, in the region its post, author or contest points to
    (`fallback_region` when none does); an unscored post gets priority 1.0."""
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
