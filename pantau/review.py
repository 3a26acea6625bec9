"""The review state machine: claims are leases, every transition is one guarded UPDATE.

queued --claim--> claimed --confirm--> confirmed
   ^                 |---dismiss--> dismissed
   '--lease expires--'---escalate--> escalated --supervisor resolves--> confirmed | dismissed

Corrections are transitions too (undo returns a decision just made to its reviewer's claim,
reopen a decided item to the queue): see `pantau.review_corrections`.

Each transition writes the new state, the decision and the audit event in the caller's
transaction. The UPDATE is conditioned on the version the caller last saw, so of two
concurrent writers exactly one wins and the other gets StaleVersion.

This module holds what every transition shares (the errors, `Decide`, `get_item`, the one
guarded write `guarded_update`) and the claims (claim, renew, release, lease expiry). The
verdicts (decide, escalation's resolve, bulk dismissal) are `pantau.review_decisions`'; the
corrections (undo, reopen) are `pantau.review_corrections`'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from pantau import audit
from pantau.db import is_postgres
from pantau.models import DismissReason, ReviewItem, ReviewStatus, User, Verdict
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


def lease() -> timedelta:
    """How long a claim holds (and an undone decision's renewed claim)."""
    return timedelta(minutes=get_settings().lease_minutes)


def claimable_clause(now: datetime) -> ColumnElement[bool]:
    """`is_claimable` as a WHERE clause: queued, or claimed with an expired lease."""
    expired = and_(ReviewItem.status == ReviewStatus.CLAIMED, ReviewItem.claim_expires_at < now)
    return or_(ReviewItem.status == ReviewStatus.QUEUED, expired)


def get_item(session: Session, item_id: int, user: User) -> ReviewItem:
    """Load an item the user may see; outside their scope it does not exist for them."""
    item = session.get(ReviewItem, item_id, populate_existing=True)
    if item is None or not in_scope(item.region_code, user.region_scope):
        raise NotFound(f"butir {item_id} tidak ditemukan")
    return item


def guarded_update(
    session: Session,
    item: ReviewItem,
    expected_version: int,
    *conditions: ColumnElement[bool],
    **values: object,
) -> None:
    """The one write of every transition: set `values` (and bump the version) only if the
    item still has `expected_version` and meets `conditions`; else raise InvalidTransition
    (same version, wrong state) or StaleVersion (someone else wrote first)."""
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
    if not is_claimable(item, now):
        raise InvalidTransition(why_not_claimable(item))
    version = item.version if expected_version is None else expected_version
    guarded_update(
        session,
        item,
        version,
        claimable_clause(now),
        status=ReviewStatus.CLAIMED,
        claimed_by_id=user.id,
        claim_expires_at=now + lease(),
    )
    audit.record(
        session, user, "review.claim", "review_item", item.id, {"expires_at": item.claim_expires_at}
    )
    return item


def is_claimable(item: ReviewItem, now: datetime) -> bool:
    if item.status is ReviewStatus.QUEUED:
        return True
    return (
        item.status is ReviewStatus.CLAIMED
        and item.claim_expires_at is not None
        and as_utc(item.claim_expires_at) < now
    )


def why_not_claimable(item: ReviewItem) -> str:
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
            .where(claimable_clause(now), scope_filter(ReviewItem.region_code, user.region_scope))
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
    require_holder(item, user)
    guarded_update(
        session,
        item,
        expected_version,
        ReviewItem.status == ReviewStatus.CLAIMED,
        ReviewItem.claimed_by_id == user.id,
        claim_expires_at=now + lease(),
    )
    return item


def release(session: Session, item_id: int, user: User, *, expected_version: int) -> ReviewItem:
    item = get_item(session, item_id, user)
    require_holder(item, user)
    guarded_update(
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


def require_holder(item: ReviewItem, user: User) -> None:
    """Refuse unless the user holds the item's claim."""
    if item.status is not ReviewStatus.CLAIMED or item.claimed_by_id != user.id:
        raise NotAllowed(f"butir {item.id} tidak sedang Anda tinjau; ambil dulu butir itu")


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
