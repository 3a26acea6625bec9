"""Model versions: metrics and thresholds, the active one marked, activation audited."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from pantau.modelreg import ModelRegistryError, set_active
from pantau.models import ModelVersion
from review_ui.deps import AdminUser, DbSession, Templates
from review_ui.routers.admin.common import redirect, render

router = APIRouter()


def _page(
    request: Request, db: DbSession, templates: Templates, error: str | None = None
) -> Response:
    versions = db.scalars(
        select(ModelVersion).order_by(ModelVersion.active.desc(), ModelVersion.created_at.desc())
    ).all()
    return render(request, templates, "models.html", {"versions": versions}, error=error)


@router.get("/models")
def models_page(request: Request, db: DbSession, templates: Templates) -> Response:
    return _page(request, db, templates)


@router.post("/models/{version}/activate")
def activate(
    request: Request, version: str, db: DbSession, admin: AdminUser, templates: Templates
) -> Response:
    try:
        with db.begin_nested():
            set_active(db, version, actor=admin)
    except ModelRegistryError:
        return _page(request, db, templates, f"Versi model {version!r} tidak terdaftar.")
    return redirect("/admin/models?pesan=model-aktif")
