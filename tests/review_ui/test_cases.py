"""Case pages through the app (TestClient): create, four eyes, downloads, follow-up, scope."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import casekit as k
import factories as f
import pytest
from sqlalchemy import select

from complaints.bundle import verify_bundle
from pantau import cases
from pantau.models import AuditEvent, Case, CaseStatus, Outbox, OutboxStatus, User


@dataclass
class Seed:
    items: list[int]
    unlinked_item: int
    nip: str


@pytest.fixture
def seed(ui) -> Seed:
    """Three confirmed items of one linked account, one of an unlinked account."""
    with ui.db.session() as s:
        analyst = s.get_one(User, ui.user_ids["analyst"])
        w = k.world(s)
        items = [k.confirmed_item(s, analyst, w.account).id for _ in range(3)]
        stranger = f.account(s, handle="tanpa_tautan")
        unlinked = k.confirmed_item(s, analyst, stranger).id
        s.commit()
        return Seed(items, unlinked, w.civil_servant.nip)


def _case_id(response) -> int:
    assert response.status_code == 303, response.text[:500]
    return int(re.search(r"/cases/(\d+)", response.headers["location"]).group(1))


def _version(html: str, form: str) -> str:
    block = html[html.index(f'id="{form}"') :]
    return re.search(r'name="version" value="(\d+)"', block).group(1)


def test_create_submit_and_approve_by_another_supervisor(ui, seed):
    analyst = ui.client_for("analyst")
    page = analyst.get("/cases/new", params={"item": seed.items[:2]})
    assert page.status_code == 200 and "Sri Rekaan Wulandari" in page.text
    case_id = _case_id(analyst.post_form("/cases", {"item": seed.items[:2]}))

    page = analyst.get(f"/cases/{case_id}")
    assert "Laporan Dugaan Pelanggaran Netralitas ASN" in page.text and "DRAF" in page.text
    ok = analyst.post_form(
        f"/cases/{case_id}/submit", {"version": _version(page.text, "submit-form")}
    )
    assert ok.status_code == 303

    page = analyst.get(f"/cases/{case_id}")
    assert 'id="approve-form"' not in page.text
    refused = analyst.post_form(f"/cases/{case_id}/approve", {"version": "2"})
    assert refused.status_code == 403 and "hanya supervisor" in refused.text

    supervisor = ui.client_for("supervisor")
    page = supervisor.get(f"/cases/{case_id}")
    version = _version(page.text, "approve-form")
    assert (
        supervisor.post_form(f"/cases/{case_id}/approve", {"version": version}).status_code == 303
    )
    with ui.db.session() as s:
        case = s.get_one(Case, case_id)
        assert case.status is CaseStatus.APPROVED
        assert s.scalars(select(Outbox).where(Outbox.case_id == case_id)).one()
    listing = analyst.get("/cases").text
    assert case.number in listing and "Menunggu pengiriman" in listing


def test_a_supervisor_cannot_approve_their_own_case_in_the_app(ui, seed):
    supervisor = ui.client_for("supervisor")
    case_id = _case_id(supervisor.post_form("/cases", {"item": [seed.items[0]]}))
    page = supervisor.get(f"/cases/{case_id}")
    supervisor.post_form(
        f"/cases/{case_id}/submit", {"version": _version(page.text, "submit-form")}
    )
    page = supervisor.get(f"/cases/{case_id}")
    assert 'id="approve-form"' not in page.text and 'id="four-eyes-note"' in page.text
    forced = supervisor.post_form(f"/cases/{case_id}/approve", {"version": "2"})
    assert forced.status_code == 403 and "empat mata" in forced.text
    with ui.db.session() as s:
        assert s.get_one(Case, case_id).status is CaseStatus.PENDING_APPROVAL


def test_unlinked_account_needs_a_nip_from_the_registry(ui, seed):
    analyst = ui.client_for("analyst")
    page = analyst.get("/cases/new", params={"item": [seed.unlinked_item]})
    assert 'name="nip"' in page.text
    bad = analyst.post_form("/cases", {"item": [seed.unlinked_item], "nip": "199901012020011999"})
    assert bad.status_code == 409 and "tidak ditemukan di registri" in bad.text
    missing = analyst.post_form("/cases", {"item": [seed.unlinked_item]})
    assert missing.status_code == 409 and "belum tertaut" in missing.text
    made = analyst.post_form("/cases", {"item": [seed.unlinked_item], "nip": seed.nip})
    assert _case_id(made)
    mixed = analyst.post_form("/cases", {"item": [seed.unlinked_item]})
    assert mixed.status_code == 409 and "sudah masuk kasus" in mixed.text


def test_downloads_and_scope(ui, seed):
    analyst = ui.client_for("analyst")
    case_id = _case_id(analyst.post_form("/cases", {"item": [seed.items[0]]}))
    pdf = analyst.get(f"/cases/{case_id}/laporan.pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    bundle = analyst.get(f"/cases/{case_id}/bundle.zip")
    assert bundle.headers["content-type"] == "application/zip"
    assert verify_bundle(bundle.content).ok
    with ui.db.session() as s:
        taken = s.scalars(select(AuditEvent).where(AuditEvent.action == "case.download")).all()
        assert [e.details["sha256"] for e in taken] == [
            hashlib.sha256(pdf.content).hexdigest(),
            hashlib.sha256(bundle.content).hexdigest(),
        ]
        assert {e.object_id for e in taken} == {str(case_id)}
    css = analyst.get("/cases/assets/cases.css")
    assert css.headers["content-type"].startswith("text/css") and ".laporan" in css.text

    outsider = ui.client_for("analyst_jkt")
    assert outsider.get(f"/cases/{case_id}").status_code == 404
    assert outsider.get(f"/cases/{case_id}/laporan.pdf").status_code == 404
    assert "PNT/" not in outsider.get("/cases").text
    assert outsider.get("/cases/new", params={"item": [seed.items[1]]}).status_code == 404


def test_follow_up_by_hand_and_by_csv(ui, seed):
    with ui.db.session() as s:
        analyst = s.get_one(User, ui.user_ids["analyst"])
        supervisor = s.get_one(User, ui.user_ids["supervisor"])
        from pantau.case_intake import create_case

        case = create_case(s, analyst, seed.items[:1])
        cases.submit(s, case.id, analyst, expected_version=case.version)
        cases.approve(s, case.id, supervisor, expected_version=case.version)
        cases.move(s, case, case.version, (CaseStatus.APPROVED,), status=CaseStatus.EXPORTED)
        s.commit()
        case_id, number = case.id, case.number

    client = ui.client_for("supervisor")  # outcomes: supervisors and admins only (issue 16)
    page = client.get(f"/cases/{case_id}")
    version = _version(page.text, "follow-up-form")
    data = {"version": version, "status": "recommendation_issued", "on": "2024-11-20", "note": ""}
    refused = client.post_form(f"/cases/{case_id}/follow-up", data)
    assert refused.status_code == 409 and "memerlukan catatan" in refused.text
    data["note"] = "Rekomendasi sanksi moral"
    assert client.post_form(f"/cases/{case_id}/follow-up", data).status_code == 303
    page = client.get(f"/cases/{case_id}")
    assert "Rekomendasi sanksi moral" in page.text and "Rekomendasi terbit" in page.text

    bad = f"case_number,status,date,note\n{number},sanctioned,2024-11-25,\n"
    out = client.post(
        "/cases/follow-up",
        data={"csrf_token": client.csrf},
        files={"file": ("tl.csv", bad.encode(), "text/csv")},
    )
    assert out.status_code == 422 and "Baris 2" in out.text
    good = f"case_number,status,date,note\n{number},sanctioned,2024-11-25,Hukuman disiplin sedang\n"
    out = client.post(
        "/cases/follow-up",
        data={"csrf_token": client.csrf},
        files={"file": ("tl.csv", good.encode(), "text/csv")},
    )
    assert out.status_code == 303
    with ui.db.session() as s:
        assert s.get_one(Case, case_id).status is CaseStatus.SANCTIONED


def test_item_page_and_queue_offer_buat_kasus_for_confirmed_items(ui, seed):
    analyst = ui.client_for("analyst")
    page = analyst.get(f"/items/{seed.items[0]}")
    assert f'href="/cases/new?item={seed.items[0]}"' in page.text
    queue = analyst.get("/queue", params={"status": "confirmed"})
    assert 'id="case-form"' in queue.text and 'form="case-form"' in queue.text


def test_a_failed_delivery_is_announced_on_every_page_to_supervisors(ui, seed):
    analyst, supervisor = ui.client_for("analyst"), ui.client_for("supervisor")
    case_id = _case_id(analyst.post_form("/cases", {"item": seed.items[:1]}))
    page = analyst.get(f"/cases/{case_id}")
    analyst.post_form(f"/cases/{case_id}/submit", {"version": _version(page.text, "submit-form")})
    page = supervisor.get(f"/cases/{case_id}")
    supervisor.post_form(
        f"/cases/{case_id}/approve", {"version": _version(page.text, "approve-form")}
    )
    assert 'id="site-delivery-banner"' not in supervisor.get("/queue").text

    with ui.db.session() as s:
        row = s.scalars(select(Outbox).where(Outbox.case_id == case_id)).one()
        row.status = OutboxStatus.FAILED
        s.commit()
    queue = supervisor.get("/queue").text
    assert 'id="site-delivery-banner"' in queue and "1 pengiriman laporan gagal" in queue
    cases_page = supervisor.get("/cases").text
    assert 'id="delivery-failed-banner"' in cases_page
    assert 'id="site-delivery-banner"' not in cases_page  # the page's own banner says it
    assert 'id="site-delivery-banner"' not in analyst.get("/queue").text
