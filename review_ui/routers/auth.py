"""Login and logout."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from review_ui import logins
from review_ui.deps import AppSettings, Csrf, CurrentUser, DbSession, OptionalUser, Templates
from review_ui.errors import safe_next
from review_ui.sessions import get_session

router = APIRouter()


@router.get("/login")
def login_page(
    request: Request, user: OptionalUser, templates: Templates, next: str = "/"
) -> Response:
    if user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return templates.TemplateResponse(request, "login.html", {"next": safe_next(next)})


@router.post("/login")
def login(
    request: Request,
    db: DbSession,
    settings: AppSettings,
    templates: Templates,
    _csrf: Csrf,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    client = request.client.host if request.client else ""
    result = logins.attempt(db, username, password, settings, client)
    if result.user is None:
        context = {"next": safe_next(next), "error": result.error, "username": username}
        if result.retry_after_s:
            headers = {"Retry-After": str(result.retry_after_s)}
            return templates.TemplateResponse(
                request, "login.html", context, status_code=429, headers=headers
            )
        return templates.TemplateResponse(request, "login.html", context, status_code=401)
    user = result.user
    get_session(request).log_in(user.id, user.password_hash, user.session_generation)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, db: DbSession, user: CurrentUser, _csrf: Csrf) -> Response:
    logins.log_out(db, user)
    get_session(request).log_out()
    return RedirectResponse("/login?keluar=1", status_code=303)
