"""Normalisation: folding, slang, numbers, hashtags, evasions, and the way back to offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from classifier import Normalizer
from classifier.normalize import segment

normalize = Normalizer(["baret", "hendi"])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("#AyoCoblosNomor2", "# ayo coblos nomor 2"),
        ("#baretmenang", "# baret menang"),
        ("dukunggg bangettt", "dukung sangat"),
        ("yg gk pilih", "yang tidak pilih"),
        ("nmr 2", "nomor 2"),
        ("No. 2", "nomor 2"),
        ("no.urut 1", "nomor urut 1"),
        ("no comment", "no comment"),
        ("nomor dua", "nomor 2"),
        ("nomor 02", "nomor 2"),
        ("nomor ②", "nomor 2"),
        ("nomor 2️⃣", "nomor 2"),
        ("nomor ❷", "nomor 2"),
        ("nomer loro", "nomor 2"),
        ("nomer tilu", "nomor 3"),
        ("hendi2", "hendi 2"),
        ("Ujang-Euis", "ujang euis"),
        ("anak-anak", "anak-anak"),
        ("ojo lali nyoblos", "jangan lupa coblos"),
    ],
)
def test_normalises_social_media_indonesian(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


@pytest.mark.parametrize(
    "evasion",
    [
        "co\u200bblos",  # zero-width space
        "cob\u200dlos",  # zero-width joiner
        "\ufeffcoblos",  # byte-order mark
        "cоblоs",  # Cyrillic о
        "сoblos",  # Cyrillic с
        "c o b l o s",
        "c.o.b.l.o.s",
        "c-o-b-l-o-s",
        "c0bl0s",
        "𝐜𝐨𝐛𝐥𝐨𝐬",  # mathematical bold
        "ｃｏｂｌｏｓ",  # full width
        "COBLOSSS",
        "cöblös",
    ],
)
def test_evasions_fold_to_the_plain_word(evasion: str) -> None:
    assert normalize(f"ayo {evasion} nomor 2").text == "ayo coblos nomor 2"


def test_mentions_urls_and_emoji_stay_whole() -> None:
    text = "@warga_sby cek https://contoh.id/a?b=1 👍🏽🔥"
    assert normalize(text).text.split() == [
        "@warga_sby",
        "cek",
        "https://contoh.id/a?b=1",
        "👍",
        "🔥",
    ]


@pytest.mark.parametrize(
    ("raw", "word", "original"),
    [
        ("🔥🔥 Coblos NOMOR ② ya", "2", "②"),
        ("🔥🔥 Coblos NOMOR ② ya", "coblos", "Coblos"),
        ("c o b l o s aja", "coblos", "c o b l o s"),
        ("👍🏽 co\u200bblos", "coblos", "co\u200bblos"),
        ("#AyoCoblosNomor2 🎉", "coblos", "Coblos"),
        ("#AyoCoblosNomor2 🎉", "2", "2"),
        ("mantap 👍👍 dukunggg", "dukung", "dukunggg"),
        ("yg 𝐜𝐨𝐛𝐥𝐨𝐬", "coblos", "𝐜𝐨𝐛𝐥𝐨𝐬"),
        ("No. 2", "nomor", "No"),
    ],
)
def test_offsets_point_back_into_the_original(raw: str, word: str, original: str) -> None:
    norm = normalize(raw)
    found = next(m for m in re.finditer(r"\S+", norm.text) if m.group() == word)
    start, end = norm.span(found.start(), found.end())
    assert raw[start:end] == original


def test_segmenter_prefers_known_words() -> None:
    vocab = frozenset({"jawa", "timur", "hebat", "untuk", "semua"})
    word = "jawatimurhebat"
    assert [word[a:b] for a, b in segment(word, vocab)] == ["jawa", "timur", "hebat"]


@given(st.text(max_size=300))
def test_any_text_normalises_and_maps_inside_the_original(text: str) -> None:
    norm = normalize(text)
    for match in re.finditer(r"\S+", norm.text):
        start, end = norm.span(match.start(), match.end())
        assert 0 <= start <= end <= len(text)
