"""Scoring with the bundled model: decisions, explanations, hostile input, priority."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime

import pytest

from classifier import (
    Author,
    PartisanModel,
    PostInput,
    Registry,
    bundled_model_path,
    priority,
    score_posts,
)

GURU = Author(handle="bu_guru_sby", bio="Guru SDN 12 Surabaya | ASN", followers=850)


def test_bundled_model_is_small_and_versioned(bundled: PartisanModel) -> None:
    assert bundled_model_path().stat().st_size < 5_000_000
    assert bundled.version.startswith("partisan-")
    assert 0 < bundled.thresholds["partisan"] < 1


@pytest.mark.parametrize(
    "text",
    [
        "Ayo coblos nomor 2! Cak Hendrik pasti menang 💪 #Hendi2",
        "Bismillah, mantap pilih Kang Asep. Bandung Nyaah Deui!",
        "ojo lali nyoblos nomer telu yo rek, Saatnya Perubahan",
        "Jangan pilih YOSRI, janjinya doang gede kerjanya nol",
        "foto bareng wali murid, kompak salam 2 jari ✌️ #LanjutkanKerjaNyata",
    ],
)
def test_campaigning_by_a_teacher_is_flagged(
    bundled: PartisanModel, registry: Registry, text: str
) -> None:
    [score] = score_posts(bundled, [PostInput(text, GURU)], registry)
    assert score.flagged, score
    assert score.supported


@pytest.mark.parametrize(
    "text",
    [
        "Bawaslu menerima laporan dugaan pelanggaran ASN yang mengajak coblos nomor 2.",
        "ASN wajib netral! Jangan like atau share unggahan paslon manapun. #NetralitasASN",
        "Jangan golput! 17 Februari datang ke TPS, pilih sesuai hati nurani.",
        "Gol kedua dicetak pemain bernomor punggung 2, Persebaya unggul!",
        pytest.param(
            "Hasil pengundian nomor urut: BARET nomor 1, HENDI nomor 2, YOSRI nomor 3.",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known miss of the real-data model: no number-draw news in "
                "partisan-real-id (classifier/README.md, 'Known misses')",
            ),
        ),
        "Pemkot Surabaya: pelayanan KTP-el buka Sabtu ini di kantor kecamatan.",
    ],
)
def test_hard_negatives_are_not_flagged(
    bundled: PartisanModel, registry: Registry, text: str
) -> None:
    [score] = score_posts(bundled, [PostInput(text, GURU)], registry)
    assert not score.flagged, score


def test_attack_stance_is_told_apart(bundled: PartisanModel, registry: Registry) -> None:
    texts = ["Jangan pilih Pak Yosef, antek pengusaha, tolak!", "Ayo menangkan Cak Bagas, nomor 1!"]
    stances = [s.stance for s in score_posts(bundled, [PostInput(t) for t in texts], registry)]
    assert stances == ["attack", "support"]


def test_matches_map_to_original_text_with_emoji(
    bundled: PartisanModel, registry: Registry
) -> None:
    text = "🔥🔥🔥 Yuk c o b l o s ②, dukung CAK HENDRIK 👍🏽 #Hendi2"
    [score] = score_posts(bundled, [PostInput(text)], registry)
    spans = {(m.kind, text[m.start : m.end]) for m in score.matches}
    assert ("vote_call", "c o b l o s ②") in spans
    assert ("candidate", "CAK HENDRIK") in spans
    assert ("hashtag", "#Hendi2") in spans
    assert all(m.text == text[m.start : m.end] for m in score.matches)


def test_score_is_json_ready(bundled: PartisanModel, registry: Registry) -> None:
    [score] = score_posts(bundled, [PostInput("coblos nomor 2 #Hendi2", GURU)], registry)
    data = json.loads(json.dumps(score.to_dict()))
    assert data["matches"][0]["kind"] in {"vote_call", "number", "hashtag"}
    assert data["asn_reasons"]
    assert data["model_version"] == score.model_version


def test_works_without_a_registry(bundled: PartisanModel) -> None:
    [score] = score_posts(bundled, [PostInput("Ayo coblos nomor 2, pasti menang!", GURU)])
    assert score.partisan >= bundled.thresholds["partisan"]
    assert score.supported == []


HOSTILE = [
    "",
    "   \n\t ",
    "<script>alert('coblos nomor 2')</script><img src=x onerror=alert(1)>",
    "\ud800\udfff lone surrogates \udc00 coblos",
    "\x00\x01\x02 control \x7f",
    "🔥" * 5000,
    "\u200b" * 1000,
    "a" * 100_000,
    ("coblos nomor 2 " * 70_000),  # about 1 MB
    "ﷺ" * 100 + "𒐫" * 100,  # characters that expand a lot under NFKC
    "#" * 500 + "@" * 500,
]


def test_hostile_input_is_scored_without_crashing(
    bundled: PartisanModel, registry: Registry
) -> None:
    posts = [PostInput(text) for text in HOSTILE]
    scores = score_posts(bundled, posts, registry)
    assert len(scores) == len(posts)
    for post, score in zip(posts, scores, strict=True):
        assert 0.0 <= score.partisan <= 1.0
        for match in score.matches:
            assert 0 <= match.start <= match.end <= len(post.text)
        json.dumps(score.to_dict())


def test_parallel_scoring_matches_serial(bundled: PartisanModel, registry: Registry) -> None:
    import classifier.scoring as scoring

    posts = [PostInput(f"coblos nomor {i % 3 + 1} ya {i}", GURU) for i in range(60)]
    serial = [s.to_dict() for s in score_posts(bundled, posts, registry)]
    old, scoring.PARALLEL_MIN = scoring.PARALLEL_MIN, 10
    try:
        parallel = [s.to_dict() for s in score_posts(bundled, posts, registry, n_process=2)]
    finally:
        scoring.PARALLEL_MIN = old
    assert parallel == serial


def test_priority_orders_the_queue() -> None:
    base = priority(0.9, 0.9, 1000, 2.0, True)
    assert 0 < base <= 1
    assert priority(0.5, 0.9, 1000, 2.0, True) < base
    assert priority(0.9, 0.3, 1000, 2.0, True) < base
    assert priority(0.9, 0.9, 10, 2.0, True) < base
    assert priority(0.9, 0.9, 1000, 200.0, True) < base
    assert priority(0.9, 0.9, 1000, 2.0, False) < base
    assert priority(0.9, 0.9, None, None, True) > 0
    assert priority(1.0, 1.0, 10**9, 0.0, True) == pytest.approx(1.0)
    assert priority(math.nan, 1.0, -5, -3.0, True) == 0.0


def test_posted_at_is_accepted(bundled: PartisanModel) -> None:
    post = PostInput("coblos nomor 2", posted_at=datetime(2027, 1, 5, tzinfo=UTC), kind="reply")
    assert len(score_posts(bundled, [post])) == 1
