"""ASN likelihood from the author profile, with reasons."""

from __future__ import annotations

import pytest

from classifier import Author, asn_score, is_valid_nip


def test_registry_link_is_certain() -> None:
    score, reasons = asn_score(Author(handle="x", registry_linked=True))
    assert score == 1.0
    assert [r.kind for r in reasons] == ["registry"]


def test_analyst_not_asn_overrides_profile_evidence() -> None:
    score, _ = asn_score(Author(bio="PNS Dinas Pendidikan, guru", not_asn=True))
    assert score < 0.05


@pytest.mark.parametrize(
    "nip",
    ["198503122010011003", "19850312 201001 1 003", "197911052005012007"],
)
def test_valid_nips(nip: str) -> None:
    assert is_valid_nip(nip)


@pytest.mark.parametrize(
    "nip",
    [
        "198513122010011003",  # month 13
        "198503122010013003",  # sex digit 3
        "198503122010011000",  # sequence 000
        "198503121990011003",  # appointed before birth + 17
        "19850312201001100",  # 17 digits
    ],
)
def test_invalid_nips(nip: str) -> None:
    assert not is_valid_nip(nip)


def test_valid_nip_in_bio_is_strong_evidence() -> None:
    score, reasons = asn_score(Author(bio="NIP 19850312 201001 1 003"))
    assert score >= 0.9
    assert any(r.kind == "nip" and r.text == "198503122010011003" for r in reasons)


@pytest.mark.parametrize("nip", ["199001152021211001", "19900115 202121 2 014"])
def test_pppk_numbers_are_valid(nip: str) -> None:
    assert is_valid_nip(nip)


@pytest.mark.parametrize(
    "nip",
    [
        "199001152021221001",  # 22 is neither a month nor the PPPK mark
        "199001152021213001",  # sex digit 3
        "199001152021211000",  # sequence 000
        "199001152001211001",  # appointed at eleven
    ],
)
def test_invalid_pppk_numbers(nip: str) -> None:
    assert not is_valid_nip(nip)


def test_pppk_number_in_bio_is_strong_evidence() -> None:
    score, reasons = asn_score(Author(bio="Tenaga kesehatan, NI 19900115 202121 2 014"))
    assert score >= 0.9
    assert any(r.kind == "nip_pppk" and r.text == "199001152021212014" for r in reasons)
    assert not any(r.kind == "nip_like" for r in reasons)


def test_malformed_nip_counts_less() -> None:
    valid, _ = asn_score(Author(bio="198503122010011003"))
    malformed, reasons = asn_score(Author(bio="198513122010011003"))
    assert malformed < valid
    assert [r.kind for r in reasons] == ["nip_like"]


@pytest.mark.parametrize(
    ("bio", "kinds"),
    [
        ("ASN Pemkot Surabaya", {"status", "agency"}),
        ("Guru SDN 3 Rungkut", {"position", "agency"}),
        ("abdi negara | Kepala Bidang Kebudayaan", {"status", "position"}),
        ("PPPK Dinas Kesehatan", {"status", "agency"}),
        ("Camat yang suka gowes", {"position"}),
    ],
)
def test_profile_words_become_reasons(bio: str, kinds: set[str]) -> None:
    score, reasons = asn_score(Author(bio=bio))
    assert {r.kind for r in reasons} == kinds
    assert 0.3 <= score < 1.0


def test_more_evidence_scores_higher() -> None:
    one, _ = asn_score(Author(bio="guru"))
    two, _ = asn_score(Author(bio="guru SDN, PNS"))
    three, _ = asn_score(Author(bio="guru SDN, PNS, NIP 198503122010011003"))
    assert one < two < three


def test_ordinary_profile_scores_low() -> None:
    score, reasons = asn_score(Author(display_name="Rani", bio="Pecinta kopi dan kucing 🐈"))
    assert score == 0.0
    assert reasons == []


def test_retired_civil_servant_is_discounted() -> None:
    current, _ = asn_score(Author(bio="PNS"))
    retired, reasons = asn_score(Author(bio="Pensiunan PNS, sekarang bertani"))
    assert retired < current / 2
    assert any(r.kind == "not_current" for r in reasons)


def test_handle_hint_is_weak_evidence() -> None:
    score, reasons = asn_score(Author(handle="bu_guru_ani"))
    assert 0 < score < 0.5
    assert [r.kind for r in reasons] == ["handle"]


def test_evasive_spelling_in_bio_is_folded() -> None:
    score, _ = asn_score(Author(bio="Р\u200bNS Dinas"))  # Cyrillic Р and a zero-width space
    assert score > 0.5
