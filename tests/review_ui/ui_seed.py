"""Invented review data for UI tests: a contest, candidates, accounts and flagged posts
whose matches point at real offsets in their text."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import factories as f
from sqlalchemy.orm import Session

from pantau.models import (
    Account,
    Contest,
    Evidence,
    EvidenceKind,
    Platform,
    PostVersion,
    ReviewItem,
)
from pantau.timeutil import utcnow

CONTEST = "PILWALKOT-3578-2024"


def matches_for(text: str, wanted: list[tuple[str, str, str | None]]) -> list[dict[str, Any]]:
    """[(kind, substring, entity)] -> match dicts with the substring's offsets in text."""
    out = []
    for kind, needle, entity in wanted:
        start = text.index(needle)
        out.append(
            {
                "kind": kind,
                "start": start,
                "end": start + len(needle),
                "text": needle,
                "entity": entity,
            }
        )
    return out


def contest(session: Session) -> Contest:
    return f.contest(
        session,
        CONTEST,
        name="Pilwalkot Surabaya 2024",
        election=date(2024, 11, 27),
        campaign=(date(2024, 9, 25), date(2024, 11, 23)),
        pairs=[
            {"names": names, "hashtags": [f"#Paslon{number}"]}
            for number, names in (
                (1, ["Budi Rekaan", "Sari Contoh"]),
                (2, ["Hendi Fiktif", "Rina Khayal"]),
            )
        ],
    )


@dataclass
class Seeded:
    items: dict[str, ReviewItem]
    accounts: dict[str, Account]


def flagged(
    session: Session,
    acc: Account,
    text: str,
    wanted: list[tuple[str, str, str | None]],
    *,
    priority: float,
    region: str | None = "35.78",
    supported: list[str] | None = None,
    **post_kw: Any,
) -> ReviewItem:
    post = f.post(session, acc, text=text, region_code=region, **post_kw)
    item = f.review_item(session, region=region, priority=priority, post=post)
    cls = item.classification
    assert cls is not None
    cls.matches = matches_for(text, wanted)
    cls.explanation = {
        "features": [["coblos", 1.8], ["nomor 2", 1.2], ["paslon", 0.7]],
        "asn_reasons": [{"kind": "keyword", "text": "bio menyebut 'ASN Pemkot'", "weight": 0.6}],
        "supported": supported or [],
        "stance": "support",
    }
    session.flush()
    return item


def morning(session: Session, evidence_dir: Path | None = None) -> Seeded:
    """Five open items in Surabaya, one in Jakarta, ordered by priority."""
    contest(session)
    cs = f.civil_servant(session, name="Dewi Rekaan", position_category="FUNGSIONAL")
    guru = f.account(
        session,
        handle="bu_dewi_guru",
        display_name="Dewi (ASN Pemkot)",
        bio="Guru SD negeri. ASN Pemkot Surabaya.",
        followers=1200,
    )
    camat = f.account(
        session,
        Platform.BLUESKY,
        handle="pak.camat",
        display_name="Pak Camat",
        bio="Abdi negara",
        followers=5300,
    )
    warga = f.account(session, handle="warga_biasa", display_name="Warga Biasa")
    jkt = f.account(session, handle="jakarta_asn", display_name="ASN Jakarta")
    ent2 = f"{CONTEST}#2"
    t1 = "Ayo coblos nomor 2! Hendi Fiktif pasti menang #Paslon2 ✌️"
    items = {
        "top": flagged(
            session,
            guru,
            t1,
            [
                ("vote_call", "coblos", None),
                ("number", "nomor 2", ent2),
                ("candidate", "Hendi Fiktif", ent2),
                ("hashtag", "#Paslon2", ent2),
            ],
            priority=0.95,
            supported=[ent2],
        ),
        "second": flagged(
            session,
            camat,
            "Dukung Budi Rekaan untuk Surabaya lebih baik, salam satu jari ☝️",
            [
                ("candidate", "Budi Rekaan", f"{CONTEST}#1"),
                ("gesture", "salam satu jari", f"{CONTEST}#1"),
            ],
            priority=0.9,
            supported=[f"{CONTEST}#1"],
        ),
        "third": flagged(
            session,
            guru,
            "Rapat guru hari ini, jangan lupa nomor 2 ya bapak ibu",
            [("number", "nomor 2", ent2)],
            priority=0.8,
            supported=[ent2],
        ),
        "fourth": flagged(session, warga, "Debat paslon tadi malam seru juga", [], priority=0.6),
        "fifth": flagged(session, warga, "Debat paslon tadi malam seru juga", [], priority=0.55),
        "jakarta": flagged(
            session,
            jkt,
            "Coblos nomor 3 untuk Jakarta",
            [("number", "nomor 3", None)],
            priority=0.99,
            region="31.71",
        ),
    }
    guru.civil_servant_id = cs.id
    top_post = items["top"].post
    session.add(
        PostVersion(
            post_id=top_post.id,
            text="Ayo coblos nomor 2!",
            content_hash="a" * 64,
            seen_at=utcnow() - timedelta(hours=5),
        )
    )
    session.add(
        PostVersion(
            post_id=top_post.id,
            text=t1,
            content_hash=top_post.content_hash,
            seen_at=utcnow() - timedelta(hours=2),
        )
    )
    if evidence_dir is not None:
        record = b"WARC/1.1\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200 OK\r\n\r\n" + t1.encode()
        evidence_dir.mkdir(parents=True, exist_ok=True)
        prefix = b"x" * 100  # another record before ours in the same file
        (evidence_dir / "run-1.warc").write_bytes(prefix + record + b"tail")
        session.add(
            Evidence(
                post_id=top_post.id,
                kind=EvidenceKind.WARC,
                path="run-1.warc",
                offset=len(prefix),
                length=len(record),
                url=top_post.url,
                sha256=hashlib.sha256(record).hexdigest(),
                size=len(record),
            )
        )
    session.flush()
    return Seeded(items, {"guru": guru, "camat": camat, "warga": warga, "jakarta": jkt})
