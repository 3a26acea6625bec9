"""The review state machine: transitions, leases, scope, optimistic locking, audit."""

from __future__ import annotations

from datetime import timedelta

import factories as f
import pytest
from sqlalchemy import func, select

from pantau import audit, review, review_decisions
from pantau.models import AuditEvent, Decision, DismissReason, ReviewStatus, Role, Verdict
from pantau.review import Decide
from pantau.timeutil import utcnow

CONFIRM = Decide(Verdict.CONFIRM, violation_code="NTR-02", position_category="FUNGSIONAL")


def test_claim_confirm_writes_state_decision_and_audit(session):
    analyst = f.user(session)
    item = f.review_item(session)
    review.claim(session, item.id, analyst)
    assert item.status is ReviewStatus.CLAIMED and item.claimed_by_id == analyst.id
    assert item.claim_expires_at > utcnow() + timedelta(minutes=14)

    review_decisions.decide(session, item.id, analyst, CONFIRM, expected_version=item.version)

    assert item.status is ReviewStatus.CONFIRMED
    decision = session.scalars(select(Decision).where(Decision.review_item_id == item.id)).one()
    assert decision.verdict is Verdict.CONFIRM and decision.violation_code == "NTR-02"
    actions = session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.object_type == "review_item", AuditEvent.object_id == str(item.id))
        .order_by(AuditEvent.id)
    ).all()
    assert actions == ["review.claim", "review.confirm"]
    assert audit.verify(session).ok


def test_stale_version_is_refused_with_a_clear_error(session):
    analyst = f.user(session)
    item = f.review_item(session)
    review.claim(session, item.id, analyst)
    seen = item.version
    review.renew(session, item.id, analyst, expected_version=seen)
    with pytest.raises(review.StaleVersion, match="telah berubah sejak Anda membukanya"):
        review_decisions.decide(session, item.id, analyst, CONFIRM, expected_version=seen)
    assert item.status is ReviewStatus.CLAIMED


def test_claimed_item_cannot_be_taken_by_another_until_the_lease_expires(session):
    first, second = f.user(session), f.user(session)
    item = f.review_item(session)
    now = utcnow()
    review.claim(session, item.id, first, now=now)
    with pytest.raises(review.InvalidTransition, match="sedang ditinjau oleh"):
        review.claim(session, item.id, second, now=now + timedelta(minutes=5))
    review.claim(session, item.id, second, now=now + timedelta(minutes=16))
    assert item.claimed_by_id == second.id
    with pytest.raises(review.ReviewError):
        review_decisions.decide(session, item.id, first, CONFIRM, expected_version=item.version)


def test_expire_leases_returns_items_to_the_queue(session):
    analyst = f.user(session)
    item = f.review_item(session)
    review.claim(session, item.id, analyst, now=utcnow() - timedelta(hours=1))
    assert review.expire_leases(session) >= 1
    session.refresh(item)
    assert item.status is ReviewStatus.QUEUED and item.claimed_by_id is None


def test_claim_next_takes_highest_priority_within_scope(session):
    surabaya = f.user(session, scope="35.78")
    f.review_item(session, region="32.73", priority=0.99)  # Bandung: out of scope
    low = f.review_item(session, region="35.78", priority=0.2)
    high = f.review_item(session, region="35.78", priority=0.9)
    assert review.claim_next(session, surabaya).id == high.id
    assert review.claim_next(session, surabaya).id == low.id
    # Only the Bandung item is left, and it is out of scope.
    assert review.claim_next(session, surabaya) is None


def test_province_scope_covers_its_cities_but_not_other_provinces(session):
    jatim = f.user(session, scope="35")
    item = f.review_item(session, region="35.78")
    other = f.review_item(session, region="32.73")
    review.claim(session, item.id, jatim)
    with pytest.raises(review.NotFound):
        review.claim(session, other.id, jatim)
    with pytest.raises(review.NotFound):
        review.get_item(session, other.id, jatim)


def test_escalation_is_resolved_only_by_a_supervisor(session):
    analyst = f.user(session)
    supervisor = f.user(session, Role.SUPERVISOR)
    item = f.review_item(session)
    review.claim(session, item.id, analyst)
    with pytest.raises(review.ReviewError, match="memerlukan catatan untuk supervisor"):
        review_decisions.decide(
            session, item.id, analyst, Decide(Verdict.ESCALATE), expected_version=item.version
        )
    review_decisions.decide(
        session,
        item.id,
        analyst,
        Decide(Verdict.ESCALATE, notes="ragu: akun resmi?"),
        expected_version=item.version,
    )
    assert item.status is ReviewStatus.ESCALATED
    with pytest.raises(review.NotAllowed):
        review_decisions.resolve(session, item.id, analyst, CONFIRM, expected_version=item.version)
    review_decisions.resolve(
        session,
        item.id,
        supervisor,
        Decide(Verdict.DISMISS, dismiss_reason=DismissReason.NOT_ASN),
        expected_version=item.version,
    )
    assert item.status is ReviewStatus.DISMISSED
    verdicts = session.scalars(
        select(Decision.verdict).where(Decision.review_item_id == item.id).order_by(Decision.id)
    ).all()
    assert verdicts == [Verdict.ESCALATE, Verdict.DISMISS]


def test_decisions_need_their_fields(session):
    analyst = f.user(session)
    item = f.review_item(session)
    review.claim(session, item.id, analyst)
    with pytest.raises(review.ReviewError, match="kode pelanggaran"):
        review_decisions.decide(
            session, item.id, analyst, Decide(Verdict.CONFIRM), expected_version=item.version
        )
    with pytest.raises(review.ReviewError, match="alasan"):
        review_decisions.decide(
            session, item.id, analyst, Decide(Verdict.DISMISS), expected_version=item.version
        )


def test_deciding_without_a_claim_is_refused(session):
    analyst = f.user(session)
    item = f.review_item(session)
    with pytest.raises(review.NotAllowed, match="ambil dulu"):
        review_decisions.decide(session, item.id, analyst, CONFIRM, expected_version=item.version)


def test_finished_item_cannot_be_claimed_again(session):
    analyst = f.user(session)
    item = f.review_item(session)
    review_decisions.dismiss_open(session, item.id, analyst, DismissReason.DUPLICATE)
    assert item.status is ReviewStatus.DISMISSED
    with pytest.raises(review.InvalidTransition, match="sudah berstatus ditolak"):
        review.claim(session, item.id, f.user(session))
    count = session.scalar(
        select(func.count(Decision.id)).where(Decision.review_item_id == item.id)
    )
    assert count == 1
    actions = session.scalars(
        select(AuditEvent.action).where(
            AuditEvent.object_type == "review_item", AuditEvent.object_id == str(item.id)
        )
    ).all()
    assert actions == ["review.dismiss_open"]


def test_bulk_dismissal_refuses_an_item_another_analyst_holds(session):
    holder, other = f.user(session), f.user(session)
    item = f.review_item(session)
    review.claim(session, item.id, holder)
    with pytest.raises(review.InvalidTransition, match="sedang ditinjau oleh"):
        review_decisions.dismiss_open(session, item.id, other, DismissReason.DUPLICATE)
    assert item.status is ReviewStatus.CLAIMED
