"""Abstract cue features: speaker, call, news register, other contests, names as words."""

from __future__ import annotations

import pytest

from classifier import Registry
from classifier.features import FEATURE_NAMES
from classifier.scoring import featurizer


def features(text: str, registry: Registry | None) -> dict[str, float]:
    [(_, analysis)] = featurizer().analyse([text], registry)
    return {
        name: value for name, value in zip(FEATURE_NAMES, analysis.vector, strict=True) if value
    }


def test_every_feature_has_a_name(registry: Registry) -> None:
    [(_, analysis)] = featurizer().analyse(["Ayo coblos nomor 2"], registry)
    assert len(analysis.vector) == len(FEATURE_NAMES) == len(set(FEATURE_NAMES))


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Aku sekeluarga ikut Cak Hendrik", "m:first_person_with_target", "m:news"),
        ("Ayo menangkan HENDI bareng-bareng!", "m:call_with_target", "m:news_with_target"),
        (
            "'Pilih nomor 2,' ujar Cak Hendrik kepada wartawan, Senin.",
            "m:news_with_target",
            "m:no_election_context",
        ),
        ("Program Cak Hendrik soal sampah apa ya?", "m:question_without_cue", "m:support_cue"),
        ("Ramaikan #HendiJuara", "m:tag_names_contestant", "m:news"),
        ("HENDI gaspol 🔥", "m:short_with_target", "m:question"),
        ("Hasil undian arisan: nomor 2 dapat kulkas", "m:other_contest", "m:vote_call"),
        ("Sebagai ASN saya netral, siapapun yang menang", "m:neutral_words", "m:candidate"),
        ("Kopi pagi sambil hujan", "m:no_election_context", "m:target"),
    ],
)
def test_cues(text: str, present: str, absent: str, registry: Registry) -> None:
    found = features(text, registry)
    assert present in found, found
    assert absent not in found, found


@pytest.mark.parametrize(
    "text", ["Persib menang 2-1! Dukung terus", "Tim kami menargetkan menang 60 persen"]
)
def test_scores_and_shares_are_not_vote_calls(text: str, registry: Registry) -> None:
    found = features(text, registry)
    assert "m:vote_call" not in found and "m:number" not in found


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("hewan peliharaan butuh vaksin rabies", False),  # HEWAN is an acronym and a word
        ("pemandangannya asri dan sejuk", False),
        ("HEWAN menang, Semarang Setara!", True),
        ("Hewan nomor 1", True),
        ("Mas Teguh menang", True),
        ("sehat selalu teguh prasetyono", True),  # names are names in any case
    ],
)
def test_names_that_are_words_need_a_capital(text: str, named: bool, registry: Registry) -> None:
    assert ("m:candidate" in features(text, registry)) is named


def test_camel_case_hashtags_are_not_cut_into_fragments() -> None:
    from classifier.normalize import Normalizer

    assert Normalizer()("#BaretSatuPutaran").text == "# baret 1 putaran"
    assert Normalizer()("#coblosnomor2").text == "# coblos nomor 2"
