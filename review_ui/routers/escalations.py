"""Escalated items waiting for a supervisor (resolved on the item page)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import func, select

from pantau.models import Account, Decision, Post, ReviewItem, ReviewStatus, User, Verdict
from pantau.scope import scope_filter
from review_ui.deps import DbSession, SupervisorUser, Templates

router = APIRouter()
LIMIT = 200


@router.get("/escalations")
def escalations(
    request: Request, db: DbSession, user: SupervisorUser, templates: Templates
) -> Response:
    last = (
        select(func.max(Decision.id))
        .where(Decision.review_item_id == ReviewItem.id, Decision.verdict == Verdict.ESCALATE)
        .correlate(ReviewItem)
        .scalar_subquery()
    )
    query = (
        select(
            ReviewItem.id.label("item_id"),
            ReviewItem.region_code,
            Account.handle,
            func.substr(Post.text, 1, 200).label("excerpt"),
            Decision.notes,
            Decision.created_at.label("escalated_at"),
            User.full_name.label("reviewer"),
        )
        .join(Post, Post.id == ReviewItem.post_id)
        .join(Account, Account.id == Post.account_id)
        .outerjoin(Decision, Decision.id == last)
        .outerjoin(User, User.id == Decision.reviewer_id)
        .where(
            ReviewItem.status == ReviewStatus.ESCALATED,
            scope_filter(ReviewItem.region_code, user.region_scope),
        )
        .order_by(ReviewItem.priority.desc(), ReviewItem.id)
        .limit(LIMIT)
    )
    rows = db.execute(query).all()
    return templates.TemplateResponse(request, "escalations/index.html", {"rows": rows})
