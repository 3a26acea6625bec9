"""The case workflow: confirmed findings about one civil servant become a formal case.

draft --submit--> pending_approval --approve (a supervisor who is not the creator)--> approved
  ^                     |                                                                |
  '---submit-- returned <'--return (with a note)                          delivered: exported
exported -> acknowledged -> recommendation_issued -> sanctioned -> closed   (forward only)

Each move is a guarded UPDATE on the case's version plus a case_events row and an audit
event, in the caller's transaction. Approving writes the outbox row in the same transaction.
Messages are in Bahasa Indonesia: they are shown to analysts as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from pantau import audit, casefile
from pantau.models import Case, CaseEvent, CaseStatus, Outbox, OutboxStatus, Role, User
from pantau.scope import in_scope
from pantau.settings import get_settings
from pantau.timeutil import utcnow

S = CaseStatus
FOLLOW_UP = (S.EXPORTED, S.ACKNOWLEDGED, S.RECOMMENDATION_ISSUED, S.SANCTIONED, S.CLOSED)
NEEDS_NOTE = (S.RECOMMENDATION_ISSUED, S.SANCTIONED)
OPEN_STATES = tuple(s for s in S if s is not S.CLOSED)
# The statuses' names in the messages below; the review UI's labels are these, capitalised.
STATUS_NAMES = {
    S.DRAFT: "draf",
    S.PENDING_APPROVAL: "menunggu persetujuan",
    S.RETURNED: "dikembalikan",
    S.APPROVED: "disetujui",
    S.EXPORTED: "terkirim",
    S.ACKNOWLEDGED: "diterima penerima",
    S.RECOMMENDATION_ISSUED: "rekomendasi terbit",
    S.SANCTIONED: "sanksi dijatuhkan",
    S.CLOSED: "ditutup",
}
Actor = User | str | None


class CaseError(Exception):
    """A case move that cannot happen; the message is safe to show to the user."""


class NotFound(CaseError):
    pass


class NotAllowed(CaseError):
    pass


class InvalidTransition(CaseError):
    pass


class StaleCase(CaseError):
    def __init__(self, number: str, expected: int, actual: int | None) -> None:
        super().__init__(
            f"kasus {number} telah diubah sejak Anda membukanya (versi Anda {expected}, "
            f"sekarang {actual}); muat ulang halaman"
        )


def get_case(session: Session, case_id: int, user: User | None = None) -> Case:
    """Load a case the user may see; outside their scope it does not exist for them."""
    case = session.get(Case, case_id, populate_existing=True)
    if case is None or (user is not None and not in_scope(case.region_code, user.region_scope)):
        raise NotFound(f"kasus {case_id} tidak ditemukan")
    return case


def _require_supervisor(user: User) -> None:
    if user.role not in (Role.SUPERVISOR, Role.ADMIN):
        raise NotAllowed("hanya supervisor yang dapat menyetujui atau mengembalikan kasus")


def _require_owner_or_supervisor(case: Case, user: User) -> None:
    if case.created_by_id != user.id and user.role not in (Role.SUPERVISOR, Role.ADMIN):
        raise NotAllowed(
            f"hanya pembuat kasus {case.number} atau supervisor yang dapat melakukannya"
        )


def move(
    session: Session,
    case: Case,
    expected_version: int,
    from_states: Sequence[CaseStatus],
    *conditions: ColumnElement[bool],
    **values: Any,
) -> None:
    result = session.execute(
        update(Case)
        .where(
            Case.id == case.id,
            Case.version == expected_version,
            Case.status.in_(from_states),
            *conditions,
        )
        .values(version=Case.version + 1, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        current = session.scalar(select(Case.version).where(Case.id == case.id))
        if current != expected_version:
            raise StaleCase(case.number, expected_version, current)
        raise InvalidTransition(
            f"kasus {case.number} berstatus {STATUS_NAMES[case.status]}; langkah itu tidak dapat "
            "dilakukan"
        )
    session.refresh(case)


def record_event(
    session: Session,
    case: Case,
    kind: str,
    actor: Actor,
    note: str = "",
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    event = CaseEvent(
        case_id=case.id,
        kind=kind,
        actor_id=actor.id if isinstance(actor, User) else None,
        note=note,
        data=data or {},
        occurred_at=at or utcnow(),
    )
    session.add(event)
    session.flush()
    details = {"number": case.number, "status": case.status.value, "event_id": event.id}
    audit.record(session, actor, f"case.{kind}", "case", case.id, {**details, **(data or {})})
    return event


def edit(
    session: Session,
    case_id: int,
    user: User,
    *,
    expected_version: int,
    summary: str | None = None,
    legal_basis: str | None = None,
) -> Case:
    case = get_case(session, case_id, user)
    _require_owner_or_supervisor(case, user)
    values = {k: v.strip() for k, v in (("summary", summary), ("legal_basis", legal_basis)) if v}
    if not values:
        raise CaseError("tidak ada yang diubah")
    move(session, case, expected_version, (S.DRAFT, S.RETURNED), **values)
    record_event(session, case, "edited", user, data={"fields": sorted(values)})
    return case


def submit(session: Session, case_id: int, user: User, *, expected_version: int) -> Case:
    case = get_case(session, case_id, user)
    _require_owner_or_supervisor(case, user)
    move(session, case, expected_version, (S.DRAFT, S.RETURNED), status=S.PENDING_APPROVAL)
    record_event(session, case, "submitted", user)
    return case


def approve(
    session: Session,
    case_id: int,
    supervisor: User,
    *,
    expected_version: int,
    now: datetime | None = None,
) -> Case:
    """Four eyes: a supervisor who did not create the case approves it, and its outbox row
    is written in the same transaction."""
    now = now or utcnow()
    _require_supervisor(supervisor)
    case = get_case(session, case_id, supervisor)
    if case.created_by_id == supervisor.id:
        raise NotAllowed(
            f"prinsip empat mata: kasus {case.number} dibuat oleh Anda sendiri, "
            "jadi harus disetujui supervisor lain"
        )
    move(
        session,
        case,
        expected_version,
        (S.PENDING_APPROVAL,),
        Case.created_by_id != supervisor.id,  # the same rule again, in the guarded UPDATE
        status=S.APPROVED,
        approved_by_id=supervisor.id,
        approved_at=now,
    )
    row = _enqueue(session, case, casefile.case_payload(case), now=now)
    data = {"outbox_id": row.id, "destination": row.destination, "key": row.idempotency_key}
    record_event(session, case, "approved", supervisor, data=data, at=now)
    return case


def _enqueue(session: Session, case: Case, payload: dict[str, Any], *, now: datetime) -> Outbox:
    row = Outbox(
        case_id=case.id,
        destination=get_settings().complaint_destination,
        payload=payload,
        idempotency_key=casefile.idempotency_key(payload),
        status=OutboxStatus.PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def return_case(
    session: Session, case_id: int, supervisor: User, note: str, *, expected_version: int
) -> Case:
    _require_supervisor(supervisor)
    if not note.strip():
        raise CaseError("pengembalian kasus memerlukan catatan untuk pembuatnya")
    case = get_case(session, case_id, supervisor)
    move(session, case, expected_version, (S.PENDING_APPROVAL,), status=S.RETURNED)
    record_event(session, case, "returned", supervisor, note=note.strip())
    return case


def withdraw(
    session: Session, case_id: int, user: User, note: str, *, expected_version: int
) -> Case:
    """Close a case that never left (draft or returned), which frees its items."""
    if not note.strip():
        raise CaseError("penutupan kasus memerlukan alasan")
    case = get_case(session, case_id, user)
    _require_owner_or_supervisor(case, user)
    move(session, case, expected_version, (S.DRAFT, S.RETURNED), status=S.CLOSED)
    record_event(session, case, "withdrawn", user, note=note.strip())
    return case


def record_exported(
    session: Session, case_id: int, row: Outbox, *, now: datetime | None = None
) -> Case:
    """The delivery's answer: called once, when the outbox row gets its first receipt."""
    case = get_case(session, case_id)
    move(session, case, case.version, (S.APPROVED,), status=S.EXPORTED)
    data = {"outbox_id": row.id, "destination": row.destination, "receipt": row.receipt}
    record_event(session, case, "exported", "delivery", data=data, at=now)
    return case


