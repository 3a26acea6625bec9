"""What a case says: its number, legal basis, chronology, summary and its frozen payload."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from pantau import image_findings
from pantau.db import is_postgres
from pantau.models import Case, CaseCounter, Evidence, EvidenceKind, Post
from pantau.post_record import record_hash
from pantau.regions import region_name
from pantau.settings import get_settings
from pantau.taxonomy import get_taxonomy
from pantau.timeutil import as_utc, local

SCHEMA = "pantau.case/1"
PLATFORM_LABELS = {
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "telegram": "Telegram",
    "rss": "RSS/Situs web",
    "x": "X (Twitter)",
    "youtube": "YouTube",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "tiktok": "TikTok",
    "other": "Lainnya",
}


class CaseFileError(ValueError):
    """The case's configuration cannot be used (e.g. a broken legal-basis file)."""


@lru_cache(maxsize=8)
def _overrides(path: Path | None, mtime: float) -> dict[str, str]:
    if path is None:
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CaseFileError(f"berkas dasar hukum {path} tidak dapat dibaca: {exc}") from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise CaseFileError(f"berkas dasar hukum {path} harus berupa pemetaan kode -> teks")
    known = {v.code for v in get_taxonomy().violations} | {"common"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise CaseFileError(f"berkas dasar hukum {path}: kode tidak dikenal {', '.join(unknown)}")
    return {k: v.strip() for k, v in data.items()}


def legal_basis_overrides() -> dict[str, str]:
    path = get_settings().legal_basis_file
    mtime = path.stat().st_mtime if path is not None and path.exists() else 0.0
    return _overrides(path, mtime)


def legal_basis_for(codes: list[str]) -> str:
    """The taxonomy's text, unless the office's legal-basis file words a code (or the
    common part, key `common`) its own way."""
    taxonomy = get_taxonomy()
    overrides = legal_basis_overrides()
    if not any(c in overrides for c in [*codes, "common"]):
        return taxonomy.legal_basis(codes)
    common = overrides.get("common", taxonomy.legal_basis_common)
    lines = [f"{c}: {overrides.get(c) or taxonomy.violation(c).label}" for c in codes]
    return common + "\nPerbuatan yang dilarang:\n" + "\n".join(lines)


def chronology(posts: Iterable[Post]) -> list[dict[str, Any]]:
    def when(p: Post) -> str:
        return as_utc(p.posted_at or p.first_seen_at).isoformat()

    return [
        {
            "at": when(p),
            "post_id": p.id,
            "platform": p.platform.value,
            "url": p.url,
            "kind": p.kind.value,
            "text": p.text[:1000],
        }
        for p in sorted(posts, key=when)
    ]


def default_summary(case: Case, posts: list[Post]) -> str:
    cs = case.civil_servant
    zone = get_settings().timezone
    times = [local(p.posted_at or p.first_seen_at, zone) for p in posts]
    platforms = sorted({PLATFORM_LABELS.get(p.platform.value, p.platform.value) for p in posts})
    first, last = min(times), max(times)
    span = f"{first:%d-%m-%Y}"
    if last.date() != first.date():
        span += f" s.d. {last:%d-%m-%Y}"
    return (
        f"{cs.name} (NIP {cs.nip}), {cs.position} pada {cs.agency}, diduga melanggar "
        f"netralitas ASN melalui {len(posts)} unggahan di {', '.join(platforms)} "
        f"pada {span}."
    )


def evidence_file_name(ev: Evidence) -> str:
    """Where an evidence record sits inside a bundle (the payload names it too)."""
    if ev.kind is EvidenceKind.WARC:
        ext = "warc.gz" if ev.path.endswith(".gz") else "warc"
    else:
        ext = Path(ev.path).suffix.lstrip(".") or "bin"
    return f"evidence/post-{ev.post_id}/{ev.id}-{ev.kind.value}.{ext}"


def raw_file_name(post_id: int) -> str:
    return f"posts/post-{post_id}.json"


def _person(user: Any) -> dict[str, str] | None:
    return None if user is None else {"username": user.username, "name": user.full_name}


def _post(p: Post) -> dict[str, Any]:
    return {
        "id": p.id,
        "platform": p.platform.value,
        "platform_post_id": p.platform_post_id,
        "url": p.url,
        "kind": p.kind.value,
        "posted_at": as_utc(p.posted_at).isoformat() if p.posted_at else None,
        "text": p.text,
        # The post alone, as captured: evidence SHA-256s may cover a whole page of posts.
        "record_sha256": record_hash(p.raw),
        "account": {
            "handle": p.account.handle,
            "display_name": p.account.display_name,
            "url": p.account.url,
        },
        "deleted_at": as_utc(p.deleted_at).isoformat() if p.deleted_at else None,
        "evidence": [
            {
                "id": ev.id,
                "kind": ev.kind.value,
                "sha256": ev.sha256,
                "size": ev.size,
                "captured_at": as_utc(ev.captured_at).isoformat(),
                "url": ev.url,
                "record_id": ev.record_id,
                "file": evidence_file_name(ev),
            }
            for ev in p.evidence
        ],
        # What the photos show (signs, text read), each tied to the image's SHA-256.
        "images": image_findings.summary(p.evidence),
    }


def case_payload(case: Case) -> dict[str, Any]:
    """Everything the receiving body needs, in one neutral JSON document. Frozen into the
    outbox at approval; reports, bundles and adapters all start from it."""
    taxonomy = get_taxonomy()
    settings = get_settings()
    cs = case.civil_servant
    try:
        category = taxonomy.position_category(case.position_category)
        category_label, group = category.label, category.group
    except KeyError:
        category_label = group = case.position_category
    return {
        "schema": SCHEMA,
        "number": case.number,
        "office": {"code": case.office_code, "name": settings.office_name},
        "status": case.status.value,
        "created_at": as_utc(case.created_at).isoformat(),
        "approved_at": as_utc(case.approved_at).isoformat() if case.approved_at else None,
        "reported": {
            "name": cs.name,
            "nip": cs.nip,
            "position": cs.position,
            "position_category": case.position_category,
            "position_category_label": category_label,
            "position_group": group,
            "employment_type": cs.employment_type.value,
            "agency": case.agency,
            "region_code": case.region_code,
            "region_name": region_name(case.region_code),
        },
        "violations": [
            {"code": c, "label": taxonomy.violation(c).label} for c in case.violation_codes
        ],
        "legal_basis": case.legal_basis,
        "summary": case.summary,
        "chronology": case.chronology,
        "posts": [_post(p) for p in case.posts],
        "created_by": _person(case.created_by),
        "approved_by": _person(case.approved_by),
    }


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def payload_hash(payload: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def idempotency_key(payload: dict[str, Any]) -> str:
    """The case number plus the payload hash: the receiver dedupes on it."""
    return f"{payload['number']}#{payload_hash(payload)}"


def number_scope(pattern: str, office_code: str, year: int) -> str:
    # A pattern without {year} numbers continuously; one with it restarts every year.
    return f"{office_code}|{year if '{year' in pattern else '*'}"


def allocate_number(session: Session, *, now: datetime) -> str:
    """The next case number of this office. Race-safe: the counter row is bumped with one
    UPDATE, which PostgreSQL row-locks and SQLite serialises (writers BEGIN IMMEDIATE)."""
    settings = get_settings()
    pattern, office = settings.case_number_pattern, settings.office_code
    if "{seq" not in pattern:
        raise CaseFileError(f"pola nomor kasus {pattern!r} harus memuat {{seq}}")
    year = local(now, settings.timezone).year
    scope = number_scope(pattern, office, year)
    bump = (
        update(CaseCounter)
        .where(CaseCounter.scope == scope)
        .values(last_seq=CaseCounter.last_seq + 1)
        .returning(CaseCounter.last_seq)
    )
    seq = session.scalar(bump)
    if seq is None:
        insert = pg_insert if is_postgres(session) else sqlite_insert
        session.execute(
            insert(CaseCounter).values(scope=scope, last_seq=0).on_conflict_do_nothing()
        )
        seq = session.scalar(bump)
    try:
        return pattern.format(year=year, seq=seq, office=office)
    except (KeyError, IndexError, ValueError) as exc:
        raise CaseFileError(
            f"pola nomor kasus {pattern!r} tidak valid ({exc}); "
            "gunakan {year}, {seq} dan {office}"
        ) from None
