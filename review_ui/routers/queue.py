"""The review queue."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from pantau.models import ReviewItem, ReviewStatus
from pantau.scope import scope_filter
from review_ui.deps import CurrentUser, DbSession, Templates

router = APIRouter()


@router.get("/")
def home() -> Response:
    return RedirectResponse("/queue", status_code=303)


@router.get("/queue")
def queue_page(
    request: Request, db: DbSession, user: CurrentUser, templates: Templates
) -> Response:
    items = db.scalars(
        select(ReviewItem)
        .where(
            ReviewItem.status == ReviewStatus.QUEUED,
            scope_filter(ReviewItem.region_code, user.region_scope),
        )
        .order_by(ReviewItem.priority.desc(), ReviewItem.id)
        .limit(50)
    ).all()
    return templates.TemplateResponse(request, "queue/index.html", {"items": items})
