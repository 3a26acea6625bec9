"""Undo and reopen: corrections are transitions with their own decision rows and audit
events; nothing is deleted, and an item in an open case stays put."""

from __future__ import annotations

from datetime import timedelta

import casekit as k
import factories as f
import pytest
from sqlalchemy import select

from pantau import audit, cases, review, review_corrections, review_decisions
from pantau.case_intake import create_case
from pantau.models import AuditEvent, Decision, DismissReason, ReviewStatus, Role, Verdict
from pantau.review import Decide
from pantau.timeutil import utcnow

CONFIRM = Decide(Verdict.CONFIRM, violation_code="NTR-02")


def _actions(session, item_id: int) -> list[str]:
    return list(
        session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.object_type == "review_item", AuditEvent.object_id == str(item_id))
            .order_by(AuditEvent.id)
        )
    )


def _verdicts(session, item_id: int) -> list[Verdict]:
    rows = select(Decision.verdict).where(Decision.review_item_id == item_id)
    return list(session.scalars(rows.order_by(Decision.id)))


def test_undo_returns_the_item_to_the_reviewers_claim_and_keeps_the_history(session):
    analyst = f.user(session)
    item = f.review_item(session)
    now = utcnow()
    review.claim(session, item.id, analyst, now=now)
    review_decisions.decide(
        session, item.id, analyst, CONFIRM, expected_version=item.version, now=now
    )

    review_corrections.undo(session, item.id, analyst, expected_version=item.version, now=now)

    assert item.status is ReviewStatus.CLAIMED and item.claimed_by_id == analyst.id
    assert _verdicts(session, item.id) == [Verdict.CONFIRM, Verdict.UNDO]
    assert _actions(session, item.id) == ["review.claim", "review.confirm", "review.undo"]
    assert audit.verify(session).ok
    # The item can be decided again from the restored claim.
    dismiss = Decide(Verdict.DISMISS, dismiss_reason=DismissReason.NOT_PARTISAN)
    review_decisions.decide(session, item.id, analyst, dismiss, expected_version=item.version)
    assert item.status is ReviewStatus.DISMISSED


def test_undo_is_refused_after_the_window_and_for_someone_elses_decision(session):
    analyst, other = f.user(session), f.user(session)
    item = f.review_item(session)
    then = utcnow() - timedelta(minutes=5)
    review.claim(session, item.id, analyst, now=then)
    review_decisions.decide(
        session, item.id, analyst, CONFIRM, expected_version=item.version, now=then
    )
    with pytest.raises(review.Refused, match="tidak dapat diurungkan"):
        review_corrections.undo(session, item.id, analyst, expected_version=item.version)
    with pytest.raises(review.Refused):
        review_corrections.undo(session, item.id, other, expected_version=item.version, now=then)
    assert item.status is ReviewStatus.CONFIRMED
    assert _verdicts(session, item.id) == [Verdict.CONFIRM]


def test_supervisor_reopens_with_a_reason_and_the_item_is_queued_again(session):
    analyst = f.user(session)
    supervisor = f.user(session, role=Role.SUPERVISOR, scope=None)
    item = f.review_item(session)
    review.claim(session, item.id, analyst)
    review_decisions.decide(session, item.id, analyst, CONFIRM, expected_version=item.version)

    with pytest.raises(review.NotAllowed):
        review_corrections.reopen(session, item.id, analyst, "salah", expected_version=item.version)
    with pytest.raises(review.Refused, match="alasan"):
        review_corrections.reopen(session, item.id, supervisor, "  ", expected_version=item.version)
    review_corrections.reopen(
        session, item.id, supervisor, "Kode salah", expected_version=item.version
    )

    assert item.status is ReviewStatus.QUEUED and item.claimed_by_id is None
    assert _verdicts(session, item.id) == [Verdict.CONFIRM, Verdict.REOPEN]
    last = session.scalars(select(Decision).order_by(Decision.id.desc())).first()
    assert last.notes == "Kode salah" and last.reviewer_id == supervisor.id
    assert _actions(session, item.id)[-1] == "review.reopen"
    # Reopening a queued item is not a transition.
    with pytest.raises(review.InvalidTransition):
        review_corrections.reopen(
            session, item.id, supervisor, "lagi", expected_version=item.version
        )


def test_stale_reopen_loses_to_a_concurrent_change(session):
    analyst = f.user(session)
    supervisor = f.user(session, role=Role.SUPERVISOR, scope=None)
    item = f.review_item(session)
    review.claim(session, item.id, analyst)
    review_decisions.decide(session, item.id, analyst, CONFIRM, expected_version=item.version)
    with pytest.raises(review.StaleVersion):
        review_corrections.reopen(
            session, item.id, supervisor, "x", expected_version=item.version - 1
        )
    assert item.status is ReviewStatus.CONFIRMED


def test_an_item_in_an_open_case_cannot_be_reopened_or_undone(session):
    w = k.world(session)
    item = k.confirmed_item(session, w.analyst, w.account, code="NTR-02")
    case = create_case(session, w.analyst, [item.id])
    with pytest.raises(review.Refused, match=case.number):
        review_corrections.reopen(
            session, item.id, w.supervisor, "x", expected_version=item.version
        )
    assert item.status is ReviewStatus.CONFIRMED
    # Withdrawing the case frees the item.
    cases.withdraw(session, case.id, w.analyst, "salah akun", expected_version=case.version)
    review_corrections.reopen(session, item.id, w.supervisor, "x", expected_version=item.version)
    assert item.status is ReviewStatus.QUEUED
