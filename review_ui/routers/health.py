"""Health check for load balancers and the process supervisor (public, no login)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from review_ui.deps import DbSession

router = APIRouter()


@router.get("/healthz")
def healthz(db: DbSession) -> dict[str, str]:
    db.execute(text("SELECT 1"))
    return {"status": "ok"}
