"""A link from a public report ("laporan masyarakat"): capture the post, score it, and queue
it whatever its score. Scoring and queueing are `pantau.triage.score_and_queue`, the same
code the nightly triage runs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from crawlers.capture import CaptureError, capture_url
from pantau.models import ReviewItem, User
from pantau.triage import score_and_queue

__all__ = ["CaptureError", "Queued", "queue_link"]


@dataclass(frozen=True)
class Queued:
    item: ReviewItem
    already_queued: bool
    scored: bool = True


def queue_link(session: Session, url: str, user: User) -> Queued:
    """Capture, score and queue; raises CaptureError (nothing written) if capture fails."""
    post_id = capture_url(session, url, actor=user)
    # A report nobody can place goes to the office that received it.
    result = score_and_queue(
        session,
        post_id,
        actor=user,
        fallback_region=user.region_scope,
        audit_action="review.public_report",
        audit_details={"url": url},
    )
    assert result.item is not None  # always_queue: a report is queued whatever its score
    return Queued(result.item, already_queued=result.already_queued, scored=result.scored)
