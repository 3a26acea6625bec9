"""Request dependencies: the DB session, the current user, roles, CSRF and templates.

Use them as annotations in a route:

    @router.post("/things/{thing_id}")
    def save(thing_id: int, db: DbSession, user: CurrentUser, templates: Templates): ...

    router = APIRouter(dependencies=[require_role(Role.ADMIN)])

Login and CSRF are also enforced for EVERY route by the app itself (see app.py), so a
route that forgets them is still safe; list a path in PUBLIC_PATHS to open it to anonymous
users.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pantau import outbox
from pantau.db import engine_for, unit_of_work
from pantau.models import Role, User
from pantau.settings import Settings, get_settings
from review_ui.sessions import get_session, password_fingerprint
from review_ui.templating import templates

PUBLIC_PATHS = frozenset({"/login", "/healthz"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True)
class Viewer:
    """Who is looking at a page, detached from any DB session."""

    id: int
    username: str
    full_name: str
    role: Role
    region_scope: str | None
    # Deliveries that gave up, shown on every page to those who can resend them.
    failed_deliveries: int = 0

    @classmethod
    def of(cls, user: User, failed_deliveries: int = 0) -> Viewer:
        return cls(
            user.id, user.username, user.full_name, user.role, user.region_scope, failed_deliveries
        )


class LoginRequired(Exception):
    """Raised for an anonymous request to a protected route; app.py redirects to /login."""


class CsrfFailed(HTTPException):
    def __init__(self) -> None:
        super().__init__(
            403, "Token keamanan formulir tidak cocok. Muat ulang halaman lalu coba lagi."
        )


def get_app_settings(request: Request) -> Settings:
    settings = getattr(request.app.state, "settings", None)
    return settings if isinstance(settings, Settings) else get_settings()


AppSettings = Annotated[Settings, Depends(get_app_settings)]


def _engine(settings: Settings, read_only: bool) -> Engine:
    engine = engine_for(settings.effective_database_url)
    # GET pages only read: on SQLite they must not queue behind writers for the write lock.
    return engine.execution_options(sqlite_begin="DEFERRED") if read_only else engine


def get_db(request: Request, settings: AppSettings) -> Iterator[Session]:
    """One session per request; commits when the route returns, rolls back if it raises."""
    bind = _engine(settings, request.method in SAFE_METHODS)
    with unit_of_work(lambda: Session(bind=bind, expire_on_commit=False)) as session:
        yield session


# scope="function": commit before the response is sent, so a failed commit is a 500,
# never a page that claims success.
DbSession = Annotated[Session, Depends(get_db, scope="function")]


def get_optional_user(request: Request, db: DbSession) -> User | None:
    data = get_session(request)
    if data.uid is None:
        return None
    user = db.get(User, data.uid)
    if (
        user is None
        or not user.active
        or password_fingerprint(user.password_hash) != data.fingerprint
        or user.session_generation != data.generation  # logged out or revoked (issue 16)
    ):
        data.log_out()  # disabled, deleted or password changed: the session is over
        return None
    # A plain snapshot for templates: error pages render after the session is gone.
    failed = (
        outbox.failed_count(db, user.region_scope)
        if user.role in (Role.SUPERVISOR, Role.ADMIN)
        else 0
    )
    request.state.viewer = Viewer.of(user, failed)
    return user


OptionalUser = Annotated[User | None, Depends(get_optional_user)]


def get_current_user(user: OptionalUser) -> User:
    if user is None:
        raise LoginRequired()
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


def require_role(*roles: Role) -> Any:
    """A dependency that lets only these roles through (403 for the others)."""
    allowed = frozenset(roles)

    def check(user: CurrentUser) -> User:
        if user.role not in allowed:
            raise HTTPException(403, "Anda tidak berhak membuka halaman ini.")
        return user

    return Depends(check)


SupervisorUser = Annotated[User, require_role(Role.SUPERVISOR, Role.ADMIN)]
AdminUser = Annotated[User, require_role(Role.ADMIN)]


def require_login(request: Request, user: OptionalUser) -> None:
    """App-wide: every route except PUBLIC_PATHS needs a logged-in user."""
    if request.scope["path"] not in PUBLIC_PATHS and user is None:
        raise LoginRequired()


async def verify_csrf(request: Request) -> str:
    """App-wide: a state-changing request must carry the session's token, in the
    X-CSRF-Token header (htmx, from hx-headers on <body>) or the csrf_token form field."""
    token = get_session(request).csrf
    if request.method in SAFE_METHODS:
        return token
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise CsrfFailed()
    sent = request.headers.get(CSRF_HEADER)
    if not sent and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not secrets.compare_digest(sent.encode(), token.encode()):
        raise CsrfFailed()
    return token


Csrf = Annotated[str, Depends(verify_csrf)]


def get_templates() -> Jinja2Templates:
    return templates


Templates = Annotated[Jinja2Templates, Depends(get_templates)]
