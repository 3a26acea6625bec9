"""Registry mentions become typed slots before vectorising, so the model learns the words
around a candidate, never the candidate's name (invented registries throughout)."""

from __future__ import annotations

from classifier import Registry
from classifier.scoring import featurizer

HEADER = "contest_code,contest_name,level,region_code,number,names,nicknames,parties\n"


def _registry(tmp_path, name: str, rows: str) -> Registry:
    path = tmp_path / f"{name}.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return Registry.from_csv(path)


def _text(post: str, registry: Registry | None) -> str:
    [(_, analysis)] = featurizer().analyse([post], registry)
    return analysis.text


def test_names_nicknames_parties_and_pair_numbers_become_slots(tmp_path) -> None:
    registry = _registry(
        tmp_path,
        "a",
        "PILBUP-9901-2031,Pilbup Rekaan,pilbup,99.01,1,Wiratmo Sasongko;Laras Pinasti,"
        "Mas Wira;WIRALARAS,Partai Lumbung Rakyat\n"
        "PILBUP-9901-2031,Pilbup Rekaan,pilbup,99.01,2,Darsono Gumelar;Ayu Rembulan,"
        "Pak Darso,Partai Cahaya Desa\n",
    )
    text = _text("Ayo coblos nomor 1! Mas Wira dan Partai Lumbung Rakyat pasti menang", registry)
    assert "_cand_" in text and "_party_" in text and "_pairnum_" in text
    assert "wira" not in text and "lumbung" not in text
    # Without a registry the same words are ordinary words: nothing is slotted.
    plain = _text("Ayo coblos nomor 1! Mas Wira dan Partai Lumbung Rakyat pasti menang", None)
    assert "_cand_" not in plain and "_pairnum_" not in plain


def test_the_same_post_about_another_contest_reads_the_same(tmp_path) -> None:
    first = _registry(
        tmp_path, "a", "PILWALKOT-9902-2031,Rekaan,pilwalkot,99.02,3,Bramantyo Kusumo,Mas Bram,\n"
    )
    second = _registry(tmp_path, "b", "PILGUB-98-2032,Rekaan,pilgub,98,3,Sekar Kinasih,Bu Sekar,\n")
    one = _text("Mantap Mas Bram, lanjutkan! Coblos nomor 3", first)
    other = _text("Mantap Bu Sekar, lanjutkan! Coblos nomor 3", second)
    assert one == other
    assert "_cand_" in one and "_pairnum_" in one


def test_a_number_that_names_no_pair_stays_a_number(tmp_path) -> None:
    registry = _registry(
        tmp_path, "a", "PILWALKOT-9902-2031,Rekaan,pilwalkot,99.02,3,Bramantyo Kusumo,Mas Bram,\n"
    )
    text = _text("Antrean loket nomor 7 lama sekali", registry)
    assert "_pairnum_" not in text


def test_a_hyphenated_party_acronym_is_matched_written_without_its_hyphen(tmp_path) -> None:
    registry = _registry(
        tmp_path,
        "a",
        'PILWALKOT-9902-2031,Rekaan,pilwalkot,99.02,1,Bramantyo Kusumo,,"PK-R;P.B.D"\n',
    )
    for post in ("pokoknya PKR tenggelamkan", "pokoknya PK-R tenggelamkan", "kader pbd lagi"):
        assert "_party_" in _text(post, registry), post
    assert "_party_" not in _text("pokoknya pk tenggelamkan", registry)
