"""Registry and election-language matchers, with spans into the original text."""

from __future__ import annotations

import pytest

from classifier import Match, Registry
from classifier.scoring import featurizer

SBY2 = "PILWALKOT-3578-2027#2"


def matches(text: str, registry: Registry | None) -> list[Match]:
    [(_, analysis)] = featurizer().analyse([text], registry)
    return analysis.matches


def kinds(text: str, registry: Registry | None) -> set[tuple[str, str | None]]:
    return {(m.kind, m.entity) for m in matches(text, registry)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ayo coblos nomor 2 Cak Hendrik!", {("vote_call", SBY2), ("candidate", SBY2)}),
        ("coblos Cak Hendrik", {("vote_call", SBY2)}),
        ("#LanjutkanKerjaNyata", {("hashtag", SBY2)}),
        ("lanjutkan kerja nyata!", {("slogan", SBY2)}),
        ("kader Partai Karya Mandiri solid", {("party", None)}),
        ("salam dua jari dari Suroboyo", {("gesture", None)}),
        ("pose 1 jari bareng warga", {("gesture", None)}),
        ("kasih jempol", {("gesture", None)}),
        ("Bawaslu terima laporan dugaan pelanggaran", {("reporting", None)}),
        ("sosialisasi netralitas ASN", {("reporting", None)}),
        ("jangan golput ya", {("civic", None)}),
        ("paslon 02 HENDI", {("number", SBY2), ("candidate", SBY2)}),
        ("c o b l o s n o m o r ② hendi", {("vote_call", SBY2), ("candidate", SBY2)}),
        ("co\u200bblos nоmor 2 #Hendi2", {("vote_call", SBY2), ("hashtag", SBY2)}),
    ],
)
def test_recognises_election_language(
    text: str, expected: set[tuple[str, str | None]], registry: Registry
) -> None:
    assert expected <= kinds(text, registry)


def test_number_alone_is_ambiguous_across_contests(registry: Registry) -> None:
    # Number 2 exists in several contests: with no other clue, no single entity is named.
    assert ("vote_call", None) in kinds("coblos nomor 2", registry)


def test_number_takes_its_contest_from_the_post(registry: Registry) -> None:
    found = kinds("Jatim Hebat Untuk Semua, coblos nomor 2", registry)
    assert ("vote_call", "PILGUB-35-2027#2") in found


def test_unregistered_number_names_no_candidate(registry: Registry) -> None:
    assert ("vote_call", None) in kinds("coblos nomor 7", registry)


def test_without_a_registry_generic_patterns_still_match() -> None:
    assert {k for k, _ in kinds("Ayo coblos nomor 2, salam 2 jari", None)} == {
        "vote_call",
        "number",
        "gesture",
    }


def test_common_words_are_not_candidate_names(registry: Registry) -> None:
    # "Maya" and "Dian" are first names of candidates but also ordinary words.
    assert not [
        m for m in matches("dunia maya itu keras, kata dian", registry) if m.kind == "candidate"
    ]


@pytest.mark.parametrize(
    ("text", "kind", "span_text"),
    [
        ("🔥🔥 Coblos nomor ② ya 🙏🏽", "vote_call", "Coblos nomor ②"),
        ("👍🏽👍🏽 dukung CAK HENDRIK!!! 💪", "candidate", "CAK HENDRIK"),
        ("🎉 #LanjutkanKerjaNyata 🎉", "hashtag", "#LanjutkanKerjaNyata"),
        ("pose ✌️ bareng Mbak Retno", "gesture", "✌"),
        ("🇮🇩 c o b l o s nomor 2", "vote_call", "c o b l o s nomor 2"),
        ("Bawaslu 👀 memanggil camat", "reporting", "Bawaslu"),
    ],
)
def test_spans_point_at_the_original_characters(
    text: str, kind: str, span_text: str, registry: Registry
) -> None:
    found = [m for m in matches(text, registry) if m.kind == kind]
    assert found, f"no {kind} match in {text!r}"
    assert found[0].text == span_text
    assert text[found[0].start : found[0].end] == span_text


@pytest.mark.parametrize(
    ("text", "span_text"),
    [
        ("HNEDI all the way!", "HNEDI"),  # two letters swapped
        ("pokoke Hndi", "Hndi"),  # one letter dropped
        ("dukung Cak Hendirk", "Hendirk"),
        ("✅ Sasngko ✅", "Sasngko"),
    ],
)
def test_misspelt_candidate_names_still_match(
    text: str, span_text: str, registry: Registry
) -> None:
    found = [m for m in matches(text, registry) if m.kind == "candidate"]
    assert [(m.text, m.entity) for m in found] == [(span_text, SBY2)]


def test_misspellings_do_not_turn_words_into_names(registry: Registry) -> None:
    # "tegar" is a nickname; "tega" (one letter dropped) is an ordinary word and too short.
    text = "tega banget harga cabai naik lagi, pasar ramai"
    assert not [m for m in matches(text, registry) if m.kind == "candidate"]


def test_typos_are_inner_deletions_and_swaps() -> None:
    from classifier.matchers import typos

    assert typos("hendi") == {"hndi", "hedi", "heni", "hnedi", "hedni", "henid"}
    assert typos("asri") == set()  # short names only match as written
