"""Sources: per-platform forms validated by crawlers.sources before anything is saved."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers.sources import PLATFORM_KEYS, TARGET_KEYS, SourceConfigError, validate_config
from pantau import audit
from pantau.models import Platform, Source, User
from pantau.regions import region_names
from review_ui.deps import AdminUser, DbSession, Templates
from review_ui.labels import SOURCE_FIELD_LABELS, source_platform_label
from review_ui.routers.admin import crawl
from review_ui.routers.admin.common import redirect, render

router = APIRouter()
NAME = re.compile(r"[a-z0-9][a-z0-9_-]{1,63}")
# The platforms a source can be made for, named as the form names them.
SOURCE_PLATFORMS = {p: source_platform_label(p) for p in TARGET_KEYS}


async def _form_fields(request: Request) -> dict[str, str]:
    """The posted fields as text. A source form's fields depend on its platform, so no fixed
    form model fits; reading the body is the only awaited step, and the route that saves
    stays a plain def that FastAPI runs in its threadpool (issue 11)."""
    return {key: str(value) for key, value in (await request.form()).items()}


FormFields = Annotated[dict[str, str], Depends(_form_fields)]


def fields_for(platform: str) -> dict[str, list[str]]:
    """The form's fields: free-text lists (one per line) and single values."""
    return {"lists": list(TARGET_KEYS[platform]), "single": list(PLATFORM_KEYS.get(platform, ()))}


def _platform(value: str) -> str:
    if value not in TARGET_KEYS:
        raise HTTPException(404, "Platform itu belum dapat dirayapi.")
    return value


def config_from_form(platform: str, form: dict[str, Any]) -> dict[str, Any]:
    fields = fields_for(platform)
    raw: dict[str, Any] = {key: str(form.get(key, "")) for key in fields["lists"]}
    raw.update({key: str(form.get(key, "")).strip() for key in fields["single"]})
    raw["region_code"] = str(form.get("region_code", "")).strip()
    raw["max_pages"] = str(form.get("max_pages", "")).strip()
    return validate_config(platform, raw)


def form_values(source: Source | None) -> dict[str, str]:
    if source is None:
        return {}
    values = {}
    for key, value in (source.config or {}).items():
        values[key] = "\n".join(value) if isinstance(value, list) else str(value)
    return {"name": source.name, **values}


def _source(db: Session, source_id: int) -> Source:
    source = db.get(Source, source_id)
    if source is None:
        raise HTTPException(404, "Sumber tidak ditemukan.")
    return source


def _form_page(
    request: Request,
    db: Session,
    templates: Templates,
    platform: str,
    source: Source | None,
    values: dict[str, str],
    error: str | None = None,
) -> Response:
    context = {
        "platform": platform,
        "platform_label": source_platform_label(platform),
        "source": source,
        "fields": fields_for(platform),
        "labels": SOURCE_FIELD_LABELS,
        "values": values,
        "regions": region_names(),
        "runs": crawl.recent_runs(db, source.id) if source else [],
        "launch": crawl.last_launch(db, source) if source else None,
    }
    return render(request, templates, "source_form.html", context, error=error)


@router.get("/sources")
def sources_page(request: Request, db: DbSession, templates: Templates) -> Response:
    sources = db.scalars(select(Source).order_by(Source.name)).all()
    last = {s.id: crawl.recent_runs(db, s.id, 1) for s in sources}
    context = {"sources": sources, "last": last, "platforms": SOURCE_PLATFORMS}
    return render(request, templates, "sources.html", context)


@router.get("/sources/new")
def new_page(
    request: Request, db: DbSession, templates: Templates, platform: str = "mastodon"
) -> Response:
    return _form_page(request, db, templates, _platform(platform), None, {})


def _check_name(db: Session, name: str, source: Source | None) -> str:
    name = name.strip().lower()
    if not NAME.fullmatch(name):
        raise SourceConfigError(
            "nama sumber: 2–64 huruf kecil, angka, '-' atau '_', diawali huruf/angka"
        )
    clash = db.scalar(select(Source.id).where(Source.name == name))
    if clash is not None and (source is None or clash != source.id):
        raise SourceConfigError(f"nama sumber {name!r} sudah dipakai")
    return name


def _save(
    db: Session, admin: User, platform: str, form: dict[str, Any], source: Source | None
) -> Source:
    name = _check_name(db, str(form.get("name", "")), source)
    config = config_from_form(platform, form)
    if source is None:
        source = Source(platform=Platform(platform), name=name, config=config, enabled=True)
        db.add(source)
        db.flush()
        audit.record(
            db, admin, "source.create", "source", source.id, {"name": name, "config": config}
        )
        return source
    if source.config and "unavailable" in source.config:
        config["unavailable"] = source.config["unavailable"]  # the crawler's notes stay
    changes = {"name": name, "config": config}
    source.name, source.config = name, config
    audit.record(db, admin, "source.update", "source", source.id, changes)
    return source


@router.post("/sources/new")
def create(
    request: Request, db: DbSession, admin: AdminUser, templates: Templates, form: FormFields
) -> Response:
    platform = _platform(form.get("platform", ""))
    try:
        with db.begin_nested():
            source = _save(db, admin, platform, form, None)
    except SourceConfigError as exc:
        return _form_page(request, db, templates, platform, None, form, _invalid(exc))
    return redirect(f"/admin/sources/{source.id}?pesan=sumber-dibuat")


def _invalid(exc: SourceConfigError) -> str:
    return f"Konfigurasi tidak valid, belum disimpan: {exc}"


@router.get("/sources/{source_id}")
def edit_page(request: Request, source_id: int, db: DbSession, templates: Templates) -> Response:
    source = _source(db, source_id)
    return _form_page(request, db, templates, source.platform.value, source, form_values(source))


@router.post("/sources/{source_id}")
def update(
    request: Request,
    source_id: int,
    db: DbSession,
    admin: AdminUser,
    templates: Templates,
    form: FormFields,
) -> Response:
    source = _source(db, source_id)
    platform = source.platform.value
    try:
        with db.begin_nested():
            _save(db, admin, platform, form, source)
    except SourceConfigError as exc:
        source = _source(db, source_id)
        return _form_page(request, db, templates, platform, source, form, _invalid(exc))
    return redirect(f"/admin/sources/{source_id}?pesan=sumber-disimpan")


@router.post("/sources/{source_id}/toggle")
def toggle(source_id: int, db: DbSession, admin: AdminUser) -> Response:
    source = _source(db, source_id)
    source.enabled = not source.enabled
    action = "source.enable" if source.enabled else "source.disable"
    audit.record(db, admin, action, "source", source.id, {"name": source.name})
    code = "sumber-aktif" if source.enabled else "sumber-nonaktif"
    return redirect(f"/admin/sources/{source_id}?pesan={code}")
