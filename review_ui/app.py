"""The app factory: routers from the registry, static files, sessions, security headers."""

from __future__ import annotations

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from pantau.settings import Settings, get_settings
from review_ui import errors
from review_ui.deps import require_login, verify_csrf
from review_ui.routers import ROUTERS
from review_ui.security import SecurityHeadersMiddleware, install_out_of_range, secret_key
from review_ui.sessions import SessionCodec, SessionMiddleware
from review_ui.templating import STATIC_DIR


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Pantau",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        # Every route needs a login (except deps.PUBLIC_PATHS) and every state-changing
        # request a CSRF token, whether or not the route asks for them itself.
        dependencies=[Depends(require_login), Depends(verify_csrf)],
    )
    app.state.settings = settings
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    codec = SessionCodec(secret_key(settings), settings.session_hours * 3600)
    app.add_middleware(SessionMiddleware, codec=codec, force_secure=settings.force_https)
    # outermost: errors get headers too
    app.add_middleware(SecurityHeadersMiddleware, force_https=settings.force_https)
    errors.install(app)
    install_out_of_range(app)
    return app