def record_follow_up(
    session: Session,
    case_id: int,
    actor: Actor,
    status: CaseStatus,
    on: date,
    note: str = "",
    *,
    expected_version: int | None = None,
) -> Case:
    """What the receiving body reported back; statuses only move forward."""
    user = actor if isinstance(actor, User) else None
    require_follow_up_role(user)
    case = get_case(session, case_id, user)
    check_follow_up(case.number, case.status, status, note)
    version = case.version if expected_version is None else expected_version
    earlier = FOLLOW_UP[: FOLLOW_UP.index(status)]
    move(session, case, version, earlier, status=status)
    record_event(
        session, case, status.value, actor, note=note.strip(), data={"date": on.isoformat()}
    )
    return case


def require_follow_up_role(user: User | None) -> None:
    """Outcomes (recommendation, sanction, closed) are recorded by supervisors and admins,
    never by analysts, not even on their own cases (issue 16). None is the system."""
    if user is not None and user.role not in (Role.SUPERVISOR, Role.ADMIN):
        raise NotAllowed("hanya supervisor atau admin yang boleh mencatat tindak lanjut")


def check_follow_up(number: str, current: CaseStatus, target: CaseStatus, note: str) -> None:
    if target not in FOLLOW_UP[1:]:
        allowed = ", ".join(s.value for s in FOLLOW_UP[1:])
        raise CaseError(f"status tindak lanjut harus salah satu dari: {allowed}")
    if current not in FOLLOW_UP:
        raise InvalidTransition(
            f"kasus {number} belum terkirim (status {STATUS_NAMES[current]}); "
            "tindak lanjut belum bisa dicatat"
        )
    if FOLLOW_UP.index(target) <= FOLLOW_UP.index(current):
        raise InvalidTransition(
            f"kasus {number} sudah berstatus {STATUS_NAMES[current]}; status "
            f"{STATUS_NAMES[target]} tidak maju"
        )
    if target in NEEDS_NOTE and not note.strip():
        raise CaseError(
            f"status {STATUS_NAMES[target]} memerlukan catatan (isi rekomendasi atau sanksi)"
        )
