"""The item page: claims and leases, decisions and stale pages, escalations, accounts,
evidence downloads, and region scope on every one of them."""

from __future__ import annotations

import hashlib
import re

import pytest
import ui_seed
from sqlalchemy import select

from pantau.models import (
    Account,
    AsnStatus,
    AuditEvent,
    Decision,
    DismissReason,
    Evidence,
    ReviewItem,
    ReviewStatus,
)


@pytest.fixture
def seeded(ui):
    with ui.db.session() as s:
        data = ui_seed.morning(s, ui.db.settings.evidence_dir)
        ids = {name: item.id for name, item in data.items.items()}
        accounts = {name: acc.id for name, acc in data.accounts.items()}
        s.commit()
    return ids, accounts


def _version(html: str) -> int:
    return int(re.search(r'name="version" class="item-version" value="(\d+)"', html).group(1))


def _item(ui, item_id: int) -> ReviewItem:
    with ui.db.session() as s:
        return s.get(ReviewItem, item_id)


def test_item_page_shows_highlights_scores_author_history_evidence(ui, seeded):
    ids, _ = seeded
    html = ui.client_for("analyst").get(f"/items/{ids['top']}").text
    assert '<mark class="m-vote_call" title="Ajakan memilih">coblos</mark>' in html
    assert '<mark class="m-hashtag" title="Tagar">#Paslon2</mark>' in html
    assert "No. 2 Hendi Fiktif &amp; Rina Khayal (Pilwalkot Surabaya 2024)" in html
    assert "bio menyebut" in html and "coblos" in html
    assert "Dewi Rekaan" in html and "NIP 1985" in html  # linked civil servant
    assert "Riwayat suntingan" in html and "Ayo coblos nomor 2!</div>" in html
    with ui.db.session() as s:
        evidence = s.scalars(select(Evidence)).one()
    assert evidence.sha256 in html and f"/evidence/{evidence.id}/download" in html
    assert f"/items/{ids['third']}" in html  # another flagged post by the same account


def test_same_text_elsewhere_is_listed_as_a_duplicate(ui, seeded):
    ids, _ = seeded
    html = ui.client_for("analyst").get(f"/items/{ids['fourth']}").text
    assert "Teks sama" in html and f"/items/{ids['fifth']}" in html


def test_deleted_post_warns_that_evidence_is_all_that_is_left(ui, seeded):
    ids, _ = seeded
    with ui.db.session() as s:
        item = s.get(ReviewItem, ids["top"])
        from pantau.timeutil import utcnow

        item.post.deleted_at = utcnow()
        s.commit()
    html = ui.client_for("analyst").get(f"/items/{ids['top']}").text
    assert "Unggahan ini telah dihapus" in html and "satu-satunya yang tersisa" in html


def test_claim_confirm_and_audit(ui, seeded):
    ids, _ = seeded
    analyst = ui.client_for("analyst")
    assert analyst.post_form(f"/items/{ids['top']}/claim", {"version": 1}).status_code == 303
    page = analyst.get(f"/items/{ids['top']}")
    assert 'id="lease"' in page.text and "Klaim Anda" in page.text
    version = _version(page.text)
    form = {"verdict": "confirm", "version": version, "position_category": "FUNGSIONAL"}
    missing = analyst.post_form(f"/items/{ids['top']}/decide", {**form, "notes": "catatan saya"})
    assert missing.status_code == 422 and "Pilih kode pelanggaran" in missing.text
    assert "catatan saya" in missing.text  # what the analyst typed is not lost
    done = analyst.post_form(f"/items/{ids['top']}/decide", {**form, "violation_code": "NTR-04"})
    assert done.headers["location"] == f"/items/{ids['top']}?pesan=dikonfirmasi"
    with ui.db.session() as s:
        decision = s.scalars(select(Decision)).one()
        assert (decision.violation_code, decision.position_category) == ("NTR-04", "FUNGSIONAL")
        actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["review.claim", "review.confirm"]
    assert _item(ui, ids["top"]).status is ReviewStatus.CONFIRMED


