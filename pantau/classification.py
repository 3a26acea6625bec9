"""The database side of scoring, as plain data: pantau never imports the classifier, so the
flows and the review UI hand its output here and build its input from these rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pantau.models import Account, AsnStatus, Classification, Contest, Post
from pantau.registries.candidates import COLUMNS as REGISTRY_COLUMNS
from pantau.timeutil import utcnow


def registry_rows(session: Session) -> list[dict[str, str]]:
    """The election registry as `pantau import candidates` rows (what
    `classifier.Registry.from_rows` reads), one per candidate pair."""
    rows = []
    contests = session.scalars(
        select(Contest).order_by(Contest.code).options(selectinload(Contest.candidates))
    )
    for contest in contests:
        for cand in contest.candidates:
            values = {
                "contest_code": contest.code,
                "contest_name": contest.name,
                "level": contest.level,
                "region_code": contest.region_code or "",
                "election_date": contest.election_date.isoformat(),
                "campaign_start": contest.campaign_start.isoformat(),
                "campaign_end": contest.campaign_end.isoformat(),
                "number": str(cand.number),
                **{
                    k: ";".join(getattr(cand, k))
                    for k in ("names", "nicknames", "parties", "slogans", "hashtags")
                },
            }
            rows.append({k: values[k] for k in REGISTRY_COLUMNS})
    return rows


def author_fields(account: Account) -> dict[str, Any]:
    """What the classifier's `Author` needs to know about an account."""
    return {
        "handle": account.handle,
        "display_name": account.display_name,
        "bio": account.bio,
        "registry_linked": account.civil_servant_id is not None,
        "not_asn": account.asn_status is AsnStatus.NOT_ASN,
        "followers": account.followers,
    }


def age_hours(post: Post, now: datetime) -> float | None:
    if post.posted_at is None:
        return None
    return max((now - post.posted_at).total_seconds() / 3600, 0.0)


def save_classification(
    session: Session,
    post: Post,
    score: Mapping[str, Any],
    *,
    model_version: str,
    thresholds: Mapping[str, float],
    priority: float,
) -> Classification:
    """Store one classifier `Score.to_dict()` for a post, with the thresholds in force."""
    row = Classification(
        post_id=post.id,
        model_version=model_version,
        partisan_score=score["partisan"],
        asn_score=score["asn"],
        priority=priority,
        flagged=bool(score["flagged"]),
        thresholds=dict(thresholds),
        matches=list(score["matches"]),
        explanation={
            "features": score["features"],
            "asn_reasons": score["asn_reasons"],
            "supported": score["supported"],
            "stance": score.get("stance"),
        },
        created_at=utcnow(),
    )
    session.add(row)
    return row


def item_region(
    post: Post, supported: Sequence[str], contest_regions: Mapping[str, str | None]
) -> str | None:
    """Where a review item belongs: the post's own region, the linked civil servant's, or
    the one contest the post takes a side in (entities look like "PILGUB-35-2027#2")."""
    if post.region_code:
        return post.region_code
    if post.account.civil_servant is not None:
        return post.account.civil_servant.region_code
    regions = {contest_regions.get(e.split("#", 1)[0]) for e in supported}
    return regions.pop() if len(regions) == 1 else None


def contest_regions(session: Session) -> dict[str, str | None]:
    return dict(session.execute(select(Contest.code, Contest.region_code)).tuples().all())
