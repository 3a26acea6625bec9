"""Administration (admins only): users, sources and crawls, registries, models, settings."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from pantau.models import Role
from review_ui.deps import require_role
from review_ui.routers.admin import config, crawl, models, registries, sources, users
from review_ui.routers.admin.common import redirect

router = APIRouter(prefix="/admin", dependencies=[require_role(Role.ADMIN)])


@router.get("")
def admin_home() -> Response:
    return redirect("/admin/users")


for part in (users, sources, crawl, registries, models, config):
    router.include_router(part.router)