def test_a_stale_page_gets_a_clear_message_not_an_overwrite(ui, seeded):
    ids, _ = seeded
    analyst = ui.client_for("analyst")
    analyst.post_form(f"/items/{ids['top']}/claim", {"version": 1})
    old = _version(analyst.get(f"/items/{ids['top']}").text)
    renewed = analyst.post_form(f"/items/{ids['top']}/renew", {"version": old})
    assert f'data-version="{old + 1}"' in renewed.text  # the lease moved the version on
    stale = analyst.post_form(
        f"/items/{ids['top']}/decide",
        {"verdict": "dismiss", "version": old, "dismiss_reason": "other", "notes": "x"},
    )
    assert stale.status_code == 409
    assert "telah berubah sejak halaman Anda dibuka" in stale.text
    assert _item(ui, ids["top"]).status is ReviewStatus.CLAIMED


def test_second_analyst_is_refused_clearly(ui, seeded):
    ids, _ = seeded
    ui.client_for("analyst").post_form(f"/items/{ids['top']}/claim", {"version": 1})
    other = ui.client_for("analyst2")
    page = other.get(f"/items/{ids['top']}")
    assert "Sedang ditinjau oleh Pengguna Uji Analyst" in page.text
    refused = other.post_form(f"/items/{ids['top']}/claim", {"version": 1})
    assert (
        refused.status_code == 409 and "sedang ditinjau oleh Pengguna Uji Analyst" in refused.text
    )
    decide = other.post_form(
        f"/items/{ids['top']}/decide",
        {"verdict": "dismiss", "version": 2, "dismiss_reason": "other"},
    )
    assert decide.status_code == 409
    lost = other.post_form(f"/items/{ids['top']}/renew", {"version": 2})
    assert 'data-lost="1"' in lost.text


def test_save_and_next_opens_the_next_claimed_item(ui, seeded):
    ids, _ = seeded
    analyst = ui.client_for("analyst")
    analyst.post_form("/queue/next")
    response = analyst.post_form(
        f"/items/{ids['top']}/decide",
        {"verdict": "dismiss", "version": 2, "dismiss_reason": "not_partisan", "and_next": "1"},
    )
    assert (
        response.headers["location"] == f"/items/{ids['second']}?pesan=ditolak&urung={ids['top']}"
    )
    second = _item(ui, ids["second"])
    assert second.status is ReviewStatus.CLAIMED and second.claimed_by_id == ui.user_ids["analyst"]


def test_release_returns_the_item(ui, seeded):
    ids, _ = seeded
    analyst = ui.client_for("analyst")
    analyst.post_form(f"/items/{ids['top']}/claim", {"version": 1})
    assert analyst.post_form(f"/items/{ids['top']}/release", {"version": 2}).status_code == 303
    assert _item(ui, ids["top"]).status is ReviewStatus.QUEUED


def test_escalate_then_supervisor_resolves(ui, seeded):
    ids, _ = seeded
    analyst = ui.client_for("analyst")
    analyst.post_form(f"/items/{ids['second']}/claim", {"version": 1})
    empty = analyst.post_form(
        f"/items/{ids['second']}/decide", {"verdict": "escalate", "version": 2}
    )
    assert empty.status_code == 422 and "catatan untuk supervisor" in empty.text
    analyst.post_form(
        f"/items/{ids['second']}/decide",
        {"verdict": "escalate", "version": 2, "notes": "Camat? perlu dicek"},
    )
    assert analyst.get("/escalations").status_code == 403
    supervisor = ui.client_for("supervisor")
    listing = supervisor.get("/escalations").text
    assert f"/items/{ids['second']}" in listing and "Camat? perlu dicek" in listing
    page = supervisor.get(f"/items/{ids['second']}").text
    assert "Selesaikan eskalasi" in page and "Camat? perlu dicek" in page
    done = supervisor.post_form(
        f"/items/{ids['second']}/decide",
        {"verdict": "confirm", "version": _version(page), "violation_code": "NTR-06"},
    )
    assert done.status_code == 303
    assert _item(ui, ids["second"]).status is ReviewStatus.CONFIRMED
    with ui.db.session() as s:
        assert s.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc())).first() == (
            "review.resolve"
        )


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/items/{jakarta}"),
        ("post", "/items/{jakarta}/claim"),
        ("post", "/items/{jakarta}/renew"),
        ("post", "/items/{jakarta}/release"),
        ("post", "/items/{jakarta}/decide"),
        ("get", "/accounts/{acc}/civil-servants?q=Dewi"),
        ("post", "/accounts/{acc}/not-asn"),
        ("post", "/accounts/{acc}/unlink"),
        ("get", "/accounts/{acc}/dismiss-open"),
    ],
)
def test_out_of_scope_is_not_found_by_url(ui, seeded, method, path):
    ids, accounts = seeded
    analyst = ui.client_for("analyst")
    url = path.format(jakarta=ids["jakarta"], acc=accounts["jakarta"])
    data = {"version": 1, "verdict": "dismiss", "dismiss_reason": "other"}
    response = analyst.get(url) if method == "get" else analyst.post_form(url, data)
    assert response.status_code == 404
    assert _item(ui, ids["jakarta"]).status is ReviewStatus.QUEUED


