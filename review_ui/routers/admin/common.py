"""What every administration page shares: the admin-only router, flash codes, rendering."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

# Shown after a redirect (?pesan=code); only codes in this table reach the page.
MESSAGES: dict[str, tuple[str, str]] = {
    "pengguna-dibuat": ("ok", "Pengguna dibuat."),
    "pengguna-disimpan": ("ok", "Perubahan pengguna disimpan."),
    "sandi-diganti": ("ok", "Kata sandi diganti; sesi lama pengguna itu berakhir."),
    "pengguna-nonaktif": ("ok", "Pengguna dinonaktifkan."),
    "pengguna-aktif": ("ok", "Pengguna diaktifkan kembali."),
    "sumber-dibuat": ("ok", "Sumber dibuat."),
    "sumber-disimpan": ("ok", "Perubahan sumber disimpan."),
    "sumber-aktif": ("ok", "Sumber diaktifkan."),
    "sumber-nonaktif": ("ok", "Sumber dinonaktifkan."),
    "perayapan-dimulai": ("ok", "Perayapan dimulai di latar belakang; putarannya muncul di bawah."),
    "registri-diimpor": ("ok", "Registri diimpor: {n} baris baru, {m} diperbarui."),
    "model-aktif": ("ok", "Versi model diaktifkan."),
}

SECTIONS = [
    ("Pengguna", "/admin/users"),
    ("Sumber", "/admin/sources"),
    ("Registri", "/admin/registries"),
    ("Model", "/admin/models"),
    ("Pengaturan", "/admin/settings"),
]


def flash(request: Request) -> tuple[str, str] | None:
    params = request.query_params
    code = params.get("pesan", "")
    if code not in MESSAGES:
        return None
    kind, text = MESSAGES[code]
    n, m = params.get("n", ""), params.get("m", "")
    return kind, text.format(n=n if n.isdigit() else "?", m=m if m.isdigit() else "?")


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
        "flash": flash(request),
        "error": error,
        **context,
    }
    status = 400 if error else 200
    return templates.TemplateResponse(request, f"admin/{name}", context, status_code=status)
