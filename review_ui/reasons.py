"""What the classifier saw, as Indonesian sentences that quote the words they rest on.

An analyst checks reasons against the post and the profile, so each sentence names the
kind of evidence and quotes it ("Menyebut calon: HENDI (nomor 2)", "Profil menyebut
'PNS'"). Weights and feature names stay behind the "detail teknis" toggle. Unknown kinds
get a neutral sentence rather than a raw code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pantau.models import Account, Post, PostKind
from review_ui.highlight import clean_spans

MATCH_SENTENCES = {
    "candidate": "Menyebut calon",
    "party": "Menyebut partai",
    "number": "Menyebut nomor urut",
    "vote_call": "Ajakan memilih",
    "gesture": "Gestur dukungan",
    "hashtag": "Tagar dukungan",
    "slogan": "Slogan kampanye",
    "reporting": "Kalimat pemberitaan (mengurangi skor)",
    "civic": "Ajakan umum tanpa calon (mengurangi skor)",
}

ASN_SENTENCES = {
    "status": "Profil menyebut '{text}'",
    "agency": "Profil menyebut instansi '{text}'",
    "position": "Profil menyebut jabatan '{text}'",
    "nip": "Profil memuat NIP {text}",
    "nip_pppk": "Profil memuat NI PPPK {text}",
    "nip_like": "Profil memuat angka mirip NIP: {text}",
    "handle": "Nama akun mengandung '{text}'",
    "not_current": "Profil menyebut '{text}' (bukan ASN aktif; bobot dikurangi)",
    "analyst": "Ditandai bukan ASN oleh analis",
}

SUGGESTION_REASONS = {
    "NTR-02": "unggahan akun ini sendiri",
    "NTR-04": "unggahan ini membagikan ulang unggahan lain",
    "NTR-06": "ada gestur dukungan",
}

_NUMBER = re.compile(r"#(\d+)$")


@dataclass(frozen=True)
class Reason:
    sentence: str
    weight: float | None = None


def match_reasons(text: str, matches: Iterable[Any] | None) -> list[str]:
    """One sentence per distinct matched span, in text order."""
    out: list[str] = []
    for span in clean_spans(matches or [], len(text), text):
        quoted = text[span.start : span.end]
        entity = _entity_at(matches or [], span.start, span.end)
        number = _NUMBER.search(entity or "")
        sentence = f"{MATCH_SENTENCES[span.kind]}: "
        if span.kind == "candidate":
            sentence += quoted + (f" (nomor {number.group(1)})" if number else "")
        else:
            sentence += f"'{quoted}'"
        if sentence not in out:
            out.append(sentence)
    return out


def _entity_at(matches: Iterable[Any], start: int, end: int) -> str | None:
    for m in matches:
        if isinstance(m, dict) and m.get("start") == start and m.get("end") == end:
            entity = m.get("entity")
            return entity if isinstance(entity, str) else None
    return None


def asn_reasons(raw: Iterable[Any], account: Account) -> list[Reason]:
    """The classifier's ASN evidence, plus the registry link as the analyst knows it now."""
    out: list[Reason] = []
    for r in raw:
        if not isinstance(r, dict) or r.get("kind") == "registry":
            continue  # the registry link is described from the account below
        text = str(r.get("text", ""))
        template = ASN_SENTENCES.get(str(r.get("kind")), "Petunjuk dari profil: '{text}'")
        weight = r.get("weight")
        out.append(Reason(template.format(text=text), weight if _number(weight) else None))
    cs = account.civil_servant
    if cs is not None:
        digits = re.sub(r"\D", "", f"{account.bio} {account.display_name}")
        if cs.nip in digits:
            sentence = f"NIP di profil cocok dengan registri: {cs.nip} ({cs.name})"
        else:
            sentence = f"Akun ditautkan ke registri ASN: {cs.nip} ({cs.name})"
        out.insert(0, Reason(sentence))
    return out


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def suggest_code(post: Post, matches: Iterable[Any] | None) -> str:
    """The violation code the post most likely is: a share, a gesture, or an own post."""
    if post.kind is PostKind.REPOST or post.parent_id is not None:
        return "NTR-04"
    if any(isinstance(m, dict) and m.get("kind") == "gesture" for m in matches or []):
        return "NTR-06"
    return "NTR-02"
