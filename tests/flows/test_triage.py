"""Triage's work functions on a real database with the bundled model."""

from __future__ import annotations

from datetime import timedelta

import factories as f
from sqlalchemy import func, select

from pantau import audit
from pantau.modelreg import active_model, ensure_active_model
from pantau.models import (
    Account,
    AsnStatus,
    Classification,
    ModelVersion,
    Platform,
    PostKind,
    ReviewItem,
)
from pantau.timeutil import utcnow
from pantau.triage import pending_post_ids, triage_batch

CAMPAIGN = "Ayo coblos nomor 2 Cak Hendrik - Bu Dian! Lanjutkan Kerja Nyata #Hendi2"
NEWS = "Bawaslu Surabaya mengimbau ASN menjaga netralitas selama masa kampanye Pilwalkot."
ASN_BIO = "Guru SMP negeri. ASN Dinas Pendidikan Kota Surabaya"


def _triage_all(session) -> list:
    version = active_model(session).version
    return triage_batch(session, pending_post_ids(session, version, 1000))


def test_flags_partisan_posts_by_likely_civil_servants_only(registries):
    with registries.session() as session:
        asn = f.account(session, bio=ASN_BIO)
        citizen = f.account(session, bio="Suka kopi, sepeda dan Persebaya")
        flagged = f.post(session, asn, CAMPAIGN)
        f.post(session, asn, NEWS)
        f.post(session, citizen, CAMPAIGN)
        stats = _triage_all(session)
        session.commit()

        assert (stats.scored, stats.queued) == (3, 1)
        item = session.scalars(select(ReviewItem)).one()
        assert item.post_id == flagged.id
        assert item.region_code == "35.78"  # the contest the post takes a side in
        row = session.get(Classification, item.classification_id)
        assert row.flagged and row.partisan_score >= row.thresholds["partisan"]
        assert {m["kind"] for m in row.matches} >= {"vote_call", "hashtag"}
        assert "PILWALKOT-3578-2027#2" in row.explanation["supported"]
        assert row.explanation["asn_reasons"]
        assert audit.verify(session).ok


def test_a_second_run_scores_nothing_again(registries):
    with registries.session() as session:
        f.post(session, f.account(session, bio=ASN_BIO), CAMPAIGN)
        _triage_all(session)
        session.commit()
        version = active_model(session).version
        assert pending_post_ids(session, version, 10) == []
        assert session.scalar(select(func.count(Classification.id))) == 1


def test_same_text_from_same_account_and_reposts_of_queued_posts_are_skipped(registries):
    with registries.session() as session:
        asn = f.account(session, bio=ASN_BIO)
        first = utcnow() - timedelta(hours=6)
        # Stored in reverse, as interleaved crawls may: the outcome follows posting order.
        other_asn = f.account(session, bio="PNS Kecamatan Rungkut, Kota Surabaya")
        repost = f.post(
            session, other_asn, CAMPAIGN, first + timedelta(hours=2), kind=PostKind.REPOST
        )
        f.post(session, asn, CAMPAIGN, first + timedelta(hours=1))  # posted twice
        original = f.post(session, asn, CAMPAIGN, first)
        repost.parent_id = original.id
        stats = _triage_all(session)
        assert stats.flagged == 3
        assert (stats.queued, stats.duplicates) == (1, 2)
        assert session.scalars(select(ReviewItem.post_id)).all() == [original.id]


def test_registry_nip_in_bio_links_the_account(registries):
    with registries.session() as session:
        acc = f.account(
            session, platform=Platform.X, bio="Pengatur lalu lintas. NIP 19900217 201503 1 002"
        )
        f.post(session, acc, CAMPAIGN)
        _triage_all(session)
        session.refresh(acc)
        assert acc.civil_servant is not None and acc.civil_servant.name == "Fajar Nugroho Adi"
        assert acc.asn_status is AsnStatus.SUSPECTED
        row = session.scalars(select(Classification)).one()
        assert row.asn_score == 1.0 and row.flagged


def test_not_asn_accounts_are_not_flagged(registries):
    with registries.session() as session:
        acc = f.account(session, bio=ASN_BIO, asn_status=AsnStatus.NOT_ASN)
        f.post(session, acc, CAMPAIGN)
        stats = _triage_all(session)
        assert stats.flagged == 0


def test_the_bundled_model_is_registered_once_and_verified(registries):
    with registries.session() as session:
        first = ensure_active_model(session)
        assert ensure_active_model(session) == first
        row = session.scalars(select(ModelVersion)).one()
        assert row.active and row.artifact_sha256
        assert session.scalars(select(Account)).all() == []
