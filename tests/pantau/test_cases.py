"""The case state machine: grouping, numbering, four eyes, the outbox row, history, audit."""

from __future__ import annotations

import casekit as k
import factories as f
import pytest
from sqlalchemy import func, select

from pantau import audit, casefile, cases
from pantau.case_intake import create_case
from pantau.models import (
    AuditEvent,
    CaseEvent,
    CaseStatus,
    Outbox,
    OutboxStatus,
    ReviewStatus,
    Role,
)


def test_create_case_from_registry_link_fills_everything(session):
    w = k.world(session)
    early = k.confirmed_item(session, w.analyst, w.account, code="NTR-05")
    late = k.confirmed_item(session, w.analyst, w.account, code="NTR-02")
    case = create_case(session, w.analyst, [late.id, early.id])

    assert case.status is CaseStatus.DRAFT and case.version == 1
    assert case.number.startswith("PNT/") and len(case.number.rsplit("/", 1)[1]) == 6
    assert case.civil_servant_id == w.civil_servant.id and case.account_id == w.account.id
    assert case.violation_codes == ["NTR-02", "NTR-05"]
    assert (case.agency, case.region_code) == (w.civil_servant.agency, "35.78")
    assert case.position_category == "FUNGSIONAL"
    times = [entry["at"] for entry in case.chronology]
    assert times == sorted(times) and len(times) == 2
    assert case.chronology[0]["post_id"] == min(early.post, late.post, key=lambda p: p.posted_at).id
    assert "Sri Rekaan Wulandari" in case.summary and "2 unggahan" in case.summary
    assert "NTR-02" in case.legal_basis and "Undang-Undang Nomor 20 Tahun 2023" in case.legal_basis
    assert {p.id for p in case.posts} == {early.post_id, late.post_id}
    assert [e.kind for e in case.events] == ["created"]
    assert audit.verify(session).ok


def test_numbers_follow_the_pattern_and_count_up(session, monkeypatch):
    monkeypatch.setenv("PANTAU_CASE_NUMBER_PATTERN", "{office}/NTR/{year}/{seq:04d}")
    monkeypatch.setenv("PANTAU_OFFICE_CODE", "BWSL-SBY")
    casefile.get_settings.cache_clear()
    try:
        w = k.world(session)
        first, second = k.draft_case(session, w, 1), k.draft_case(session, w, 1)
    finally:
        casefile.get_settings.cache_clear()
    year = first.created_at.year
    assert first.number.startswith(f"BWSL-SBY/NTR/{year}/")
    assert int(second.number[-4:]) == int(first.number[-4:]) + 1
    assert first.office_code == "BWSL-SBY"


def test_a_pattern_without_seq_is_refused(session, monkeypatch):
    monkeypatch.setenv("PANTAU_CASE_NUMBER_PATTERN", "PNT/{year}")
    casefile.get_settings.cache_clear()
    try:
        w = k.world(session)
        with pytest.raises(cases.CaseError, match="harus memuat"):
            k.draft_case(session, w, 1)
    finally:
        casefile.get_settings.cache_clear()


def test_analyst_links_an_unlinked_account_while_creating(session):
    w = k.world(session)
    stranger = f.account(session)
    item = k.confirmed_item(session, w.analyst, stranger)
    with pytest.raises(cases.CaseError, match="belum tertaut"):
        create_case(session, w.analyst, [item.id])
    case = create_case(session, w.analyst, [item.id], civil_servant_id=w.civil_servant.id)
    assert stranger.civil_servant_id == w.civil_servant.id
    assert stranger.asn_evidence[-1]["by"] == w.analyst.username
    assert case.civil_servant_id == w.civil_servant.id
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "account.link"))


def test_refuses_items_of_different_civil_servants(session):
    w = k.world(session)
    other = f.account(session, civil_servant_id=f.civil_servant(session).id)
    a = k.confirmed_item(session, w.analyst, w.account)
    b = k.confirmed_item(session, w.analyst, other)
    with pytest.raises(cases.NotAllowed, match="ASN yang berbeda"):
        create_case(session, w.analyst, [a.id, b.id])
    with pytest.raises(cases.NotAllowed, match="ASN lain"):
        create_case(session, w.analyst, [b.id], civil_servant_id=w.civil_servant.id)


