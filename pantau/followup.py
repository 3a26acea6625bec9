"""Follow-up from the receiving body as a CSV (case_number,status,date,note): all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.cases import (
    FOLLOW_UP,
    CaseError,
    check_follow_up,
    record_follow_up,
    require_follow_up_role,
)
from pantau.models import Case, CaseEvent, CaseStatus, User
from pantau.registries.csvio import ImportRejected, RowError, decode, rows
from pantau.scope import in_scope
from pantau.settings import get_settings
from pantau.timeutil import local, utcnow

HEADER = ["case_number", "status", "date", "note"]
S = CaseStatus
# The receiving body may write the status in Indonesian.
STATUS_WORDS = {
    "acknowledged": S.ACKNOWLEDGED,
    "diterima": S.ACKNOWLEDGED,
    "recommendation_issued": S.RECOMMENDATION_ISSUED,
    "rekomendasi": S.RECOMMENDATION_ISSUED,
    "sanctioned": S.SANCTIONED,
    "sanksi": S.SANCTIONED,
    "closed": S.CLOSED,
    "selesai": S.CLOSED,
    "ditutup": S.CLOSED,
}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")


@dataclass(frozen=True)
class FollowUpRow:
    line: int
    number: str
    status: CaseStatus
    on: date
    note: str


@dataclass
class FollowUpReport:
    recorded: int = 0
    already_recorded: int = 0


def parse_status(word: str) -> CaseStatus:
    status = STATUS_WORDS.get(word.strip().casefold().replace(" ", "_"))
    if status is None:
        raise ValueError(f"status {word!r} tidak dikenal; gunakan {', '.join(STATUS_WORDS)}")
    return status


def parse_date(text: str, today: date) -> date:
    for fmt in DATE_FORMATS:
        try:
            value = datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
        if value > today + timedelta(days=1):
            raise ValueError(f"tanggal {text} ada di masa depan")
        return value
    raise ValueError(f"tanggal {text!r} tidak dikenal; gunakan YYYY-MM-DD")


def _parse(text: str) -> tuple[list[FollowUpRow], list[RowError]]:
    today = local(utcnow(), get_settings().timezone).date()
    parsed, errors = [], []
    for line, row in rows(text, HEADER):
        if "__error__" in row:
            errors.append(RowError(line, row["__error__"]))
            continue
        try:
            if not row["case_number"]:
                raise ValueError("case_number kosong")
            status, on = parse_status(row["status"]), parse_date(row["date"], today)
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        parsed.append(FollowUpRow(line, row["case_number"], status, on, row["note"]))
    return parsed, errors


def _recorded(session: Session, case_ids: list[int]) -> set[tuple[int, str, str]]:
    kinds = [s.value for s in FOLLOW_UP]
    events = session.scalars(
        select(CaseEvent).where(CaseEvent.case_id.in_(case_ids), CaseEvent.kind.in_(kinds))
    )
    return {(e.case_id, e.kind, str(e.data.get("date", ""))) for e in events}


def import_follow_up(
    session: Session, data: bytes | str, actor: User | str = "import", *, dry_run: bool = False
) -> FollowUpReport:
    """Check every row against the cases and against the rows before it, then record them
    all, or raise ImportRejected naming each bad line and write nothing. A row that is
    already recorded (same case, status and date) is skipped, so a re-import is harmless."""
    require_follow_up_role(actor if isinstance(actor, User) else None)
    parsed, errors = _parse(decode(data))
    scope = actor.region_scope if isinstance(actor, User) else None
    numbers = {r.number for r in parsed}
    cases = {
        c.number: c
        for c in session.scalars(select(Case).where(Case.number.in_(numbers)))
        if in_scope(c.region_code, scope)
    }
    seen = _recorded(session, [c.id for c in cases.values()])
    state = {n: c.status for n, c in cases.items()}
    plan, report = [], FollowUpReport()
    for r in parsed:
        case = cases.get(r.number)
        if case is None:
            errors.append(RowError(r.line, f"kasus {r.number} tidak ditemukan"))
            continue
        key = (case.id, r.status.value, r.on.isoformat())
        if key in seen:
            report.already_recorded += 1
            continue
        try:
            check_follow_up(r.number, state[r.number], r.status, r.note)
        except CaseError as exc:
            errors.append(RowError(r.line, str(exc)))
            continue
        state[r.number] = r.status
        seen.add(key)
        plan.append((case, r))
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: e.line))
    if not dry_run:
        for case, r in plan:
            record_follow_up(session, case.id, actor, r.status, r.on, r.note)
    report.recorded = len(plan)
    return report
