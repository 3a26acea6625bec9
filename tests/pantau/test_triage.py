"""pantau.triage's one-post paths (public reports, image evidence) and its order, on a real
database with the bundled model and the demo registry."""

from __future__ import annotations

from datetime import timedelta
from importlib.resources import files

import factories as f
import pytest
from sqlalchemy import func, select

from classifier.schema import Match
from pantau import audit
from pantau.modelreg import active_model
from pantau.models import (
    AuditEvent,
    Classification,
    ModelVersion,
    PostKind,
    PostOrigin,
    ReviewItem,
)
from pantau.registries import import_candidates, import_civil_servants
from pantau.timeutil import utcnow
from pantau.triage import pending_post_ids, score_and_queue, triage_batch
from pantau.triage_evidence import ImageEvidence, apply_evidence

DEMO = files("pantau") / "data" / "demo"
CAMPAIGN = "Ayo coblos nomor 2 Cak Hendrik - Bu Dian! Lanjutkan Kerja Nyata #Hendi2"
PLAIN = "Rapat koordinasi dinas pagi ini berjalan lancar, terima kasih semua."
ASN_BIO = "Guru SMP negeri. ASN Dinas Pendidikan Kota Surabaya"
ENTITY = "PILWALKOT-3578-2027#2"
GESTURE = ImageEvidence(
    partisan=0.97,
    matches=[Match("gesture", -1, -1, "salam dua jari", ENTITY)],
    reasons=["foto: salam dua jari di depan poster paslon 2"],
    source="image:gesture",
)


@pytest.fixture
def db(session):
    import_candidates(session, (DEMO / "candidates.csv").read_bytes())
    import_civil_servants(session, (DEMO / "civil_servants.csv").read_bytes())
    return session


def _events(session, action: str) -> int:
    return session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == action))


def test_a_public_report_is_queued_whatever_its_score_with_the_registered_model(db):
    reporter = f.user(db)
    post = f.post(db, f.account(db, bio="Suka kopi dan sepeda"), PLAIN)
    assert db.scalar(select(func.count(ModelVersion.id))) == 0

    result = score_and_queue(
        db, post.id, actor=reporter, fallback_region="35.78", audit_details={"url": post.url}
    )

    assert result.queued and not result.already_queued and result.scored
    assert result.item is not None and result.item.origin is PostOrigin.PUBLIC_REPORT
    assert result.item.region_code == "35.78"  # nobody can place it: the receiving office
    row = result.classification
    assert row is not None and not row.flagged
    # No unregistered fallback: the score names the model that is registered and active.
    active = db.scalars(select(ModelVersion).where(ModelVersion.active.is_(True))).one()
    assert row.model_version == active.version
    assert _events(db, "review.public_report") == 1

    again = score_and_queue(db, post.id, actor=reporter)
    assert again.already_queued and not again.queued and again.item.id == result.item.id
    assert _events(db, "review.public_report") == 1
    assert audit.verify(db).ok


def test_image_evidence_raises_the_score_flags_and_queues_once(db):
    post = f.post(db, f.account(db, bio=ASN_BIO), PLAIN)
    triage_batch(db, [post.id])
    assert db.scalar(select(func.count(ReviewItem.id))) == 0

    result = apply_evidence(db, post.id, GESTURE)

    assert result.queued and result.item is not None and result.item.post_id == post.id
    row = db.scalars(select(Classification).where(Classification.post_id == post.id)).one()
    assert row.flagged and row.partisan_score == pytest.approx(0.97)
    assert {
        "kind": "gesture",
        "start": -1,
        "end": -1,
        "text": "salam dua jari",
        "entity": ENTITY,
    } in (row.matches)
    assert ENTITY in row.explanation["supported"]
    assert row.explanation["evidence"][0]["source"] == "image:gesture"
    assert result.item.region_code == "35.78"  # the contest the picture takes a side in
    assert _events(db, "triage.evidence") == 1

    again = apply_evidence(db, post.id, GESTURE)
    assert again.already_queued and not again.queued
    assert _events(db, "triage.evidence") == 1  # nothing changed, nothing recorded
    assert len(row.matches) == len({(m["kind"], m["text"]) for m in row.matches})
    assert audit.verify(db).ok


def test_evidence_never_lowers_a_score_and_respects_duplicates(db):
    asn = f.account(db, bio=ASN_BIO)
    first = utcnow() - timedelta(hours=3)
    original = f.post(db, asn, CAMPAIGN, first)
    stats = triage_batch(db, [original.id])
    assert stats.queued == 1
    before = db.scalars(select(Classification)).one().partisan_score

    weak = apply_evidence(db, original.id, ImageEvidence(partisan=0.1, source="image:ocr"))
    assert db.scalars(select(Classification)).one().partisan_score == before
    assert weak.already_queued

    other = f.account(db, bio="PNS Kecamatan Rungkut, Kota Surabaya")
    repost = f.post(db, other, PLAIN, first + timedelta(hours=1), kind=PostKind.REPOST)
    repost.parent_id = original.id
    result = apply_evidence(db, repost.id, GESTURE)
    assert result.duplicate and not result.queued and result.item is None
    assert db.scalar(select(func.count(ReviewItem.id))) == 1


def test_reports_are_not_queued_twice_by_the_nightly_triage(db):
    reporter = f.user(db)
    post = f.post(db, f.account(db, bio=ASN_BIO), CAMPAIGN)
    score_and_queue(db, post.id, actor=reporter)
    twin = f.post(db, post.account, CAMPAIGN)  # the same text again, crawled later

    stats = triage_batch(db, pending_post_ids(db, active_model(db).version))

    assert (stats.scored, stats.flagged, stats.queued, stats.duplicates) == (1, 1, 0, 1)
    assert db.scalars(select(ReviewItem.post_id)).all() == [post.id]
    assert twin.id not in db.scalars(select(ReviewItem.post_id)).all()


def test_pending_posts_come_in_posting_order_with_reposts_last(db):
    acc = f.account(db)
    start = utcnow() - timedelta(days=1)
    late = f.post(db, acc, "b", start + timedelta(hours=2))
    repost = f.post(db, acc, "c", start, kind=PostKind.REPOST)
    early = f.post(db, acc, "a", start + timedelta(hours=1))
    undated = f.post(db, acc, "d")
    undated.posted_at = None
    db.flush()

    assert pending_post_ids(db, "some-version") == [early.id, late.id, undated.id, repost.id]
    assert pending_post_ids(db, "some-version", limit=2) == [early.id, late.id]