def test_refuses_unconfirmed_out_of_scope_and_already_cased_items(session):
    w = k.world(session)
    queued = f.review_item(session, post=f.post(session, w.account))
    with pytest.raises(cases.InvalidTransition, match="belum dikonfirmasi"):
        create_case(session, w.analyst, [queued.id])

    elsewhere = k.confirmed_item(session, f.user(session), w.account, region="31.71")
    with pytest.raises(cases.NotFound):
        create_case(session, w.analyst, [elsewhere.id])

    item = k.confirmed_item(session, w.analyst, w.account)
    first = create_case(session, w.analyst, [item.id])
    with pytest.raises(cases.InvalidTransition, match=f"sudah masuk kasus {first.number}"):
        create_case(session, w.analyst, [item.id])
    # Closing the draft frees the item for a new case.
    cases.withdraw(session, first.id, w.analyst, "salah kelompok", expected_version=first.version)
    assert create_case(session, w.analyst, [item.id]).number != first.number
    with pytest.raises(cases.CaseError, match="minimal satu"):
        create_case(session, w.analyst, [])


def test_full_flow_approve_writes_outbox_in_the_same_transaction(session):
    w = k.world(session)
    case = k.draft_case(session, w, 2, evidence=False)
    cases.submit(session, case.id, w.analyst, expected_version=case.version)
    assert case.status is CaseStatus.PENDING_APPROVAL
    cases.approve(session, case.id, w.supervisor, expected_version=case.version)

    assert case.status is CaseStatus.APPROVED and case.approved_by_id == w.supervisor.id
    row = session.scalars(select(Outbox).where(Outbox.case_id == case.id)).one()
    assert row.status is OutboxStatus.PENDING and row.destination == "file"
    assert row.idempotency_key == f"{case.number}#{casefile.payload_hash(row.payload)}"
    assert row.payload["number"] == case.number
    assert row.payload["approved_by"]["username"] == w.supervisor.username
    assert row.payload["reported"]["nip"] == w.civil_servant.nip
    assert [e.kind for e in case.events] == ["created", "submitted", "approved"]
    actions = session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.object_type == "case", AuditEvent.object_id == str(case.id))
        .order_by(AuditEvent.id)
    ).all()
    assert actions == ["case.created", "case.submitted", "case.approved"]


def test_a_supervisor_cannot_approve_their_own_case(session):
    w = k.world(session)
    item = k.confirmed_item(session, w.supervisor, w.account)
    case = create_case(session, w.supervisor, [item.id])
    cases.submit(session, case.id, w.supervisor, expected_version=case.version)
    with pytest.raises(cases.NotAllowed, match="empat mata"):
        cases.approve(session, case.id, w.supervisor, expected_version=case.version)
    assert case.status is CaseStatus.PENDING_APPROVAL
    assert session.scalar(select(func.count(Outbox.id)).where(Outbox.case_id == case.id)) == 0
    cases.approve(session, case.id, w.other_supervisor, expected_version=case.version)
    assert case.status is CaseStatus.APPROVED


def test_the_guarded_update_itself_refuses_the_creator(session):
    """Even a caller that skipped the check cannot make the UPDATE approve its own case."""
    w = k.world(session)
    item = k.confirmed_item(session, w.supervisor, w.account)
    case = create_case(session, w.supervisor, [item.id])
    cases.submit(session, case.id, w.supervisor, expected_version=case.version)
    with pytest.raises(cases.InvalidTransition):
        cases.move(
            session,
            case,
            case.version,
            (CaseStatus.PENDING_APPROVAL,),
            cases.Case.created_by_id != w.supervisor.id,
            status=CaseStatus.APPROVED,
        )


