"""What every administration page shares: the section links and rendering. Flash codes
are in review_ui.messages with every other page's."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from review_ui.messages import flash_from

SECTIONS = [
    ("Pengguna", "/admin/users"),
    ("Sumber", "/admin/sources"),
    ("Registri", "/admin/registries"),
    ("Model", "/admin/models"),
    ("Pengaturan", "/admin/settings"),
]


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def render(
    request: Request,
    templates: Jinja2Templates,
    name: str,
    context: dict[str, Any],
    *,
    error: str | None = None,
) -> Response:
    """An admin page; with an error it is a 400 that keeps what the admin typed."""
    context = {
        "sections": SECTIONS,
        "flash": flash_from(request.query_params),
        "error": error,
        **context,
    }
    status = 400 if error else 200
    return templates.TemplateResponse(request, f"admin/{name}", context, status_code=status)
