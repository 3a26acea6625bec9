"""Registries: upload a CSV, preview it as a dry run with per-row errors, then import it whole."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from pantau.models import User
from pantau.registries import ImportRejected, ImportReport, import_candidates, import_civil_servants
from pantau.registries.candidates import COLUMNS as CANDIDATE_COLUMNS
from pantau.registries.civil_servants import COLUMNS as CIVIL_SERVANT_COLUMNS
from pantau.settings import Settings
from review_ui.deps import AdminUser, AppSettings, DbSession, Templates
from review_ui.routers.admin.common import redirect, render

router = APIRouter()
TOKEN = re.compile(r"[0-9a-f]{64}")
KINDS = {
    "civil-servants": ("Registri ASN", import_civil_servants, CIVIL_SERVANT_COLUMNS),
    "candidates": ("Registri calon (paslon)", import_candidates, CANDIDATE_COLUMNS),
}


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise HTTPException(404, "Jenis registri tidak dikenal.")
    return kind


def upload_path(settings: Settings, kind: str, token: str) -> Path:
    """Where a previewed upload waits for its import (named by its SHA-256)."""
    if not TOKEN.fullmatch(token):
        raise HTTPException(400, "Token unggahan tidak valid; unggah berkasnya lagi.")
    return settings.data_dir / "uploads" / "registries" / f"{kind}-{token}.csv"


def _run(db: Session, kind: str, data: bytes, admin: User, *, dry_run: bool) -> ImportReport:
    importer = KINDS[kind][1]
    return importer(db, data, actor=admin, dry_run=dry_run)


def _page(
    request: Request, templates: Templates, error: str | None = None, **context: object
) -> Response:
    kinds = {key: (label, columns) for key, (label, _, columns) in KINDS.items()}
    return render(request, templates, "registries.html", {"kinds": kinds, **context}, error=error)


@router.get("/registries")
def registries_page(request: Request, templates: Templates) -> Response:
    return _page(request, templates)


@router.post("/registries/{kind}/preview")
def preview(
    request: Request,
    kind: str,
    db: DbSession,
    admin: AdminUser,
    templates: Templates,
    settings: AppSettings,
    file: Annotated[UploadFile, File()],
) -> Response:
    """The dry run: every row checked, nothing written; a clean file waits for "Impor"."""
    kind = _kind(kind)
    limit = settings.upload_max_bytes  # one cap for every upload (issue 16)
    # A plain def runs in the threadpool: reading and checking 50 MB blocks no one else.
    data = file.file.read(limit + 1)
    name = file.filename or "berkas.csv"
    if not data:
        return _page(request, templates, "Berkas kosong atau tidak dipilih.", kind=kind)
    if len(data) > limit:
        too_big = f"Berkas lebih dari {limit // (1024 * 1024)} MiB; pecah menjadi beberapa berkas."
        return _page(request, templates, too_big)
    try:
        with db.begin_nested():
            report = _run(db, kind, data, admin, dry_run=True)
    except ImportRejected as exc:
        message = f"{len(exc.errors)} baris bermasalah di {name}; tidak ada yang diimpor."
        return _page(request, templates, message, kind=kind, filename=name, rejected=exc.errors)
    token = hashlib.sha256(data).hexdigest()
    path = upload_path(settings, kind, token)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return _page(request, templates, kind=kind, filename=name, report=report, token=token)


@router.post("/registries/{kind}/import")
def import_file(
    request: Request,
    kind: str,
    db: DbSession,
    admin: AdminUser,
    templates: Templates,
    settings: AppSettings,
    token: Annotated[str, Form()],
    filename: Annotated[str, Form()] = "berkas.csv",
) -> Response:
    """All or nothing: the importer checks every row again before it writes one."""
    kind = _kind(kind)
    path = upload_path(settings, kind, token)
    if not path.is_file():
        return _page(request, templates, "Pratinjau kedaluwarsa; unggah berkasnya lagi.")
    try:
        with db.begin_nested():
            report = _run(db, kind, path.read_bytes(), admin, dry_run=False)
    except ImportRejected as exc:
        message = "Berkas ditolak; tidak ada yang diimpor."
        return _page(request, templates, message, kind=kind, filename=filename, rejected=exc.errors)
    db.commit()  # before the upload goes: a failed commit must leave it for a retry
    path.unlink(missing_ok=True)
    return redirect(
        f"/admin/registries?pesan=registri-diimpor&n={report.created}&m={report.updated}"
    )
