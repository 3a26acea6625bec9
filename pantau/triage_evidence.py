"""Image evidence: what a post's pictures add to its text, folded into its classification.

`pantau.images.apply_image_evidence` hands it here after image analysis. Evidence only ever
raises the partisan score; if the post is then flagged it is queued under the same duplicate
rule as triage's (`pantau.triage_queue`). Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from classifier.schema import Match, Score
from pantau import audit
from pantau.classification import load_registry, match_json
from pantau.modelreg import active_model
from pantau.models import Classification, Post, ReviewStatus, User
from pantau.timeutil import utcnow
from pantau.triage import classify_one, rank
from pantau.triage_queue import QueueResult, item_of, queue_post, queueable


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
    item = item_of(session, post.id)
    already = item is not None
    queued = duplicate = False
    if item is None and row.flagged:
        if queueable(session, [post])[0]:
            item, queued = queue_post(session, post, row, None), True
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
