"""The review state machine: claims are leases, every transition is one guarded UPDATE.

queued --claim--> claimed --confirm--> confirmed
   ^                 |---dismiss--> dismissed
   '--lease expires--'---escalate--> escalated --supervisor resolves--> confirmed | dismissed

Corrections are transitions too, each with its own decision row and audit event:
  confirmed | dismissed | escalated --undo (the reviewer, within UNDO_WINDOW)--> claimed
  confirmed | dismissed --reopen (a supervisor, with a reason)--> queued
An item whose post is in an open case cannot be undone or reopened.

Each transition writes the new state, the decision and the audit event in the caller's
transaction. The UPDATE is conditioned on the version the caller last saw, so of two
concurrent writers exactly one wins and the other gets StaleVersion.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from pantau import audit
from pantau.cases import OPEN_STATES
from pantau.db import is_postgres
from pantau.models import (
    Case,
    Decision,
    DismissReason,
    ReviewItem,
    ReviewStatus,
    Role,
    User,
    Verdict,
    case_posts,
)
from pantau.scope import in_scope, scope_filter
from pantau.settings import get_settings
from pantau.timeutil import as_utc, utcnow


class ReviewError(Exception):
    """A transition that cannot happen. The message is in Bahasa Indonesia and safe to
    show to the user; the review UI words the races (stale page, lost claim) from the
    item's state instead, because it knows more than the message can say."""


class StaleVersion(ReviewError):
    def __init__(self, item_id: int, expected: int, actual: int | None) -> None:
        super().__init__(
            f"butir {item_id} telah berubah sejak Anda membukanya (versi Anda {expected}, "
            f"sekarang {actual}); muat ulang sebelum memutuskan"
        )
        self.item_id, self.expected, self.actual = item_id, expected, actual


class NotAllowed(ReviewError):
    pass


class InvalidTransition(ReviewError):
    pass


class NotFound(ReviewError):
    pass


class Refused(ReviewError):
    """A correction the rules forbid; the UI shows its message as it is."""


# The UI offers "Urungkan" for 30 s after a decision; the server allows some slack for a
# slow click, and after that only a supervisor's reopen can change the decision.
UNDO_SHOWN_SECONDS = 30
UNDO_WINDOW = timedelta(seconds=45)
DECIDED = (ReviewStatus.CONFIRMED, ReviewStatus.DISMISSED, ReviewStatus.ESCALATED)
# The statuses' names in the messages above; the review UI's labels are these, capitalised.
STATUS_NAMES = {
    ReviewStatus.QUEUED: "antre",
    ReviewStatus.CLAIMED: "sedang ditinjau",
    ReviewStatus.CONFIRMED: "dikonfirmasi",
    ReviewStatus.DISMISSED: "ditolak",
    ReviewStatus.ESCALATED: "dieskalasi",
}


@dataclass(frozen=True)
class Decide:
    """What an analyst decided. Confirm needs a violation code; dismiss needs a reason."""

    verdict: Verdict
    violation_code: str | None = None
    position_category: str | None = None
    dismiss_reason: DismissReason | None = None
    notes: str = ""

    def validate(self) -> None:
        if self.verdict is Verdict.CONFIRM and not self.violation_code:
            raise ReviewError("konfirmasi memerlukan kode pelanggaran")
        if self.verdict is Verdict.DISMISS and self.dismiss_reason is None:
            raise ReviewError("penolakan memerlukan alasan")
        if self.verdict is Verdict.ESCALATE and not self.notes.strip():
            raise ReviewError("eskalasi memerlukan catatan untuk supervisor")


def _lease() -> timedelta:
    return timedelta(minutes=get_settings().lease_minutes)


def _claimable(now: datetime) -> ColumnElement[bool]:
    expired = and_(ReviewItem.status == ReviewStatus.CLAIMED, ReviewItem.claim_expires_at < now)
    return or_(ReviewItem.status == ReviewStatus.QUEUED, expired)


def get_item(session: Session, item_id: int, user: User) -> ReviewItem:
    """Load an item the user may see; outside their scope it does not exist for them."""
    item = session.get(ReviewItem, item_id, populate_existing=True)
    if item is None or not in_scope(item.region_code, user.region_scope):
        raise NotFound(f"butir {item_id} tidak ditemukan")
    return item


