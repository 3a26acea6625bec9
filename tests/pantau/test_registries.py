"""Registry imports: strict validation, all or nothing, and idempotent re-imports."""

from __future__ import annotations

from importlib.resources import files

import pytest
from sqlalchemy import func, select

from pantau.models import Candidate, CivilServant, Contest
from pantau.registries import ImportRejected, import_candidates, import_civil_servants

DEMO = files("pantau") / "data" / "demo"
HEADER = "nip,name,agency,position,position_category,employment_type,region_code\n"
GOOD = "198503122010011003,Wahyu Rekaan,Dinas Pendidikan,Guru,Fungsional,PNS,35.78\n"


def test_demo_registries_import_and_reimport_changes_nothing(session):
    data = (DEMO / "civil_servants.csv").read_bytes()
    first = import_civil_servants(session, data)
    assert (first.created, first.updated) == (10, 0)
    again = import_civil_servants(session, data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 10)

    candidates = (DEMO / "candidates.csv").read_bytes()
    report = import_candidates(session, candidates)
    assert report.created == 7
    assert import_candidates(session, candidates).unchanged == 7
    contest = session.scalars(select(Contest).where(Contest.code == "PILWALKOT-3578-2027")).one()
    assert [c.number for c in contest.candidates] == [1, 2, 3]
    assert contest.candidates[1].hashtags[0] == "#Hendi2"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("19850312201001100,A,B,C,Fungsional,PNS,35.78", "tepat 18 angka"),
        ("198502302010011003,A,B,C,Fungsional,PNS,35.78", "tidak ada di kalender"),
        ("198503122010131003,A,B,C,Fungsional,PNS,35.78", "bulan pengangkatan 13"),
        ("198503122010013003,A,B,C,Fungsional,PNS,35.78", "jenis kelamin"),
        (
            "198503122010011003,A,B,C,Presiden,PNS,35.78",
            "position_category 'Presiden' tidak dikenal",
        ),
        ("198503122010011003,A,B,C,Fungsional,Honorer,35.78", "PNS atau PPPK"),
        ("198503122010011003,A,B,C,Fungsional,PNS,99.99", "Kemendagri"),
        ("198503122010011003,,B,C,Fungsional,PNS,35.78", "name kosong"),
        ("198503122010011003,A,B,C,Fungsional,PNS", "harus 7 kolom"),
    ],
)
def test_bad_rows_are_named_and_nothing_is_written(session, row, reason):
    data = HEADER + GOOD + row + "\n"
    with pytest.raises(ImportRejected) as exc:
        import_civil_servants(session, data)
    assert [e.line for e in exc.value.errors] == [3]
    assert reason in exc.value.errors[0].reason
    assert session.scalar(select(func.count(CivilServant.id))) == 0


def test_every_bad_row_is_reported_at_once(session):
    data = HEADER + "x,A,B,C,Fungsional,PNS,35.78\n" + GOOD + GOOD + "y,A,B,C,Fungsional,PNS,35\n"
    with pytest.raises(ImportRejected) as exc:
        import_civil_servants(session, data)
    assert [e.line for e in exc.value.errors] == [2, 4, 5]
    assert "NIP 198503122010011003 sudah ada di baris 3" in exc.value.errors[1].reason


def test_wrong_header_and_wrong_encoding_are_rejected(session):
    with pytest.raises(ImportRejected, match="kepala kolom harus persis"):
        import_civil_servants(session, "nip,nama\n1,2\n")
    with pytest.raises(ImportRejected, match="bukan UTF-8"):
        import_civil_servants(
            session, (HEADER + GOOD.replace("Rekaan", "Rek\xe4an")).encode("latin-1")
        )
    with pytest.raises(ImportRejected, match="berkas kosong"):
        import_civil_servants(session, b"")


def test_changed_row_updates_in_place(session):
    import_civil_servants(session, HEADER + GOOD)
    report = import_civil_servants(session, HEADER + GOOD.replace("Guru", "Kepala Sekolah"))
    assert (report.created, report.updated) == (0, 1)
    assert session.scalars(select(CivilServant.position)).one() == "Kepala Sekolah"


def test_dry_run_writes_nothing(session):
    report = import_candidates(session, (DEMO / "candidates.csv").read_bytes(), dry_run=True)
    assert report.created == 7
    assert session.scalar(select(func.count(Candidate.id))) == 0


def test_candidate_rows_are_checked(session):
    header = (DEMO / "candidates.csv").read_text().splitlines()[0]
    bad = [
        "C1,Contest,pilwalkot,35.78,2027-02-17,2027-03-01,2027-02-13,1,A,,,,",
        "C1,Contest,pilkades,35.78,2027-02-17,2026-10-01,2027-02-13,2,A,,,,",
        "C2,Contest,pilbup,35.07,2027-02-17,2026-10-01,2027-02-13,x,A,,,,",
        "C2,Contest,pilbup,35.07,2027-02-17,2026-10-01,2027-02-13,1,,,,,",
    ]
    with pytest.raises(ImportRejected) as exc:
        import_candidates(session, "\n".join([header, *bad]) + "\n")
    reasons = [e.reason for e in exc.value.errors]
    assert [e.line for e in exc.value.errors] == [2, 3, 4, 5]
    assert "tanggal harus berurutan campaign_start <= campaign_end" in reasons[0]
    assert "level harus salah satu" in reasons[1]
    assert "harus bilangan bulat" in reasons[2]
    assert "names kosong" in reasons[3]
