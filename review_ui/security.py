"""Security headers on every response and the key that signs session cookies."""

from __future__ import annotations

import logging
import os
import secrets
import time
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response
from sqlalchemy.exc import DataError
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pantau.settings import Settings

# No inline script or style anywhere: JS and CSS live in /static, so an injected
# <script> or on* attribute in post text could not run even if escaping ever failed.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class SecurityHeadersMiddleware:
    """Adds the headers above (and no-store on pages) to every HTTP response."""

    def __init__(self, app: ASGIApp, force_https: bool = False) -> None:
        self.app = app
        # Behind a proxy whose X-Forwarded-Proto is not trusted, the scheme may read
        # "http" although users come over HTTPS: force_https sends HSTS regardless.
        self.force_https = force_https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if self.force_https or scope.get("scheme") == "https":
                    headers.setdefault("Strict-Transport-Security", "max-age=31536000")
                if not is_static:
                    # Pages carry personal data: never keep them in a shared cache.
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


log = logging.getLogger(__name__)


def install_out_of_range(app: FastAPI) -> None:
    """A number beyond the database's integers (an id of 10^23 in a form or query) is a
    bad request, not a 500: the issue 16 probe found several routes that passed one on."""
    from review_ui.errors import error_response

    async def refuse(request: Request, exc: Exception) -> Response:
        log.warning("refused %s %s: %s", request.method, request.url.path, exc)
        return error_response(request, 422)

    app.add_exception_handler(OverflowError, refuse)
    app.add_exception_handler(DataError, refuse)


def secret_key(settings: Settings) -> str:
    """The configured key, or one generated once into <data_dir>/secret_key (mode 0600)."""
    configured = settings.secret_key.get_secret_value()
    if configured:
        return configured
    path = Path(settings.data_dir) / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_urlsafe(48))
    return _read_key(path)


def _read_key(path: Path) -> str:
    # Another worker may have created the file a moment ago and still be writing it.
    for _ in range(50):
        key = path.read_text().strip()
        if len(key) >= 32:
            return key
        time.sleep(0.02)
    raise RuntimeError(f"{path} holds no usable secret key; delete it to generate a new one")
