"""A link from a public report ("laporan masyarakat"): capture the post, score it, and queue
it whatever its score."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

import classifier
from crawlers.capture import CaptureError, capture_url
from pantau import audit, modelreg
from pantau.classification import (
    age_hours,
    author_fields,
    contest_regions,
    item_region,
    registry_rows,
    save_classification,
)
from pantau.models import (
    Classification,
    Post,
    PostOrigin,
    ReviewItem,
    User,
)
from pantau.timeutil import utcnow

__all__ = ["CaptureError", "Queued", "queue_link"]


@dataclass(frozen=True)
class Queued:
    item: ReviewItem
    already_queued: bool
    scored: bool = True


@functools.lru_cache(maxsize=4)
def _load(path: str, sha256: str) -> classifier.PartisanModel:
    # Keyed by the artifact's hash too, so a re-registered file is never served stale.
    return classifier.PartisanModel.load(path)


def model_or_none(session: Session) -> classifier.PartisanModel | None:
    """The active registered model (what the nightly triage uses), else the bundled one;
    None if no artifact can be loaded (the link is still queued, unscored)."""
    try:
        row = modelreg.active(session)
        if row is not None:
            return _load(str(modelreg.verified_artifact(row)), row.artifact_sha256)
        return _load(str(classifier.bundled_model_path()), "bundled")
    except (OSError, ValueError, modelreg.ModelRegistryError):
        return None


def _score(
    post: Post, reg: classifier.Registry, model: classifier.PartisanModel
) -> classifier.Score:
    author = classifier.Author(**author_fields(post.account))
    item = classifier.PostInput(post.text, author, post.posted_at, post.kind.value)
    return classifier.score_posts(model, [item], reg)[0]


def queue_link(session: Session, url: str, user: User) -> Queued:
    """Capture, score and queue; raises CaptureError (nothing written) if capture fails."""
    post_id = capture_url(session, url, actor=user)
    existing = session.scalar(select(ReviewItem).where(ReviewItem.post_id == post_id))
    if existing is not None:
        return Queued(existing, already_queued=True)
    post = session.get(Post, post_id)
    assert post is not None
    reg = classifier.Registry.from_rows(registry_rows(session))
    model = model_or_none(session)
    row = _classify(session, post, reg, model) if model is not None else None
    supported = row.explanation.get("supported", []) if row else []
    # A report nobody can place goes to the office that received it.
    score_region = item_region(post, supported, contest_regions(session)) or user.region_scope
    item = ReviewItem(
        post_id=post.id,
        classification_id=row.id if row else None,
        priority=row.priority if row else 1.0,
        region_code=score_region,
        origin=PostOrigin.PUBLIC_REPORT,
    )
    session.add(item)
    session.flush()
    audit.record(
        session,
        user,
        "review.public_report",
        "review_item",
        item.id,
        {"url": url, "post_id": post.id, "scored": row is not None},
    )
    return Queued(item, already_queued=False, scored=row is not None)


def _classify(
    session: Session, post: Post, reg: classifier.Registry, model: classifier.PartisanModel
) -> Classification:
    score = _score(post, reg, model)
    in_campaign = post.posted_at is not None and reg.in_campaign(post.posted_at)
    rank = classifier.priority(
        score.partisan, score.asn, post.account.followers, age_hours(post, utcnow()), in_campaign
    )
    row = save_classification(
        session,
        post,
        score.to_dict(),
        model_version=score.model_version or model.version,
        thresholds=model.thresholds,
        priority=rank,
    )
    session.flush()
    return row
