"""A post whose caption is neutral but whose image reads "Coblos No. 2" is flagged during
the invented contest's campaign, through the real capture, analysis and triage code."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.resources import files

import factories as f
import pytest
from media_server import media_server
from sqlalchemy import func, select

from crawlers.media import capture_media
from pantau import images
from pantau.db import session_scope
from pantau.image_analysis import ImageStats, analyse_post
from pantau.modelreg import active_model
from pantau.models import Classification, Evidence, EvidenceKind, ReviewItem
from pantau.registries import import_candidates
from pantau.retention import purge, remove_files
from pantau.settings import get_settings
from pantau.triage import pending_post_ids, triage_batch

pytestmark = pytest.mark.slow
DEMO = files("pantau") / "data" / "demo"
ASN_BIO = "Guru SMP negeri. ASN Dinas Pendidikan Kota Surabaya"
NEUTRAL = "Rapat koordinasi pagi ini di kantor kecamatan."
CAMPAIGN_DAY = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(fresh_db, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PANTAU_CAPTURE_ALLOW_PRIVATE", "true")
    get_settings.cache_clear()
    with session_scope() as session:
        import_candidates(session, (DEMO / "candidates.csv").read_bytes())
    yield fresh_db
    get_settings.cache_clear()


def test_a_coblos_poster_flags_a_neutral_caption(db) -> None:  # type: ignore[no-untyped-def]
    with media_server() as url, db.session() as session:
        asn = f.account(session, bio=ASN_BIO)
        poster = f.post(
            session,
            asn,
            NEUTRAL,
            posted_at=CAMPAIGN_DAY,
            region_code="35.78",
            media=[{"type": "image", "url": f"{url}/poster.jpg"}],
        )
        photo = f.post(
            session,
            asn,
            NEUTRAL + " Foto bersama.",
            posted_at=CAMPAIGN_DAY,
            media=[{"type": "image", "url": f"{url}/photo.jpg"}],
        )
        citizen = f.post(
            session,
            f.account(session, bio="Suka kopi dan sepeda"),
            "Jalan-jalan sore.",
            posted_at=CAMPAIGN_DAY,
            media=[{"type": "image", "url": f"{url}/photo-again.jpg"}],
        )
        session.commit()
        capture_media(session)  # before triage, as in the nightly run
        triage_batch(session, pending_post_ids(session, active_model(session).version, 100))
        session.commit()
        assert session.scalar(select(func.count()).select_from(ReviewItem)) == 0

        threshold = active_model(session).thresholds["asn"]
        chosen = images.posts_to_analyse(session, threshold, 100)
        assert set(chosen) == {poster.id, photo.id}  # the citizen's photo is not worth it
        stats = ImageStats()
        for post_id in chosen:
            analyse_post(session, post_id, stats)
        session.commit()

        item = session.scalars(select(ReviewItem)).one()
        assert item.post_id == poster.id
        row = session.get(Classification, item.classification_id)
        assert row.flagged
        kinds = {m["kind"] for m in row.matches}
        assert "vote_call" in kinds
        assert any(
            m["start"] == -1 and m.get("entity") == "PILWALKOT-3578-2027#2" for m in row.matches
        )
        assert any(
            "teks dalam gambar" in r for e in row.explanation["evidence"] for r in e["reasons"]
        )
        assert stats.images == 2 and stats.queued == 1

        [stored] = images.post_images(session, poster.id)
        assert stored.findings is not None
        assert "coblos" in stored.findings["text"].lower()
        assert all(w["box"]["width"] > 0 for w in stored.findings["words"])
        assert citizen.id not in chosen

        # Analysed once: the next pass has nothing to do.
        assert images.posts_to_analyse(session, threshold, 100) == []


def test_images_of_never_flagged_posts_go_with_them_under_retention(db) -> None:  # type: ignore[no-untyped-def]
    root = get_settings().evidence_dir
    with media_server() as url, db.session() as session:
        old = f.post(
            session,
            text="Jalan-jalan sore.",
            posted_at=datetime(2025, 1, 1, tzinfo=UTC),
            first_seen_at=datetime(2025, 1, 1, tzinfo=UTC),
            media=[
                {"type": "image", "url": f"{url}/photo.jpg"},
                {"type": "image", "url": f"{url}/fake.png"},
            ],
        )
        session.commit()
        capture_media(session)
        session.commit()
        paths = [
            r.path for r in session.scalars(select(Evidence).where(Evidence.post_id == old.id))
        ]
        image = next(p for p in paths if p.startswith("images/"))
        bad = next(p for p in paths if p.startswith("quarantine/"))
        assert list((root / bad).parent.glob("*.json"))  # its reason note
        images.save_findings(
            session,
            session.scalars(select(Evidence).where(Evidence.kind == EvidenceKind.IMAGE)).one(),
            {"sha256": "x", "hands": [], "words": []},
        )
        session.commit()
        assert (root / image).exists() and (root / images.findings_path(image)).exists()
        report = purge(session)
        session.commit()
    remove_files(report)
    assert not (root / image).exists()
    assert not (root / images.findings_path(image)).exists()
    assert not (root / bad).exists() and not list((root / bad).parent.glob("*.json"))
