"""The transactional outbox: rows written at approval, claimed and settled by a deliverer.

A deliverer claims one due row at a time (a guarded UPDATE that sets a claim token and
pushes next_attempt_at out by the claim lease) and commits before it sends anything, so a
crash leaves the row to be retried once the lease runs out. The receiver dedupes on the
idempotency key; the first receipt we store wins.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pantau import audit, casefile
from pantau.cases import CaseError, record_exported
from pantau.db import is_postgres
from pantau.models import Case, Outbox, OutboxStatus, User
from pantau.scope import scope_filter
from pantau.settings import get_settings
from pantau.timeutil import utcnow

P = OutboxStatus


@dataclass(frozen=True)
class Claim:
    outbox_id: int
    case_id: int
    case_number: str
    destination: str
    idempotency_key: str
    payload: dict[str, Any]
    attempt: int
    token: str


def claim_next(session: Session, *, now: datetime, lease_s: float) -> Claim | None:
    """Take the most overdue pending row, or None. The caller commits before sending."""
    for _ in range(5):
        query = (
            select(Outbox.id, Outbox.attempts)
            .where(Outbox.status == P.PENDING, Outbox.next_attempt_at <= now)
            .order_by(Outbox.next_attempt_at, Outbox.id)
            .limit(1)
        )
        if is_postgres(session):
            query = query.with_for_update(skip_locked=True)
        row = session.execute(query).first()
        if row is None:
            return None
        token = secrets.token_hex(16)
        result = session.execute(
            update(Outbox)
            .where(
                Outbox.id == row.id,
                Outbox.status == P.PENDING,
                Outbox.attempts == row.attempts,
                Outbox.next_attempt_at <= now,
            )
            .values(
                attempts=Outbox.attempts + 1,
                claim_token=token,
                next_attempt_at=now + timedelta(seconds=lease_s),
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            got = session.get_one(Outbox, row.id, populate_existing=True)
            return Claim(
                got.id,
                got.case_id,
                got.case.number,
                got.destination,
                got.idempotency_key,
                dict(got.payload),
                got.attempts,
                token,
            )
    return None  # others kept taking the rows we saw; let the next run try


def mark_delivered(
    session: Session, claim: Claim, receipt: dict[str, Any], *, now: datetime
) -> bool:
    """Store the receipt unless one is stored already (first receipt wins). A late receipt
    from an older claim still counts: the receiver deduped it on the key."""
    result = session.execute(
        update(Outbox)
        .where(Outbox.id == claim.outbox_id, Outbox.status != P.DELIVERED)
        .values(
            status=P.DELIVERED, receipt=receipt, delivered_at=now, claim_token=None, last_error=None
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    row = session.get_one(Outbox, claim.outbox_id, populate_existing=True)
    record_exported(session, claim.case_id, row, now=now)
    return True


def backoff_s(attempts: int, *, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: base * 2^(n-1), capped, scaled by 0.5..1.5."""
    delay = min(cap, base * 2 ** max(0, attempts - 1))
    return delay * (0.5 + (rng or random).random())


def mark_failed_attempt(
    session: Session,
    claim: Claim,
    error: str,
    *,
    now: datetime,
    retry_after_s: float | None = None,
    permanent: bool = False,
    rng: random.Random | None = None,
) -> OutboxStatus | None:
    """Record a failed attempt: back off, or give up after outbox_max_attempts (or at once
    for a permanent error). Returns the new status, or None if our claim was superseded."""
    settings = get_settings()
    give_up = permanent or claim.attempt >= settings.outbox_max_attempts
    delay = backoff_s(
        claim.attempt,
        base=settings.outbox_backoff_base_s,
        cap=settings.outbox_backoff_max_s,
        rng=rng,
    )
    delay = max(delay, retry_after_s or 0.0)
    status = P.FAILED if give_up else P.PENDING
    result = session.execute(
        update(Outbox)
        .where(
            Outbox.id == claim.outbox_id,
            Outbox.status == P.PENDING,
            Outbox.claim_token == claim.token,
        )
        .values(
            status=status,
            last_error=error[:2000],
            claim_token=None,
            next_attempt_at=now + timedelta(seconds=delay),
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return None
    if give_up:
        _record_failure(session, claim.outbox_id, claim.case_number, claim.attempt, error)
    return status


def fail_exhausted(session: Session, *, now: datetime) -> list[int]:
    """Rows whose last allowed attempt never reported back (its deliverer died)."""
    limit = get_settings().outbox_max_attempts
    rows = session.scalars(
        select(Outbox).where(
            Outbox.status == P.PENDING, Outbox.attempts >= limit, Outbox.next_attempt_at <= now
        )
    ).all()
    failed = []
    for row in rows:
        error = (row.last_error or "") + " (percobaan terakhir tidak pernah selesai)"
        result = session.execute(
            update(Outbox)
            .where(Outbox.id == row.id, Outbox.status == P.PENDING, Outbox.attempts == row.attempts)
            .values(status=P.FAILED, last_error=error.strip(), claim_token=None)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            _record_failure(session, row.id, row.case.number, row.attempts, error)
            failed.append(row.id)
    return failed


def _record_failure(
    session: Session, outbox_id: int, number: str, attempts: int, error: str
) -> None:
    details = {"number": number, "attempts": attempts, "error": error[:500]}
    audit.record(session, "delivery", "outbox.failed", "outbox", outbox_id, details)


def requeue(
    session: Session, outbox_id: int, user: User | str, *, now: datetime | None = None
) -> Outbox:
    """A supervisor sends a failed row round again after fixing the cause."""
    now = now or utcnow()
    result = session.execute(
        update(Outbox)
        .where(Outbox.id == outbox_id, Outbox.status == P.FAILED)
        .values(status=P.PENDING, attempts=0, next_attempt_at=now, claim_token=None)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise CaseError(f"pengiriman {outbox_id} tidak berstatus gagal")
    row = session.get_one(Outbox, outbox_id, populate_existing=True)
    audit.record(session, user, "outbox.requeue", "outbox", outbox_id, {"number": row.case.number})
    return row


def failed_count(session: Session, region_scope: str | None = None) -> int:
    """For the UI banner: deliveries that gave up, in the user's scope."""
    return int(
        session.scalar(
            select(func.count(Outbox.id))
            .join(Case, Case.id == Outbox.case_id)
            .where(Outbox.status == P.FAILED, scope_filter(Case.region_code, region_scope))
        )
        or 0
    )


def latest_for_case(session: Session, case_id: int) -> Outbox | None:
    return session.scalars(
        select(Outbox).where(Outbox.case_id == case_id).order_by(Outbox.id.desc()).limit(1)
    ).first()


def payload_for(session: Session, case: Case) -> dict[str, Any]:
    """What the report shows: the payload frozen at approval, or (before it) the live case."""
    row = latest_for_case(session, case.id)
    return dict(row.payload) if row is not None else casefile.case_payload(case)
