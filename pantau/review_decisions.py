"""The review verdicts: an analyst's decision, a supervisor's resolution of an escalation,
and the bulk dismissal of open items.

Each is one guarded move through `pantau.review.guarded_update`, and writes its append-only
decision row and audit event in the caller's transaction (`add_decision`, which the
corrections in `pantau.review_corrections` use too).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_
from sqlalchemy.orm import Session

from pantau import audit
from pantau.models import Decision, DismissReason, ReviewItem, ReviewStatus, Role, User, Verdict
from pantau.review import (
    Decide,
    InvalidTransition,
    NotAllowed,
    claimable_clause,
    get_item,
    guarded_update,
    is_claimable,
    require_holder,
    why_not_claimable,
)
from pantau.timeutil import utcnow


def decide(
    session: Session,
    item_id: int,
    user: User,
    decision: Decide,
    *,
    expected_version: int,
    now: datetime | None = None,
) -> ReviewItem:
    """An analyst's verdict on an item they hold (an expired hold still counts while
    nobody else has taken it)."""
    decision.validate()
    item = get_item(session, item_id, user)
    if item.status is ReviewStatus.ESCALATED:
        return resolve(session, item_id, user, decision, expected_version=expected_version)
    require_holder(item, user)
    new_status = {
        Verdict.CONFIRM: ReviewStatus.CONFIRMED,
        Verdict.DISMISS: ReviewStatus.DISMISSED,
        Verdict.ESCALATE: ReviewStatus.ESCALATED,
    }[decision.verdict]
    guarded_update(
        session,
        item,
        expected_version,
        ReviewItem.status == ReviewStatus.CLAIMED,
        ReviewItem.claimed_by_id == user.id,
        status=new_status,
        claim_expires_at=None,
        claimed_by_id=None if new_status is ReviewStatus.ESCALATED else user.id,
    )
    _write_decision(session, item, user, decision, now)
    return item


def resolve(
    session: Session,
    item_id: int,
    supervisor: User,
    decision: Decide,
    *,
    expected_version: int,
    now: datetime | None = None,
) -> ReviewItem:
    """A supervisor settles an escalated item as confirmed or dismissed."""
    decision.validate()
    if supervisor.role not in (Role.SUPERVISOR, Role.ADMIN):
        raise NotAllowed("hanya supervisor yang dapat menyelesaikan eskalasi")
    if decision.verdict is Verdict.ESCALATE:
        raise InvalidTransition("eskalasi diselesaikan dengan konfirmasi atau penolakan")
    item = get_item(session, item_id, supervisor)
    new_status = (
        ReviewStatus.CONFIRMED if decision.verdict is Verdict.CONFIRM else ReviewStatus.DISMISSED
    )
    guarded_update(
        session,
        item,
        expected_version,
        ReviewItem.status == ReviewStatus.ESCALATED,
        status=new_status,
        claimed_by_id=supervisor.id,
    )
    _write_decision(session, item, supervisor, decision, now, action="review.resolve")
    return item


def dismiss_open(
    session: Session,
    item_id: int,
    user: User,
    reason: DismissReason,
    notes: str = "",
    *,
    now: datetime | None = None,
) -> ReviewItem:
    """Bulk-dismiss one open item (queued, held by this user, or with an expired lease) in
    one guarded move: one decision and one audit event per item."""
    now = now or utcnow()
    item = get_item(session, item_id, user)
    mine = and_(ReviewItem.status == ReviewStatus.CLAIMED, ReviewItem.claimed_by_id == user.id)
    held_by_other = (
        item.status is ReviewStatus.CLAIMED
        and item.claimed_by_id != user.id
        and not is_claimable(item, now)
    )
    if held_by_other or item.status not in (ReviewStatus.QUEUED, ReviewStatus.CLAIMED):
        raise InvalidTransition(why_not_claimable(item))
    guarded_update(
        session,
        item,
        item.version,
        or_(claimable_clause(now), mine),
        status=ReviewStatus.DISMISSED,
        claimed_by_id=user.id,
        claim_expires_at=None,
    )
    _write_decision(
        session,
        item,
        user,
        Decide(Verdict.DISMISS, dismiss_reason=reason, notes=notes),
        now,
        action="review.dismiss_open",
    )
    return item


def add_decision(
    session: Session, item: ReviewItem, user: User, decision: Decide, now: datetime | None
) -> Decision:
    """Append the item's decision row (verdicts and corrections alike)."""
    row = Decision(
        review_item_id=item.id,
        reviewer_id=user.id,
        verdict=decision.verdict,
        violation_code=decision.violation_code,
        position_category=decision.position_category,
        dismiss_reason=decision.dismiss_reason,
        notes=decision.notes,
        created_at=now or utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def _write_decision(
    session: Session,
    item: ReviewItem,
    user: User,
    decision: Decide,
    now: datetime | None,
    action: str | None = None,
) -> None:
    row = add_decision(session, item, user, decision, now)
    audit.record(
        session,
        user,
        action or f"review.{decision.verdict.value}",
        "review_item",
        item.id,
        {
            "decision_id": row.id,
            "status": item.status.value,
            "violation_code": decision.violation_code,
            "dismiss_reason": decision.dismiss_reason,
        },
    )