def test_analysts_cannot_approve_and_returns_need_a_note(session):
    w = k.world(session)
    case = k.draft_case(session, w, 1)
    cases.submit(session, case.id, w.analyst, expected_version=case.version)
    with pytest.raises(cases.NotAllowed, match="hanya supervisor"):
        analyst = f.user(session, Role.ANALYST)
        cases.approve(session, case.id, analyst, expected_version=case.version)
    with pytest.raises(cases.CaseError, match="catatan"):
        cases.return_case(session, case.id, w.supervisor, "  ", expected_version=case.version)
    cases.return_case(
        session, case.id, w.supervisor, "Lengkapi kronologi", expected_version=case.version
    )
    assert case.status is CaseStatus.RETURNED
    assert case.events[-1].note == "Lengkapi kronologi"
    cases.edit(session, case.id, w.analyst, summary="Ringkasan baru", expected_version=case.version)
    cases.submit(session, case.id, w.analyst, expected_version=case.version)
    assert case.status is CaseStatus.PENDING_APPROVAL and case.summary == "Ringkasan baru"


def test_stale_version_and_wrong_state_are_refused(session):
    w = k.world(session)
    case = k.draft_case(session, w, 1)
    seen = case.version
    cases.submit(session, case.id, w.analyst, expected_version=seen)
    with pytest.raises(cases.StaleCase, match="telah diubah"):
        cases.withdraw(session, case.id, w.analyst, "x", expected_version=seen)
    with pytest.raises(cases.InvalidTransition):
        cases.submit(session, case.id, w.analyst, expected_version=case.version)
    other_region = f.user(session, Role.SUPERVISOR, scope="31")
    with pytest.raises(cases.NotFound):
        cases.approve(session, case.id, other_region, expected_version=case.version)


def test_follow_up_moves_forward_only_with_notes_where_needed(session):
    from datetime import date

    w = k.world(session)
    case = k.approved_case(session, w, 1)
    with pytest.raises(cases.InvalidTransition, match="belum terkirim"):
        cases.record_follow_up(
            session, case.id, w.supervisor, CaseStatus.ACKNOWLEDGED, date.today()
        )
    cases.move(session, case, case.version, (CaseStatus.APPROVED,), status=CaseStatus.EXPORTED)
    cases.record_follow_up(session, case.id, w.supervisor, CaseStatus.ACKNOWLEDGED, date.today())
    with pytest.raises(cases.CaseError, match="memerlukan catatan"):
        cases.record_follow_up(
            session, case.id, w.supervisor, CaseStatus.RECOMMENDATION_ISSUED, date.today()
        )
    cases.record_follow_up(
        session,
        case.id,
        w.supervisor,
        CaseStatus.RECOMMENDATION_ISSUED,
        date.today(),
        "Sanksi moral pernyataan secara terbuka",
    )
    with pytest.raises(cases.InvalidTransition, match="tidak maju"):
        cases.record_follow_up(
            session, case.id, w.supervisor, CaseStatus.ACKNOWLEDGED, date.today()
        )
    cases.record_follow_up(session, case.id, w.supervisor, CaseStatus.CLOSED, date.today())
    kinds = session.scalars(
        select(CaseEvent.kind).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
    ).all()
    assert kinds[-3:] == ["acknowledged", "recommendation_issued", "closed"]
    assert audit.verify(session).ok


def test_legal_basis_overrides_from_a_yaml_file(session, monkeypatch, tmp_path):
    path = tmp_path / "dasar.yaml"
    path.write_text("NTR-02: Pasal khusus kantor kami tentang kampanye daring.\n")
    monkeypatch.setenv("PANTAU_LEGAL_BASIS_FILE", str(path))
    casefile.get_settings.cache_clear()
    try:
        w = k.world(session)
        case = k.draft_case(session, w, 1)
        assert "NTR-02: Pasal khusus kantor kami" in case.legal_basis
        path.write_text("NTR-99: tidak ada\n")
        with pytest.raises(cases.CaseError, match="kode tidak dikenal NTR-99"):
            k.draft_case(session, w, 1)
        path.write_text("- bukan pemetaan\n")
        with pytest.raises(cases.CaseError, match="pemetaan"):
            k.draft_case(session, w, 1)
    finally:
        casefile.get_settings.cache_clear()


def test_items_stay_confirmed_when_grouped(session):
    w = k.world(session)
    item = k.confirmed_item(session, w.analyst, w.account)
    create_case(session, w.analyst, [item.id])
    assert item.status is ReviewStatus.CONFIRMED
