"""Photos as evidence, the database side: which posts' images to analyse, where their
findings are kept, and how what the images show reaches triage.

The analysis itself is pure (`classifier.images`, run per post by `pantau.image_analysis`);
this module sees findings only as the JSON it stores. Findings are an `evidence` row of
kind image_findings per analysed image: a JSON file next to the image
(`images/<ab>/<sha>.findings.json`), so retention purges it with the post like any other
evidence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from classifier.schema import Match
from pantau.image_findings import findings_path, read_findings
from pantau.models import Classification, Evidence, EvidenceKind, Post, PostOrigin, User
from pantau.settings import get_settings
from pantau.timeutil import utcnow
from pantau.triage_evidence import ImageEvidence, apply_evidence
from pantau.triage_queue import QueueResult


@dataclass(frozen=True)
class StoredImage:
    """One image of a post, and its findings once analysed."""

    evidence: Evidence
    findings: dict[str, Any] | None


def posts_to_analyse(session: Session, asn_threshold: float, limit: int) -> list[int]:
    """Posts with stored images and no findings yet, where a picture can matter: the author
    passes the ASN threshold, the post is already flagged, or it came from a public report."""
    has_image = exists().where(Evidence.post_id == Post.id, Evidence.kind == EvidenceKind.IMAGE)
    analysed = exists().where(
        Evidence.post_id == Post.id, Evidence.kind == EvidenceKind.IMAGE_FINDINGS
    )
    matters = exists().where(
        Classification.post_id == Post.id,
        or_(Classification.flagged.is_(True), Classification.asn_score >= asn_threshold),
    )
    query = (
        select(Post.id)
        .where(has_image, ~analysed, Post.deleted_at.is_(None))
        .where(or_(matters, Post.origin == PostOrigin.PUBLIC_REPORT))
        .order_by(Post.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def image_rows(session: Session, post_id: int) -> list[Evidence]:
    query = (
        select(Evidence)
        .where(Evidence.post_id == post_id, Evidence.kind == EvidenceKind.IMAGE)
        .order_by(Evidence.id)
    )
    return list(session.scalars(query))


def read_image(row: Evidence, root: Path | None = None) -> bytes:
    """The stored bytes of an image row (checked against its SHA-256)."""
    base = (root or get_settings().evidence_dir).resolve()
    path = (base / row.path).resolve()
    if not path.is_relative_to(base):
        raise ValueError(f"evidence {row.id} points outside the evidence directory")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != row.sha256:
        raise ValueError(f"evidence {row.id}: file does not match its SHA-256")
    return data


def save_findings(session: Session, image: Evidence, findings: dict[str, Any]) -> Evidence:
    """Write the findings JSON beside the image and link it to the post as evidence."""
    root = get_settings().evidence_dir
    relpath = findings_path(image.path)
    data = json.dumps(findings, ensure_ascii=False, sort_keys=True).encode("utf-8")
    target = root / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    row = Evidence(
        post_id=image.post_id,
        kind=EvidenceKind.IMAGE_FINDINGS,
        path=relpath,
        url=image.path,  # which image these findings describe
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        captured_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def post_images(session: Session, post_id: int) -> list[StoredImage]:
    """Every stored image of a post with its findings (None until analysed)."""
    found: dict[str, dict[str, Any]] = {}
    rows = session.scalars(
        select(Evidence).where(
            Evidence.post_id == post_id, Evidence.kind == EvidenceKind.IMAGE_FINDINGS
        )
    )
    for row in rows:
        if (data := read_findings(row)) is not None:
            found[row.url] = data  # a missing file shows the image without boxes
    return [StoredImage(row, found.get(row.path)) for row in image_rows(session, post_id)]


def apply_image_evidence(
    session: Session,
    post_id: int,
    partisan: float,
    matches: Sequence[tuple[str, str, str | None]],
    reasons: list[str],
    *,
    actor: User | str | None = None,
) -> QueueResult:
    """Hand what the images support to triage (kind, text, entity per match)."""
    evidence = ImageEvidence(
        partisan=partisan,
        matches=tuple(Match(kind, -1, -1, text, entity) for kind, text, entity in matches),  # type: ignore[arg-type]
        reasons=tuple(reasons),
        source="image",
    )
    return apply_evidence(session, post_id, evidence, actor=actor)
