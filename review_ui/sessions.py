"""Signed session cookies: who is logged in, since when, and the session's CSRF token.

The cookie holds no secrets, only a signed payload (itsdangerous). It is HttpOnly,
SameSite=Lax, Secure when the request came over HTTPS (or always, with the
`force_https` setting), and expires `session_hours` after login. It is also bound to
the user's password hash and to their session generation, a counter in the database
that logout, a password change and disabling the user bump: a cookie replayed after
any of those is refused on its next request (review_ui.deps.get_optional_user).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE_NAME = "pantau_session"
SCOPE_KEY = "pantau.session"


@dataclass
class SessionData:
    uid: int | None = None
    login_at: float = 0.0
    fingerprint: str = ""
    generation: int = 0
    _csrf: str = ""
    dirty: bool = field(default=False, repr=False)

    @property
    def csrf(self) -> str:
        """The per-session CSRF token, made on first use (anonymous sessions need one
        too: the login form is protected)."""
        if not self._csrf:
            self._csrf = secrets.token_urlsafe(32)
            self.dirty = True
        return self._csrf

    def log_in(self, uid: int, password_hash: str, generation: int = 0) -> None:
        self.uid, self.login_at = uid, time.time()
        self.fingerprint = password_fingerprint(password_hash)
        self.generation = generation
        self._csrf = secrets.token_urlsafe(32)  # a new token for the new privilege level
        self.dirty = True

    def log_out(self) -> None:
        self.uid, self.login_at, self.fingerprint, self.generation = None, 0.0, "", 0
        self._csrf = secrets.token_urlsafe(32)
        self.dirty = True


def password_fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


class SessionCodec:
    def __init__(self, secret: str, max_age_s: int) -> None:
        self.serializer = URLSafeSerializer(secret, salt="pantau.session.v1")
        self.max_age_s = max_age_s

    def load(self, raw: str | None, now: float | None = None) -> SessionData:
        if not raw:
            return SessionData()
        try:
            payload: Any = self.serializer.loads(raw)
        except BadSignature:
            return SessionData()
        if not isinstance(payload, dict):
            return SessionData()
        data = SessionData(_csrf=str(payload.get("c", "")))
        uid, login_at = payload.get("u"), payload.get("t", 0.0)
        now = time.time() if now is None else now
        if isinstance(uid, int) and isinstance(login_at, int | float):
            if 0 <= now - login_at < self.max_age_s:
                data.uid, data.login_at = uid, float(login_at)
                data.fingerprint = str(payload.get("f", ""))
                generation = payload.get("g", 0)
                data.generation = generation if isinstance(generation, int) else -1
            else:
                data.dirty = True  # expired: rewrite the cookie as anonymous
        return data

    def dump(self, data: SessionData) -> str:
        payload: dict[str, Any] = {"c": data.csrf}
        if data.uid is not None:
            payload.update(u=data.uid, t=data.login_at, f=data.fingerprint, g=data.generation)
        return str(self.serializer.dumps(payload))

    def set_cookie_header(self, data: SessionData, *, secure: bool) -> str:
        parts = [f"{COOKIE_NAME}={self.dump(data)}", "Path=/", "HttpOnly", "SameSite=Lax"]
        if data.uid is not None:
            remaining = int(self.max_age_s - (time.time() - data.login_at))
            parts.append(f"Max-Age={max(remaining, 0)}")
        if secure:
            parts.append("Secure")
        return "; ".join(parts)


class SessionMiddleware:
    """Loads the session into the ASGI scope and writes the cookie back if it changed."""

    def __init__(self, app: ASGIApp, codec: SessionCodec, force_secure: bool = False) -> None:
        self.app = app
        self.codec = codec
        self.force_secure = force_secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        data = self.codec.load(HTTPConnection(scope).cookies.get(COOKIE_NAME))
        scope[SCOPE_KEY] = data

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and data.dirty:
                header = self.codec.set_cookie_header(
                    data, secure=self.force_secure or scope.get("scheme") == "https"
                )
                MutableHeaders(scope=message).append("Set-Cookie", header)
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def get_session(conn: HTTPConnection) -> SessionData:
    data = conn.scope.get(SCOPE_KEY)
    if not isinstance(data, SessionData):
        raise RuntimeError("SessionMiddleware is not installed")
    return data
