"""Error responses in Bahasa Indonesia: a page for browsers, a fragment for htmx."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from review_ui.deps import LoginRequired
from review_ui.templating import templates

DEFAULT_MESSAGES = {
    400: "Permintaan tidak dapat diproses.",
    401: "Silakan masuk terlebih dahulu.",
    403: "Anda tidak berhak membuka halaman ini.",
    404: "Halaman atau data tidak ditemukan.",
    405: "Metode permintaan tidak didukung.",
    409: "Data telah berubah. Muat ulang halaman.",
    422: "Isian formulir tidak lengkap atau tidak valid.",
}


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def safe_next(target: str | None) -> str:
    """Only same-site paths: '/queue?x=1' yes, '//evil.example' or 'https://…' no."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


def error_response(request: Request, status: int, message: str | None = None) -> Response:
    message = message or DEFAULT_MESSAGES.get(status, "Terjadi kesalahan.")
    name = "_error_fragment.html" if is_htmx(request) else "error.html"
    return templates.TemplateResponse(
        request, name, {"status": status, "message": message}, status_code=status
    )


async def _login_required(request: Request, _exc: Exception) -> Response:
    if is_htmx(request):
        return HTMLResponse("", status_code=401, headers={"HX-Redirect": "/login"})
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    next_part = f"?next={quote(target, safe='')}" if request.method == "GET" else ""
    return RedirectResponse(f"/login{next_part}", status_code=303)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else None
    response = error_response(request, exc.status_code, detail)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _validation_error(request: Request, _exc: Exception) -> Response:
    return error_response(request, 422)


def install(app: FastAPI) -> None:
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
