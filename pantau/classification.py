"""The database side of scoring: the classifier's inputs built from our rows, and its typed
`Score`s turned into `classifications` rows.

pantau imports only the classifier's pure API (schema, registry, model, scoring); the
import contracts in pyproject.toml hold that.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from classifier.registry import Registry, RegistryCandidate, RegistryContest
from classifier.schema import Author, Match, PostInput, Score
from pantau.models import Account, AsnStatus, Contest, Post


def load_registry(session: Session) -> Registry:
    """The election registry in the database, as the classifier's typed `Registry`.

    Built field by field from the rows (no CSV round trip). Equal rows give an equal,
    equally hashed Registry, so the classifier's matcher cache is reused batch after batch.
    """
    contests = session.scalars(
        select(Contest).order_by(Contest.code).options(selectinload(Contest.candidates))
    ).all()
    return Registry(
        candidates=tuple(
            RegistryCandidate(
                contest_code=contest.code,
                number=cand.number,
                names=tuple(cand.names),
                nicknames=tuple(cand.nicknames),
                parties=tuple(cand.parties),
                slogans=tuple(cand.slogans),
                hashtags=tuple(cand.hashtags),
            )
            for contest in contests
            for cand in contest.candidates
        ),
        contests=tuple(
            RegistryContest(
                code=c.code,
                region_code=c.region_code or "",
                name=c.name,
                level=c.level,
                election_date=c.election_date,
                campaign_start=c.campaign_start,
                campaign_end=c.campaign_end,
            )
            for c in contests
            if c.candidates  # as before: a contest is known by its candidates
        ),
    )


def author(account: Account) -> Author:
    """What the classifier needs to know about an account."""
    return Author(
        handle=account.handle,
        display_name=account.display_name,
        bio=account.bio,
        registry_linked=account.civil_servant_id is not None,
        not_asn=account.asn_status is AsnStatus.NOT_ASN,
        followers=account.followers,
    )


def post_input(post: Post) -> PostInput:
    return PostInput(
        text=post.text, author=author(post.account), posted_at=post.posted_at, kind=post.kind.value
    )


def match_json(match: Match) -> dict[str, Any]:
    # By hand rather than dataclasses.asdict: asdict deep-copies and was 13% of triage.
    return {
        "kind": match.kind,
        "start": match.start,
        "end": match.end,
        "text": match.text,
        "entity": match.entity,
    }


def classification_values(
    post_id: int,
    score: Score,
    *,
    model_version: str,
    thresholds: Mapping[str, float],
    priority: float,
    now: datetime,
) -> dict[str, Any]:
    """One `classifications` row for a typed classifier `Score` (insert-ready values)."""
    return {
        "post_id": post_id,
        "model_version": model_version,
        "partisan_score": score.partisan,
        "asn_score": score.asn,
        "priority": priority,
        "flagged": bool(score.flagged),
        "thresholds": dict(thresholds),
        "matches": [match_json(m) for m in score.matches],
        "explanation": {
            "features": [[name, weight] for name, weight in score.features],
            "asn_reasons": [
                {"kind": r.kind, "text": r.text, "weight": r.weight} for r in score.asn_reasons
            ],
            "supported": list(score.supported),
            "stance": score.stance,
        },
        "created_at": now,
    }


def item_region(
    post_region: str | None,
    civil_servant_region: str | None,
    supported: Iterable[str],
    contest_regions: Mapping[str, str | None],
) -> str | None:
    """Where a review item belongs: the post's own region, the linked civil servant's, or
    the one contest the post takes a side in (entities look like "PILGUB-35-2027#2")."""
    if post_region:
        return post_region
    if civil_servant_region:
        return civil_servant_region
    regions = {contest_regions.get(e.split("#", 1)[0]) for e in supported}
    return regions.pop() if len(regions) == 1 else None


def contest_regions(session: Session) -> dict[str, str | None]:
    return dict(session.execute(select(Contest.code, Contest.region_code)).tuples().all())
