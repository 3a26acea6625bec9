"""Image text and signs combined with the caption by the same partisan model."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from classifier import Author, PostInput, Registry, load_bundled
from classifier.images import ImageContext, ImageFindings, analyse_image, score_with_images
from classifier.images.findings import Box, Hand
from crawlers.replay.images import CANDIDATES, demo_pairs, render_photo, render_poster

CAMPAIGN = datetime(
    2026, 11, 15, 9, 0, tzinfo=UTC
)  # the invented contests campaign 2026-10-20..2027-02-13
HOLIDAY = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
CAPTION = "Rapat koordinasi pagi ini di kantor kecamatan."
ASN = Author(bio="Guru SDN 3 | ASN Pemkot")


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    return load_bundled()


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.from_csv(CANDIDATES)


def sign(category: str, confidence: float = 0.93) -> ImageFindings:
    hand = Hand(category=category, confidence=confidence, box=Box(10, 20, 100, 200))
    return ImageFindings(sha256="a" * 64, width=800, height=600, hands=[hand])


@pytest.mark.slow
def test_a_neutral_caption_with_a_coblos_poster_is_flagged(model, registry) -> None:  # type: ignore[no-untyped-def]
    pair = next(p for p in demo_pairs() if p.number == 2)
    poster = analyse_image(render_poster(pair, 1), find_hands=False)
    post = PostInput(CAPTION, ASN, CAMPAIGN)
    [alone] = score_with_images(model, [post], [[]], registry)
    [result] = score_with_images(model, [post], [[poster]], registry)
    assert not alone.score.flagged
    assert result.score.flagged and result.text_score == alone.score.partisan
    kinds = {m.match.kind for m in result.image_matches}
    assert "vote_call" in kinds
    for found in result.image_matches:
        assert found.sha256 == poster.sha256
        assert found.box.width > 0 and found.box.top >= 0
    assert all(m.start < len(CAPTION) for m in result.score.matches)  # caption offsets only
    assert any("teks dalam gambar" in r for r in result.reasons)


def test_a_number_sign_during_the_campaign_raises_the_score(model, registry) -> None:  # type: ignore[no-untyped-def]
    post = PostInput(CAPTION, ASN, CAMPAIGN)
    [plain] = score_with_images(model, [post], [[]], registry)
    context = [ImageContext(CAMPAIGN, "35.78.01")]
    [result] = score_with_images(model, [post], [[sign("v")]], registry, context)
    assert result.score.partisan > plain.score.partisan
    assert result.score.flagged
    assert "salam dua jari" in result.reasons[0]
    assert "PILWALKOT-3578-2027#2" in result.gestures[0].entities
    assert any(name.startswith("image_sign:") for name, _ in result.score.features)


def test_a_thumbs_up_in_a_holiday_photo_outside_any_campaign_does_not_flag(model, registry) -> None:  # type: ignore[no-untyped-def]
    post = PostInput("Liburan bersama keluarga di pantai", ASN, HOLIDAY)
    [result] = score_with_images(model, [post], [[sign("thumbs_up", 0.99)]], registry)
    assert not result.gestures and not result.score.flagged
    assert result.score.partisan == result.text_score


def test_a_sign_in_another_region_counts_nothing(model, registry) -> None:  # type: ignore[no-untyped-def]
    post = PostInput(CAPTION, ASN, CAMPAIGN)
    elsewhere = [ImageContext(CAMPAIGN, "11.71")]  # Aceh: no invented contest there
    [result] = score_with_images(model, [post], [[sign("two")]], registry, elsewhere)
    assert not result.gestures and not result.score.flagged
    [palm] = score_with_images(model, [post], [[sign("open_palm")]], registry)
    assert not palm.gestures


def test_a_doubtful_sign_does_not_flag_on_its_own(model, registry) -> None:  # type: ignore[no-untyped-def]
    post = PostInput(CAPTION, ASN, CAMPAIGN)
    [result] = score_with_images(model, [post], [[sign("three", 0.5)]], registry)
    assert result.gestures and not result.score.flagged


def test_a_photo_without_text_or_hands_changes_nothing(model, registry) -> None:  # type: ignore[no-untyped-def]
    post = PostInput(CAPTION, ASN, CAMPAIGN)
    photo = analyse_image(render_photo(5))
    [result] = score_with_images(model, [post], [[photo]], registry)
    assert not result.score.flagged and not result.image_matches
