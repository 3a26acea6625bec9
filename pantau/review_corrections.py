"""Corrections of a review decision: undo (the reviewer, just after) and reopen (a
supervisor, with a reason).

  confirmed | dismissed | escalated --undo (the reviewer, within UNDO_WINDOW)--> claimed
  confirmed | dismissed --reopen (a supervisor, with a reason)--> queued

Corrections are transitions too, each with its own decision row and audit event, written
through `pantau.review.guarded_update`. An item whose post is in an open case cannot be
undone or reopened.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau import audit
from pantau.cases import OPEN_STATES
from pantau.models import (
    Case,
    Decision,
    ReviewItem,
    ReviewStatus,
    Role,
    User,
    Verdict,
    case_posts,
)
from pantau.review import (
    STATUS_NAMES,
    Decide,
    InvalidTransition,
    NotAllowed,
    Refused,
    get_item,
    guarded_update,
    lease,
)
from pantau.review_decisions import add_decision
from pantau.timeutil import as_utc, utcnow

# The UI offers "Urungkan" for 30 s after a decision; the server allows some slack for a
# slow click, and after that only a supervisor's reopen can change the decision.
UNDO_SHOWN_SECONDS = 30
UNDO_WINDOW = timedelta(seconds=45)
DECIDED = (ReviewStatus.CONFIRMED, ReviewStatus.DISMISSED, ReviewStatus.ESCALATED)


def undoable_decision(
    session: Session, item: ReviewItem, user: User, now: datetime
) -> Decision | None:
    """The item's latest decision if this user made it within UNDO_WINDOW, else None."""
    if item.status not in DECIDED:
        return None
    last = session.scalars(
        select(Decision)
        .where(Decision.review_item_id == item.id)
        .order_by(Decision.id.desc())
        .limit(1)
    ).first()
    if last is None or last.reviewer_id != user.id:
        return None
    if last.verdict not in (Verdict.CONFIRM, Verdict.DISMISS, Verdict.ESCALATE):
        return None
    return last if now - as_utc(last.created_at) <= UNDO_WINDOW else None


def undo_seconds_left(session: Session, item: ReviewItem, user: User, now: datetime) -> int:
    """How long the UI still offers "Urungkan" for this user's last decision on the item
    (0: not offered). The offer is shorter than UNDO_WINDOW so a click near its end lands."""
    decision = undoable_decision(session, item, user, now)
    if decision is None:
        return 0
    elapsed = (now - as_utc(decision.created_at)).total_seconds()
    return max(int(UNDO_SHOWN_SECONDS - elapsed), 0)


def case_holding(session: Session, item: ReviewItem) -> str | None:
    """The number of an open case the item's post is in, if any."""
    return session.scalar(
        select(Case.number)
        .join(case_posts, case_posts.c.case_id == Case.id)
        .where(case_posts.c.post_id == item.post_id, Case.status.in_(OPEN_STATES))
        .limit(1)
    )


def _refuse_if_in_case(session: Session, item: ReviewItem) -> None:
    number = case_holding(session, item)
    if number is not None:
        raise Refused(
            f"Butir ini masuk kasus {number}. Keluarkan dari kasus (tutup atau kembalikan "
            "kasusnya) sebelum keputusannya diubah."
        )


def undo(
    session: Session,
    item_id: int,
    user: User,
    *,
    expected_version: int,
    now: datetime | None = None,
) -> ReviewItem:
    """Take back one's own decision just made: the item returns to the reviewer's claim."""
    now = now or utcnow()
    item = get_item(session, item_id, user)
    undone = undoable_decision(session, item, user, now)
    if undone is None:
        raise Refused(
            "Keputusan ini tidak dapat diurungkan lagi (hanya keputusan Anda sendiri, "
            f"paling lama {UNDO_SHOWN_SECONDS} detik setelah disimpan). Minta supervisor "
            "membukanya kembali."
        )
    _refuse_if_in_case(session, item)
    previous = item.status
    guarded_update(
        session,
        item,
        expected_version,
        ReviewItem.status == previous,
        status=ReviewStatus.CLAIMED,
        claimed_by_id=user.id,
        claim_expires_at=now + lease(),
    )
    _write_correction(session, item, user, Verdict.UNDO, "", now, undone.id, previous)
    return item


def reopen(
    session: Session,
    item_id: int,
    supervisor: User,
    reason: str,
    *,
    expected_version: int,
    now: datetime | None = None,
) -> ReviewItem:
    """A supervisor returns a confirmed or dismissed item in their scope to the queue."""
    if supervisor.role not in (Role.SUPERVISOR, Role.ADMIN):
        raise NotAllowed("hanya supervisor yang dapat membuka kembali butir yang sudah diputuskan")
    if not reason.strip():
        raise Refused("Tulis alasan membuka kembali butir ini.")
    item = get_item(session, item_id, supervisor)
    if item.status not in (ReviewStatus.CONFIRMED, ReviewStatus.DISMISSED):
        raise InvalidTransition(
            f"butir {item.id} berstatus {STATUS_NAMES[item.status]}, belum diputuskan"
        )
    _refuse_if_in_case(session, item)
    previous = item.status
    guarded_update(
        session,
        item,
        expected_version,
        ReviewItem.status == previous,
        status=ReviewStatus.QUEUED,
        claimed_by_id=None,
        claim_expires_at=None,
    )
    last = session.scalar(
        select(Decision.id)
        .where(Decision.review_item_id == item.id, Decision.verdict != Verdict.REOPEN)
        .order_by(Decision.id.desc())
        .limit(1)
    )
    _write_correction(
        session, item, supervisor, Verdict.REOPEN, reason.strip(), now, last, previous
    )
    return item


def _write_correction(
    session: Session,
    item: ReviewItem,
    user: User,
    verdict: Verdict,
    notes: str,
    now: datetime | None,
    corrected_id: int | None,
    previous: ReviewStatus,
) -> None:
    row = add_decision(session, item, user, Decide(verdict, notes=notes), now)
    details: dict[str, Any] = {
        "decision_id": row.id,
        "corrects_decision_id": corrected_id,
        "from_status": previous.value,
        "status": item.status.value,
    }
    audit.record(session, user, f"review.{verdict.value}", "review_item", item.id, details)
