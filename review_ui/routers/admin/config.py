"""The effective configuration, with secrets and passwords in URLs masked."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import SecretStr
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from pantau import signing
from pantau.settings import Settings
from review_ui.deps import AppSettings, Templates
from review_ui.routers.admin.common import render

router = APIRouter()
MASK = "•••••• (diisi)"
SENSITIVE = ("webhook", "token", "password", "secret", "api_key")
DERIVED = ("effective_database_url", "evidence_dir", "effective_model_dir", "effective_export_dir")


def _url(value: str) -> str:
    """Hide a password in a URL (database or webhook) but keep the rest readable."""
    if "://" not in value:
        return value
    try:
        return make_url(value).render_as_string(hide_password=True)
    except ArgumentError:
        return value


def shown(value: Any, name: str = "") -> str:
    if isinstance(value, SecretStr):
        return MASK if value.get_secret_value() else "(kosong)"
    if value and isinstance(value, str) and any(word in name for word in SENSITIVE):
        # A webhook URL carries its secret in the path: show only where it points.
        parts = urlsplit(value)
        return f"{parts.scheme}://{parts.hostname}/••••••" if parts.hostname else MASK
    if isinstance(value, Path):
        return str(value)
    if value is None or value == "":
        return "(kosong)"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return _url(value) if isinstance(value, str) else str(value)


GENERATED = "•••••• (dibuat otomatis di {})"


def _secret_key(settings: Settings) -> str:
    """An empty PANTAU_SECRET_KEY means the app generated one into the data directory."""
    if settings.secret_key.get_secret_value():
        return MASK
    generated = Path(settings.data_dir) / "secret_key"
    return GENERATED.format(generated) if generated.is_file() else "(kosong)"


def rows(settings: Settings) -> list[tuple[str, str, str]]:
    out = [
        (
            name,
            f"PANTAU_{name.upper()}",
            _secret_key(settings) if name == "secret_key" else shown(getattr(settings, name), name),
        )
        for name in type(settings).model_fields
    ]
    out += [(name, "(turunan)", shown(getattr(settings, name))) for name in DERIVED]
    return out


@router.get("/settings")
def settings_page(request: Request, templates: Templates, settings: AppSettings) -> Response:
    # The office's public signing key, for receivers checking bundles (issue 16).
    public_key = signing.public_key_b64(settings)
    context = {
        "rows": rows(settings),
        "public_key": public_key,
        "key_fingerprint": signing.fingerprint(public_key),
    }
    return render(request, templates, "settings.html", context)
