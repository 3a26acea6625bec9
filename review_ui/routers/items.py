"""The item page: read, claim, keep the lease, decide (and save-and-next), undo, reopen.

Every state-machine call runs in a savepoint (`with db.begin_nested()`): a refused move
rolls back only its own writes, and the message is built afterwards from the item as it
is now (review_forms.explain only reads).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from pantau import review, review_corrections, review_decisions
from pantau.models import ReviewItem, ReviewStatus, Role, User
from pantau.review import NotFound, ReviewError
from pantau.taxonomy import get_taxonomy
from pantau.timeutil import utcnow
from review_ui import images as item_images
from review_ui import item_view, queue_query
from review_ui.deps import CurrentUser, DbSession, Templates
from review_ui.labels import HISTORY_LABELS
from review_ui.messages import flash_from
from review_ui.review_forms import DecisionForm, check, explain

router = APIRouter()

DONE_MESSAGES = {"confirm": "dikonfirmasi", "dismiss": "ditolak", "escalate": "dieskalasi"}


def render_item(
    request: Request,
    db: Session,
    user: User,
    templates: Templates,
    item_id: int,
    *,
    error: str | None = None,
    form: DecisionForm | None = None,
    status_code: int = 200,
) -> Response:
    try:
        view = item_view.load(db, item_id, user)
    except NotFound:
        raise HTTPException(404) from None
    context = {
        "view": view,
        "item": view.item,
        "post": view.post,
        "account": view.account,
        "held": view.held_by(user),
        "can_resolve": view.item.status is ReviewStatus.ESCALATED
        and user.role in (Role.SUPERVISOR, Role.ADMIN),
        "lease_seconds": _lease_seconds(view.item),
        "taxonomy": get_taxonomy(),
        "verdict_labels": HISTORY_LABELS,
        "error": error,
        "form": form,
        "flash": flash_from(request.query_params),
        "undo": item_view.undo_offer(db, request.query_params.get("urung"), user),
        "violations": item_view.ordered_violations(),
        "can_reopen": user.role in (Role.SUPERVISOR, Role.ADMIN)
        and view.item.status in (ReviewStatus.CONFIRMED, ReviewStatus.DISMISSED),
        "images": item_images.panels(
            db, view.post.id, view.classification.matches if view.classification else None
        ),
    }
    return templates.TemplateResponse(
        request, "items/detail.html", context, status_code=status_code
    )


def _lease_seconds(item: ReviewItem) -> int:
    if item.claim_expires_at is None:
        return 0
    return max(int((item.claim_expires_at - utcnow()).total_seconds()), 0)


def attempt(
    request: Request,
    db: Session,
    user: User,
    templates: Templates,
    item_id: int,
    move: Callable[[], object],
    success: str | Callable[[], str],
    form: DecisionForm | None = None,
) -> Response:
    """Run one state-machine move in a savepoint, then redirect to `success` (a URL, or a
    function that works it out after the move). A refused move is rolled back alone and
    the page explains it (409). This is the one pattern for review routes (README)."""
    try:
        with db.begin_nested():
            move()
        queue_query.forget_counts()
    except NotFound:
        raise HTTPException(404) from None
    except ReviewError as exc:
        message = explain(db, exc, item_id, user)
        return render_item(
            request, db, user, templates, item_id, error=message, form=form, status_code=409
        )
    return RedirectResponse(success if isinstance(success, str) else success(), 303)


@router.get("/items/{item_id}")
def item_page(
    item_id: int, request: Request, db: DbSession, user: CurrentUser, templates: Templates
) -> Response:
    return render_item(request, db, user, templates, item_id)


@router.post("/items/{item_id}/claim")
def claim(
    item_id: int,
    request: Request,
    db: DbSession,
    user: CurrentUser,
    templates: Templates,
    version: Annotated[int, Form()],
) -> Response:
    def move() -> object:
        return review.claim(db, item_id, user, expected_version=version)

    return attempt(request, db, user, templates, item_id, move, f"/items/{item_id}?pesan=diambil")


@router.post("/items/{item_id}/renew")
def renew(
    item_id: int,
    request: Request,
    db: DbSession,
    user: CurrentUser,
    templates: Templates,
    version: Annotated[int, Form()],
) -> Response:
    """htmx polls this while the page is open; the fragment carries the new version."""
    try:
        with db.begin_nested():
            item = review.renew(db, item_id, user, expected_version=version)
        lost = None
    except NotFound:
        raise HTTPException(404) from None
    except ReviewError as exc:
        lost = explain(db, exc, item_id, user)
        item = review.get_item(db, item_id, user)
    context = {"item": item, "lease_seconds": _lease_seconds(item), "lost": lost}
    return templates.TemplateResponse(request, "items/_lease.html", context)


@router.post("/items/{item_id}/release")
def release(
    item_id: int,
    request: Request,
    db: DbSession,
    user: CurrentUser,
    templates: Templates,
    version: Annotated[int, Form()],
) -> Response:
    def move() -> object:
        return review.release(db, item_id, user, expected_version=version)

    return attempt(request, db, user, templates, item_id, move, "/queue?pesan=dilepas")


@router.post("/items/{item_id}/decide")
def decide(
    item_id: int,
    request: Request,
    db: DbSession,
    user: CurrentUser,
    templates: Templates,
    form: Annotated[DecisionForm, Form()],
) -> Response:
    decision, errors = check(form)
    if decision is None:
        message = " ".join(errors)
        return render_item(
            request, db, user, templates, item_id, error=message, form=form, status_code=422
        )

    def move() -> object:
        return review_decisions.decide(db, item_id, user, decision, expected_version=form.version)

    def after() -> str:
        done = DONE_MESSAGES[form.verdict]
        if not form.next:
            return f"/items/{item_id}?pesan={done}"
        following = review.claim_next(db, user)
        if following is None:
            return f"/queue?pesan=kosong&urung={item_id}"
        return f"/items/{following.id}?pesan={done}&urung={item_id}"

    return attempt(request, db, user, templates, item_id, move, after, form)


@router.post("/items/{item_id}/undo")
def undo(
    item_id: int,
    request: Request,
    db: DbSession,
    user: CurrentUser,
    templates: Templates,
    version: Annotated[int, Form()],
) -> Response:
    """Take one's own decision back: the item returns to the analyst's claim."""

    def move() -> object:
        return review_corrections.undo(db, item_id, user, expected_version=version)

    return attempt(
        request, db, user, templates, item_id, move, f"/items/{item_id}?pesan=diurungkan"
    )


@router.post("/items/{item_id}/reopen")
def reopen(
    item_id: int,
    request: Request,
    db: DbSession,
    user: CurrentUser,
    templates: Templates,
    version: Annotated[int, Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    """A supervisor returns a decided item to the queue, with a reason."""

    def move() -> object:
        return review_corrections.reopen(db, item_id, user, reason, expected_version=version)

    return attempt(
        request, db, user, templates, item_id, move, f"/items/{item_id}?pesan=dibuka-kembali"
    )
