"""How likely an author is a civil servant (ASN), with the reasons an analyst can check."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from classifier.charfold import fold_text
from classifier.schema import Author, Reason

_NIP = re.compile(r"(?<!\d)(\d{8})\s?(\d{6})\s?([12])\s?(\d{3})(?!\d)")
_STATUS = re.compile(
    r"\b(asn|pns|pppk|p3k|abdi negara|aparatur sipil negara|pegawai negeri(?: sipil)?|"
    r"korpri|nip)\b"
)
_AGENCY = re.compile(
    r"\b(dinas|disdik|dinkes|dishub|dispendukcapil|pemkab|pemkot|pemprov|pemda|setda|"
    r"kemenag|kemendikbud|kemenkes|kementerian|bkpsdm|bkd|bappeda|bpbd|satpol pp|rsud|"
    r"puskesmas|kecamatan|kelurahan|sekretariat daerah|sdn|smpn|sman|smkn|kantor camat|"
    r"kantor desa|badan pendapatan|inspektorat|kpp pratama|bpn|kanwil)\b"
)
_POSITION = re.compile(
    r"\b(guru|camat|sekcam|lurah|seklur|kabid|kasi|kasubag|kasubbag|kepala bidang|kepala seksi|"
    r"kepala dinas|kadis|kepala sekolah|kepsek|sekretaris daerah|sekda|widyaiswara|penyuluh|"
    r"bidan|perawat|analis|pranata|auditor|dosen|staf|staff|pengawas sekolah|"
    r"kepala puskesmas|kepala subbagian|jabatan fungsional|pengelola)\b"
)
_NOT_NOW = re.compile(
    r"\b(pensiunan|purna ?tugas|purnabakti|mantan|eks|ex|bukan)\s+(asn|pns|guru)\b"
)
_HANDLE_HINT = re.compile(r"(guru|pns|asn|camat|lurah|dinas|pemkot|pemkab|bidan)")

# Evidence weights, combined as a noisy-OR; hand-set, see the classifier README.
WEIGHTS = {"nip": 0.9, "nip_pppk": 0.9, "nip_like": 0.3, "status": 0.7, "agency": 0.45,
           "position": 0.35, "handle": 0.2}  # fmt: skip
PPPK_MARK = 21  # the appointment-month slot of an NI PPPK
NOT_ASN_SCORE = 0.01
MAX_WITHOUT_LINK = 0.99


def asn_score(author: Author) -> tuple[float, list[Reason]]:
    """Probability-like score that `author` is an ASN, and the evidence behind it."""
    score, reasons = _score_profile(
        author.handle, author.display_name, author.bio, author.registry_linked, author.not_asn
    )
    return score, list(reasons)


@lru_cache(maxsize=100_000)  # an account's many posts share one profile
def _score_profile(
    handle: str, display_name: str, bio: str, registry_linked: bool, not_asn: bool
) -> tuple[float, tuple[Reason, ...]]:
    if registry_linked:
        return 1.0, (Reason("registry", "linked to the civil-servant registry", 1.0),)
    if not_asn:
        return NOT_ASN_SCORE, (Reason("analyst", "marked not ASN by an analyst", -1.0),)
    profile = _plain(f"{display_name or ''} \n {bio or ''}")
    reasons = list(_profile_reasons(profile))
    hint = _HANDLE_HINT.search(_plain(handle or ""))
    if hint and not reasons:
        reasons.append(Reason("handle", hint.group(1), WEIGHTS["handle"]))
    retired = _NOT_NOW.search(profile)
    if retired:
        # "pensiunan PNS": the status words are about the past; keep them, but discount.
        reasons.append(Reason("not_current", retired.group(0), -0.8))
    return _combine(reasons), tuple(reasons)


@lru_cache(maxsize=100_000)  # bios repeat across accounts (and are often empty)
def _profile_reasons(profile: str) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    for match in _NIP.finditer(profile):
        digits = "".join(match.groups())
        kind = nip_kind(digits) or "nip_like"
        reasons.append(Reason(kind, digits, WEIGHTS[kind]))
    for kind, pattern in (("status", _STATUS), ("agency", _AGENCY), ("position", _POSITION)):
        seen = sorted({m.group(1) for m in pattern.finditer(profile)})
        # Repeated words of one kind add little: count the first fully, the rest halved.
        for rank, word in enumerate(seen[:3]):
            reasons.append(Reason(kind, word, WEIGHTS[kind] / (1 + rank)))
    return tuple(reasons)


def _combine(reasons: list[Reason]) -> float:
    miss = 1.0
    for reason in reasons:
        if reason.weight > 0:
            miss *= 1 - reason.weight
    score = 1 - miss
    for reason in reasons:
        if reason.weight < 0:
            score *= 1 + reason.weight
    return round(min(score, MAX_WITHOUT_LINK), 4)


def _plain(text: str) -> str:
    folded, _ = fold_text(text or "")
    return folded.lower()


def is_valid_nip(nip: str) -> bool:
    """An 18-digit NIP of a PNS or a PPPK (see `nip_kind`)."""
    return nip_kind(nip) is not None


def nip_kind(nip: str) -> str | None:
    """ "nip" for a PNS NIP, "nip_pppk" for an NI PPPK, None when the number is not valid.

    Birth date YYYYMMDD, appointment YYYYMM, sex digit 1|2, sequence 001-999. An NI PPPK
    holds "21" in the appointment-month slot (the rule of pantau/nip.py, mirrored here
    because the classifier imports nothing of the project).
    """
    digits = re.sub(r"\D", "", nip)
    if len(digits) != 18:
        return None
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    year, month = int(digits[8:12]), int(digits[12:14])
    if not (1 <= month <= 12 or month == PPPK_MARK):
        return None
    if digits[14] not in "12" or digits[15:18] == "000":
        return None
    # Appointed as an adult and before retirement age; the bounds are generous on purpose.
    if not (1940 <= born.year <= 2010 and born.year + 17 <= year <= born.year + 60):
        return None
    return "nip_pppk" if month == PPPK_MARK else "nip"