def _guarded_update(
    session: Session,
    item: ReviewItem,
    expected_version: int,
    *conditions: ColumnElement[bool],
    **values: object,
) -> None:
    result = session.execute(
        update(ReviewItem)
        .where(ReviewItem.id == item.id, ReviewItem.version == expected_version, *conditions)
        .values(version=ReviewItem.version + 1, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        current = session.scalar(select(ReviewItem.version).where(ReviewItem.id == item.id))
        if current == expected_version:
            raise InvalidTransition(
                f"butir {item.id} berstatus {STATUS_NAMES[item.status]}; langkah itu tidak dapat "
                "dilakukan"
            )
        raise StaleVersion(item.id, expected_version, current)
    session.refresh(item)


def claim(
    session: Session,
    item_id: int,
    user: User,
    *,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> ReviewItem:
    now = now or utcnow()
    item = get_item(session, item_id, user)
    if item.status is ReviewStatus.CLAIMED and item.claimed_by_id == user.id:
        return renew(session, item_id, user, expected_version=item.version, now=now)
    if not _is_claimable(item, now):
        raise InvalidTransition(_why_not_claimable(item))
    version = item.version if expected_version is None else expected_version
    _guarded_update(
        session,
        item,
        version,
        _claimable(now),
        status=ReviewStatus.CLAIMED,
        claimed_by_id=user.id,
        claim_expires_at=now + _lease(),
    )
    audit.record(
        session, user, "review.claim", "review_item", item.id, {"expires_at": item.claim_expires_at}
    )
    return item


def _is_claimable(item: ReviewItem, now: datetime) -> bool:
    if item.status is ReviewStatus.QUEUED:
        return True
    return (
        item.status is ReviewStatus.CLAIMED
        and item.claim_expires_at is not None
        and as_utc(item.claim_expires_at) < now
    )


def _why_not_claimable(item: ReviewItem) -> str:
    if item.status is ReviewStatus.CLAIMED:
        who = item.claimed_by.full_name if item.claimed_by else "analis lain"
        return f"butir {item.id} sedang ditinjau oleh {who}"
    return f"butir {item.id} sudah berstatus {STATUS_NAMES[item.status]}"


def claim_next(
    session: Session, user: User, *, now: datetime | None = None, attempts: int = 5
) -> ReviewItem | None:
    """Claim the highest-priority claimable item in the user's scope, or None."""
    now = now or utcnow()
    for _ in range(attempts):
        query = (
            select(ReviewItem.id, ReviewItem.version)
            .where(_claimable(now), scope_filter(ReviewItem.region_code, user.region_scope))
            .order_by(ReviewItem.priority.desc(), ReviewItem.id)
            .limit(1)
        )
        if is_postgres(session):
            query = query.with_for_update(skip_locked=True)
        row = session.execute(query).first()
        if row is None:
            return None
        try:
            with session.begin_nested():
                return claim(session, row.id, user, expected_version=row.version, now=now)
        except (StaleVersion, InvalidTransition):
            continue  # someone else took it between our read and our write
    return None


def renew(
    session: Session,
    item_id: int,
    user: User,
    *,
    expected_version: int,
    now: datetime | None = None,
) -> ReviewItem:
    now = now or utcnow()
    item = get_item(session, item_id, user)
    _require_holder(item, user)
    _guarded_update(
        session,
        item,
        expected_version,
        ReviewItem.status == ReviewStatus.CLAIMED,
        ReviewItem.claimed_by_id == user.id,
        claim_expires_at=now + _lease(),
    )
    return item


def release(session: Session, item_id: int, user: User, *, expected_version: int) -> ReviewItem:
    item = get_item(session, item_id, user)
    _require_holder(item, user)
    _guarded_update(
        session,
        item,
        expected_version,
        ReviewItem.status == ReviewStatus.CLAIMED,
        status=ReviewStatus.QUEUED,
        claimed_by_id=None,
        claim_expires_at=None,
    )
    audit.record(session, user, "review.release", "review_item", item.id)
    return item


def _require_holder(item: ReviewItem, user: User) -> None:
    if item.status is not ReviewStatus.CLAIMED or item.claimed_by_id != user.id:
        raise NotAllowed(f"butir {item.id} tidak sedang Anda tinjau; ambil dulu butir itu")


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
    _require_holder(item, user)
    new_status = {
        Verdict.CONFIRM: ReviewStatus.CONFIRMED,
        Verdict.DISMISS: ReviewStatus.DISMISSED,
        Verdict.ESCALATE: ReviewStatus.ESCALATED,
    }[decision.verdict]
    _guarded_update(
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
    _guarded_update(
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
        and not _is_claimable(item, now)
    )
    if held_by_other or item.status not in (ReviewStatus.QUEUED, ReviewStatus.CLAIMED):
        raise InvalidTransition(_why_not_claimable(item))
    _guarded_update(
        session,
        item,
        item.version,
        or_(_claimable(now), mine),
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
    _guarded_update(
        session,
        item,
        expected_version,
        ReviewItem.status == previous,
        status=ReviewStatus.CLAIMED,
        claimed_by_id=user.id,
        claim_expires_at=now + _lease(),
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
    _guarded_update(
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
    row = _add_decision(session, item, user, Decide(verdict, notes=notes), now)
    details: dict[str, Any] = {
        "decision_id": row.id,
        "corrects_decision_id": corrected_id,
        "from_status": previous.value,
        "status": item.status.value,
    }
    audit.record(session, user, f"review.{verdict.value}", "review_item", item.id, details)


def _add_decision(
    session: Session, item: ReviewItem, user: User, decision: Decide, now: datetime | None
) -> Decision:
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
    row = _add_decision(session, item, user, decision, now)
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


def expire_leases(session: Session, now: datetime | None = None) -> int:
    """Return expired claims to the queue; claim() already treats them as free."""
    now = now or utcnow()
    result = session.execute(
        update(ReviewItem)
        .where(ReviewItem.status == ReviewStatus.CLAIMED, ReviewItem.claim_expires_at < now)
        .values(
            status=ReviewStatus.QUEUED,
            claimed_by_id=None,
            claim_expires_at=None,
            version=ReviewItem.version + 1,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    count = int(result.rowcount or 0)  # type: ignore[attr-defined]
    if count:
        audit.record(session, None, "review.leases_expired", "review_item", "*", {"count": count})
    return count
