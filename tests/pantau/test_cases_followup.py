"""Follow-up CSV from the receiving body: bad rows named by line, nothing partial written."""

from __future__ import annotations

from datetime import date, timedelta

import casekit as k
import pytest
from sqlalchemy import func, select

from pantau import cases, followup
from pantau.models import CaseEvent, CaseStatus
from pantau.registries.csvio import ImportRejected

HEADER = "case_number,status,date,note\n"


def _exported(session, w):
    case = k.approved_case(session, w, 1)
    cases.move(session, case, case.version, (CaseStatus.APPROVED,), status=CaseStatus.EXPORTED)
    return case


def _events(session) -> int:
    return session.scalar(select(func.count(CaseEvent.id))) or 0


def test_good_file_records_every_row_and_a_reimport_changes_nothing(session):
    w = k.world(session)
    a, b = _exported(session, w), _exported(session, w)
    text = HEADER + (
        f"{a.number},acknowledged,2024-11-20,Diterima BKN\n"
        f"{a.number},rekomendasi,21/11/2024,Teguran tertulis\n"
        f'{b.number},diterima,2024-11-22,"Nomor agenda 12, diterima"\n'
        f"{a.number},sanctioned,2024-11-25,PPK menjatuhkan hukuman disiplin sedang\n"
    )
    report = followup.import_follow_up(session, text.encode())
    assert (report.recorded, report.already_recorded) == (4, 0)
    assert a.status is CaseStatus.SANCTIONED and b.status is CaseStatus.ACKNOWLEDGED
    recommendation = session.scalars(
        select(CaseEvent).where(
            CaseEvent.case_id == a.id, CaseEvent.kind == "recommendation_issued"
        )
    ).one()
    assert recommendation.note == "Teguran tertulis"
    assert recommendation.data["date"] == "2024-11-21"

    before = _events(session)
    again = followup.import_follow_up(session, text.encode())
    assert (again.recorded, again.already_recorded) == (0, 4)
    assert _events(session) == before


def test_bad_rows_are_named_by_line_and_nothing_is_written(session):
    w = k.world(session)
    a = _exported(session, w)
    draft = k.draft_case(session, w, 1)
    future = (date.today() + timedelta(days=30)).isoformat()
    text = HEADER + (
        f"{a.number},acknowledged,2024-11-20,ok\n"  # line 2: fine on its own
        f"PNT/1999/000999,acknowledged,2024-11-20,\n"  # 3: unknown case
        f"{a.number},dipecat,2024-11-20,\n"  # 4: unknown status
        f"{a.number},closed,kemarin,\n"  # 5: bad date
        f"{a.number},closed,{future},\n"  # 6: future date
        f"{draft.number},acknowledged,2024-11-20,\n"  # 7: not delivered yet
        f"{a.number},sanctioned,2024-11-21,\n"  # 8: needs a note
        f"{a.number},closed,2024-11-22\n"  # 9: missing column
        f"{a.number},closed,2024-11-23,selesai\n"  # 10: fine
        f"{a.number},acknowledged,2024-11-24,mundur\n"  # 11: backwards after line 10
    )
    before = _events(session)
    with pytest.raises(ImportRejected) as caught:
        followup.import_follow_up(session, text.encode())
    lines = [e.line for e in caught.value.errors]
    assert lines == [3, 4, 5, 6, 7, 8, 9, 11]
    message = str(caught.value)
    assert "Baris 3: kasus PNT/1999/000999 tidak ditemukan" in message
    assert "Baris 11:" in message and "tidak maju" in message
    assert a.status is CaseStatus.EXPORTED and _events(session) == before


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "berkas kosong"),
        (b"nomor,status,tanggal,catatan\n", "kepala kolom harus persis"),
        (HEADER.encode() + "x,closed,2024-01-01,caf\xe9\n".encode("latin-1"), "bukan UTF-8"),
    ],
)
def test_unreadable_files_are_rejected_whole(session, data, reason):
    with pytest.raises(ImportRejected, match=reason):
        followup.import_follow_up(session, data)


def test_dry_run_checks_without_writing(session):
    w = k.world(session)
    a = _exported(session, w)
    before = _events(session)
    report = followup.import_follow_up(
        session, HEADER + f"{a.number},acknowledged,2024-11-20,\n", dry_run=True
    )
    assert report.recorded == 1 and _events(session) == before
    assert a.status is CaseStatus.EXPORTED
