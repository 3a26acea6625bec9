"""Issue 16, findings 6, 7 and 10: formula injection in exports, civil-servant names across
regions, and analysts recording case outcomes."""

from __future__ import annotations

import csv
import io
from datetime import date

import casekit as k
import factories as f
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from pantau import audit, cases
from pantau.followup import import_follow_up
from pantau.models import Case, CaseStatus, User
from pantau.stats.tables import Table, to_csv, to_xlsx

HOSTILE = [
    '=HYPERLINK("http://evil.example/x","Dinas")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


def _table() -> Table:
    return Table("asn", "Per instansi", ["Instansi", "Jumlah"], [[h, 3] for h in HOSTILE])


def test_csv_export_neutralises_formulas():
    data = to_csv(_table(), [("Wilayah", "=EVIL()")], "2024-11-20").decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(data)) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'" + HOSTILE[0] in cells and "3" in cells


def test_xlsx_export_stores_text_as_strings_never_formulas():
    book = load_workbook(io.BytesIO(to_xlsx(_table(), [("Wilayah", "=EVIL()")], "2024-11-20")))
    cells = [c for row in book.active.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert "'" + HOSTILE[0] in texts
    assert not [t for t in texts if t[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert 3 in [c.value for c in cells]  # numbers stay numbers


def test_audit_csv_export_neutralises_formulas(ui):
    with ui.db.session() as s:
        audit.record(s, HOSTILE[0], "test.event", "thing", "=1+1")
        s.commit()
    body = ui.client_for("supervisor").get("/audit/export.csv").content.decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(body)) for c in row]
    assert "'" + HOSTILE[0] in cells and "'=1+1" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@")]


def _nip_answer(text: str) -> str:
    start = text.index('role="alert"')
    return text[start : text.index("</", start)]


def test_case_nip_lookup_answers_the_same_for_unknown_and_other_region(ui):
    with ui.db.session() as s:
        jkt = s.get_one(User, ui.user_ids["analyst_jkt"])
        item = k.confirmed_item(s, jkt, f.account(s, handle="akun_jkt"), region="31.71").id
        other = f.civil_servant(s, region="35.78", name="Rahasia Surabaya Rekaan")
        s.commit()
        nip = other.nip
    client = ui.client_for("analyst_jkt")
    foreign = client.post_form("/cases", {"item": [item], "nip": nip})
    unknown = client.post_form("/cases", {"item": [item], "nip": "199001012020011999"})
    assert foreign.status_code == unknown.status_code
    assert "Rahasia Surabaya" not in foreign.text
    assert _nip_answer(foreign.text).replace(nip, "N") == _nip_answer(unknown.text).replace(
        "199001012020011999", "N"
    )


@pytest.fixture
def exported(ui):
    """An exported case created by the analyst (so it is their own case)."""
    with ui.db.session() as s:
        analyst = s.get_one(User, ui.user_ids["analyst"])
        supervisor = s.get_one(User, ui.user_ids["supervisor"])
        w = k.world(s)
        item = k.confirmed_item(s, analyst, w.account)
        from pantau.case_intake import create_case

        case = create_case(s, analyst, [item.id])
        cases.submit(s, case.id, analyst, expected_version=case.version)
        cases.approve(s, case.id, supervisor, expected_version=case.version)
        cases.move(s, case, case.version, (CaseStatus.APPROVED,), status=CaseStatus.EXPORTED)
        s.commit()
        return case.id, case.number, case.version


def test_analysts_cannot_record_outcomes_even_on_their_own_cases(ui, exported):
    case_id, number, version = exported
    analyst = ui.client_for("analyst")
    page = analyst.get(f"/cases/{case_id}").text
    assert 'id="follow-up-form"' not in page
    form = {"version": str(version), "status": "closed", "on": "2024-11-20", "note": "selesai"}
    assert analyst.post_form(f"/cases/{case_id}/follow-up", form).status_code == 403
    csv_body = f"case_number,status,date,note\n{number},closed,2024-11-25,Selesai\n"
    upload = analyst.post(
        "/cases/follow-up",
        data={"csrf_token": analyst.csrf},
        files={"file": ("tl.csv", csv_body.encode(), "text/csv")},
    )
    assert upload.status_code == 403
    with ui.db.session() as s:
        assert s.get_one(Case, case_id).status is CaseStatus.EXPORTED
        user = s.get_one(User, ui.user_ids["analyst"])
        with pytest.raises(cases.NotAllowed):
            import_follow_up(s, csv_body.encode(), user)
        with pytest.raises(cases.NotAllowed):
            cases.record_follow_up(s, case_id, user, CaseStatus.CLOSED, date(2024, 11, 20))


def test_follow_up_upload_size_is_capped(ui, monkeypatch):
    from pantau.settings import get_settings

    monkeypatch.setenv("PANTAU_UPLOAD_MAX_BYTES", "1000")
    get_settings.cache_clear()
    supervisor = ui.client_for("supervisor")
    big = "case_number,status,date,note\n" + "x" * 5000
    out = supervisor.post(
        "/cases/follow-up",
        data={"csrf_token": supervisor.csrf},
        files={"file": ("tl.csv", big.encode(), "text/csv")},
    )
    assert out.status_code == 422 and "MiB" in out.text
    with ui.db.session() as s:
        assert s.scalars(select(Case)).first() is None


def test_admin_settings_show_the_office_public_key(ui):
    from pantau import signing

    page = ui.client_for("admin").get("/admin/settings").text
    assert signing.public_key_b64(ui.db.settings) in page
    assert signing.fingerprint(signing.public_key_b64(ui.db.settings)) in page
