"""Tambah tautan: an analyst pastes the URL of a post from a public report."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from review_ui.deps import CurrentUser, DbSession, Templates
from review_ui.public_reports import CaptureError, queue_link

router = APIRouter(prefix="/reports")


@router.get("/new")
def new_report(request: Request, user: CurrentUser, templates: Templates) -> Response:
    return templates.TemplateResponse(request, "reports/new.html", {"url": "", "error": None})


@router.post("")
def add_report(
    request: Request,
    db: DbSession,
    user: CurrentUser,
    templates: Templates,
    url: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        error = "Tempelkan tautan lengkap ke satu unggahan, diawali https://"
        context = {"url": url, "error": error}
        return templates.TemplateResponse(request, "reports/new.html", context, status_code=422)
    try:
        with db.begin_nested():
            queued = queue_link(db, url, user)
    except CaptureError as exc:
        context = {"url": url, "error": f"Tautan tidak dapat diambil: {exc}"}
        return templates.TemplateResponse(request, "reports/new.html", context, status_code=422)
    code = (
        "laporan-ada"
        if queued.already_queued
        else ("laporan" if queued.scored else "laporan-tanpa-skor")
    )
    return RedirectResponse(f"/items/{queued.item.id}?pesan={code}", status_code=303)
