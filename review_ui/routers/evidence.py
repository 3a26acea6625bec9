"""Download one preserved evidence record (a WARC record's bytes, by offset and length)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau import audit
from pantau.db import engine_for
from pantau.models import Evidence, EvidenceKind, ReviewItem, User
from pantau.scope import in_scope
from pantau.settings import Settings
from review_ui.deps import AppSettings, CurrentUser, DbSession

router = APIRouter()
MAX_BYTES = 200 * 1024 * 1024

MEDIA_TYPES = {
    EvidenceKind.WARC: ("application/warc", ".warc"),
    EvidenceKind.RAW_JSON: ("application/json", ".json"),
    EvidenceKind.SCREENSHOT: ("image/png", ".png"),
    EvidenceKind.IMAGE_FINDINGS: ("application/json", ".json"),
}
IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}


class EvidenceMissing(HTTPException):
    def __init__(self, why: str) -> None:
        super().__init__(410, f"Berkas bukti tidak dapat dibaca: {why}. Hubungi admin.")


def visible_evidence(db: Session, evidence_id: int, user: User) -> Evidence:
    evidence = db.get(Evidence, evidence_id)
    if evidence is None:
        raise HTTPException(404)
    region = db.execute(
        select(ReviewItem.region_code).where(ReviewItem.post_id == evidence.post_id)
    ).first()
    if region is None or not in_scope(region[0], user.region_scope):
        raise HTTPException(404)
    return evidence


def read_record(evidence: Evidence, root: Path) -> bytes:
    """The record's bytes; the stored path is relative to the evidence directory."""
    base = root.resolve()
    path = (base / evidence.path).resolve()
    if not path.is_relative_to(base):
        raise EvidenceMissing("lokasi berkas berada di luar direktori bukti")
    if not path.is_file():
        raise EvidenceMissing("berkas tidak ditemukan di penyimpanan")
    offset = evidence.offset or 0
    length = evidence.length if evidence.length is not None else path.stat().st_size - offset
    if length < 0 or length > MAX_BYTES or offset + length > path.stat().st_size:
        raise EvidenceMissing("posisi rekaman di dalam berkas tidak cocok")
    with path.open("rb") as handle:
        handle.seek(offset)
        return handle.read(length)


def _record_download(settings: Settings, user: User, evidence: Evidence, digest: str) -> None:
    # Its own short write transaction: the page's read-only session must not take the
    # write lock, and the chain of custody wants every download logged.
    with Session(engine_for(settings.effective_database_url)) as session:
        actor = session.get(User, user.id)
        details = {
            "post_id": evidence.post_id,
            "sha256": digest,
            "matches": digest == evidence.sha256,
        }
        audit.record(session, actor, "evidence.download", "evidence", evidence.id, details)
        session.commit()


@router.get("/evidence/{evidence_id}/download")
def download(evidence_id: int, db: DbSession, user: CurrentUser, settings: AppSettings) -> Response:
    evidence = visible_evidence(db, evidence_id, user)
    data = read_record(evidence, settings.evidence_dir)
    digest = hashlib.sha256(data).hexdigest()
    _record_download(settings, user, evidence, digest)
    media_type, suffix = MEDIA_TYPES.get(evidence.kind, ("application/octet-stream", ""))
    if evidence.path.endswith(".gz") and evidence.kind is EvidenceKind.WARC:
        suffix += ".gz"
    name = f"bukti-{evidence.post_id}-{evidence.id}{suffix}"
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Evidence-SHA256": digest,
        "X-Evidence-Expected-SHA256": evidence.sha256,
    }
    return Response(data, media_type=media_type, headers=headers)


@router.get("/evidence/{evidence_id}/image")
def image(evidence_id: int, db: DbSession, user: CurrentUser, settings: AppSettings) -> Response:
    """A stored photo shown on the item page (viewing, not a download: no audit event)."""
    evidence = visible_evidence(db, evidence_id, user)
    suffix = evidence.path.rsplit(".", 1)[-1]
    if evidence.kind is not EvidenceKind.IMAGE or suffix not in IMAGE_TYPES:
        raise HTTPException(404)
    data = read_record(evidence, settings.evidence_dir)
    # The type comes from the checked magic bytes (the stored suffix), never from the server.
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=3600"}
    return Response(data, media_type=IMAGE_TYPES[suffix], headers=headers)