def test_link_account_by_nip_search_and_mark_not_asn(ui, seeded):
    ids, accounts = seeded
    with ui.db.session() as s:
        import factories as f

        person = f.civil_servant(s, name="Bambang Rekaan", region="35.78")
        f.civil_servant(s, name="Bambang Jakarta", region="31.71")
        s.commit()
        nip, person_id = person.nip, person.id
    analyst = ui.client_for("analyst")
    found = analyst.get(f"/accounts/{accounts['camat']}/civil-servants?q={nip[:10]}").text
    assert "Bambang Rekaan" in found
    by_name = analyst.get(f"/accounts/{accounts['camat']}/civil-servants?q=bambang").text
    assert "Bambang Rekaan" in by_name and "Bambang Jakarta" not in by_name  # scope
    analyst.post_form(
        f"/accounts/{accounts['camat']}/link",
        {"civil_servant_id": person_id, "item": ids["second"]},
    )
    with ui.db.session() as s:
        account = s.get(Account, accounts["camat"])
        assert account.civil_servant_id == person_id and account.asn_status is AsnStatus.CONFIRMED
    analyst.post_form(f"/accounts/{accounts['warga']}/not-asn", {"item": ids["fourth"]})
    with ui.db.session() as s:
        assert s.get(Account, accounts["warga"]).asn_status is AsnStatus.NOT_ASN
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "account"))
        assert list(actions) == ["account.link", "account.mark_not_asn"]


def test_dismiss_every_open_item_of_a_not_asn_account(ui, seeded):
    ids, accounts = seeded
    analyst = ui.client_for("analyst")
    early = analyst.get(f"/accounts/{accounts['warga']}/dismiss-open")
    assert early.status_code == 409 and "Tandai akun ini bukan ASN" in early.text
    analyst.post_form(f"/accounts/{accounts['warga']}/not-asn")
    preview = analyst.get(f"/accounts/{accounts['warga']}/dismiss-open")
    assert "2 butir" in preview.text
    done = analyst.post_form(f"/accounts/{accounts['warga']}/dismiss-open", {"confirmed": "1"})
    assert "pesan=massal&n=2" in done.headers["location"]
    with ui.db.session() as s:
        rows = s.scalars(select(Decision).order_by(Decision.id)).all()
        assert [d.dismiss_reason for d in rows] == [DismissReason.NOT_ASN] * 2
        assert {d.review_item_id for d in rows} == {ids["fourth"], ids["fifth"]}


def test_evidence_download_is_the_exact_record(ui, seeded):
    with ui.db.session() as s:
        evidence = s.scalars(select(Evidence)).one()
    response = ui.client_for("analyst").get(f"/evidence/{evidence.id}/download")
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == evidence.sha256
    assert response.content.startswith(b"WARC/1.1")
    assert response.headers["content-type"] == "application/warc"
    assert 'filename="bukti-' in response.headers["content-disposition"]
    assert ui.client_for("analyst_jkt").get(f"/evidence/{evidence.id}/download").status_code == 404
    with ui.db.session() as s:
        query = select(AuditEvent).where(AuditEvent.action == "evidence.download")
        event = s.scalars(query).one()  # the refused download left no trace of bytes
        assert event.details["matches"] is True and event.actor == "analyst"


def test_missing_evidence_file_says_why(ui, seeded):
    with ui.db.session() as s:
        evidence = s.scalars(select(Evidence)).one()
        evidence.path = "../../etc/passwd"
        s.commit()
    response = ui.client_for("analyst").get(f"/evidence/{evidence.id}/download")
    assert response.status_code == 410 and "di luar direktori bukti" in response.text
    (ui.db.settings.evidence_dir / "run-1.warc").unlink()
    with ui.db.session() as s:
        s.get(Evidence, evidence.id).path = "run-1.warc"
        s.commit()
    response = ui.client_for("analyst").get(f"/evidence/{evidence.id}/download")
    assert response.status_code == 410 and "tidak ditemukan di penyimpanan" in response.text
