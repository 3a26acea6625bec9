"""A link from a public report ("laporan masyarakat"): capture the post, score it, and queue
it whatever its score."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

import classifier
from classifier.scoring import age_in_hours
from crawlers.capture import CaptureError, capture_url
from pantau import audit
from pantau.models import (
    AsnStatus,
    Classification,
    Contest,
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


@functools.lru_cache(maxsize=1)
def _model() -> classifier.PartisanModel:
    return classifier.load_bundled()


def model_or_none() -> classifier.PartisanModel | None:
    """The bundled model, or None while no artifact is installed (the link is still queued)."""
    try:
        return _model()
    except (OSError, ValueError):
        return None


def registry(session: Session) -> classifier.Registry:
    contests = session.scalars(select(Contest).order_by(Contest.code)).all()
    return classifier.Registry(
        candidates=tuple(
            classifier.RegistryCandidate(
                contest_code=c.code,
                number=cand.number,
                names=tuple(cand.names),
                nicknames=tuple(cand.nicknames),
                parties=tuple(cand.parties),
                slogans=tuple(cand.slogans),
                hashtags=tuple(cand.hashtags),
            )
            for c in contests
            for cand in c.candidates
        ),
        contests=tuple(
            classifier.RegistryContest(
                code=c.code,
                region_code=c.region_code or "",
                name=c.name,
                level=c.level,
                election_date=c.election_date,
                campaign_start=c.campaign_start,
                campaign_end=c.campaign_end,
            )
            for c in contests
        ),
    )


def _score(
    post: Post, reg: classifier.Registry, model: classifier.PartisanModel
) -> classifier.Score:
    account = post.account
    author = classifier.Author(
        handle=account.handle,
        display_name=account.display_name,
        bio=account.bio,
        registry_linked=account.civil_servant_id is not None,
        not_asn=account.asn_status is AsnStatus.NOT_ASN,
        followers=account.followers,
    )
    item = classifier.PostInput(post.text, author, post.posted_at, post.kind.value)
    return classifier.score_posts(model, [item], reg)[0]


def _region(post: Post, supported: list[str], reg: classifier.Registry, user: User) -> str | None:
    """The post's region, its author's, the one contest it takes a side in, or else the
    region of the office that received the report."""
    if post.region_code:
        return post.region_code
    if post.account.civil_servant is not None:
        return post.account.civil_servant.region_code
    codes = {e.split("#", 1)[0] for e in supported}
    regions = {c.region_code for c in reg.contests if c.code in codes and c.region_code}
    return regions.pop() if len(regions) == 1 else user.region_scope


def queue_link(session: Session, url: str, user: User) -> Queued:
    """Capture, score and queue; raises CaptureError (nothing written) if capture fails."""
    post_id = capture_url(session, url, actor=user)
    existing = session.scalar(select(ReviewItem).where(ReviewItem.post_id == post_id))
    if existing is not None:
        return Queued(existing, already_queued=True)
    post = session.get(Post, post_id)
    assert post is not None
    reg = registry(session)
    model = model_or_none()
    row = _classify(session, post, reg, model) if model is not None else None
    score_region = _region(post, row.explanation.get("supported", []) if row else [], reg, user)
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
    now = utcnow()
    in_campaign = post.posted_at is not None and reg.in_campaign(post.posted_at)
    age = age_in_hours(post.posted_at, now)
    rank = classifier.priority(score.partisan, score.asn, post.account.followers, age, in_campaign)
    data = score.to_dict()
    row = Classification(
        post_id=post.id,
        model_version=score.model_version or model.version,
        partisan_score=score.partisan,
        asn_score=score.asn,
        priority=rank,
        flagged=score.flagged,
        thresholds=dict(model.thresholds),
        matches=data["matches"],
        explanation={
            "features": data["features"],
            "asn_reasons": data["asn_reasons"],
            "supported": score.supported,
            "stance": score.stance,
        },
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row
