"""The review queue: filters in the URL, keyset pages, counts, take-next, bulk dismissal."""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup, escape
from sqlalchemy import select

from pantau import review
from pantau.models import Account, Candidate, Contest, DismissReason, Platform, PostOrigin
from pantau.regions import region_names
from pantau.scope import in_scope
from review_ui import bulk, queue_query
from review_ui.deps import AppSettings, CurrentUser, DbSession, Templates
from review_ui.messages import flash_from
from review_ui.queue_filters import LINKED_CHOICES, STATUS_CHOICES, parse
from review_ui.routers.accounts import visible_account

router = APIRouter()


@router.get("/")
def home() -> Response:
    return RedirectResponse("/queue", status_code=303)


@router.get("/queue")
def queue_page(
    request: Request, db: DbSession, user: CurrentUser, templates: Templates, settings: AppSettings
) -> Response:
    filters, errors = parse(request.query_params)
    page = queue_query.fetch_page(db, filters, user, settings.timezone)
    counts = queue_query.status_counts(db, filters, user, settings.timezone)
    account = _visible_account(db, filters.account, user)
    context = {
        "filters": filters,
        "filter_errors": errors,
        "page": page,
        "counts": counts,
        "counts_partial": queue_query.counts_ignore_filters(filters),
        "status_choices": STATUS_CHOICES,
        "linked_choices": LINKED_CHOICES,
        "platforms": [p.value for p in Platform],
        "origins": [o.value for o in PostOrigin],
        "region_options": region_options(user.region_scope, filters.region),
        "contests": _contests(db, user.region_scope),
        "account": account,
        "open_of_account": bulk.count_open_of_account(db, account.id, user) if account else 0,
        "flash": flash_from(request.query_params),
    }
    return templates.TemplateResponse(request, "queue/index.html", context)


def _visible_account(db: DbSession, account_id: int | None, user: CurrentUser) -> Account | None:
    """The account banner only for accounts the account routes would show (issue 16, #4)."""
    if account_id is None:
        return None
    try:
        return visible_account(db, account_id, user)
    except HTTPException:
        return None


@functools.lru_cache(maxsize=64)
def _region_options(scope: str | None) -> str:
    # ~500 options for a national user: build the markup once per scope, not per request.
    return "".join(
        f'<option value="{escape(code)}">{escape(code)} · {escape(name)}</option>'
        for code, name in region_names().items()
        if in_scope(code, scope)
    )


def region_options(scope: str | None, selected: str) -> Markup:
    options = _region_options(scope)
    if selected:
        mark = f'<option value="{escape(selected)}">'
        options = options.replace(mark, mark[:-1] + " selected>", 1)
    return Markup(options)


def _contests(db: DbSession, scope: str | None) -> list[tuple[Contest, list[Candidate]]]:
    contests = db.scalars(select(Contest).order_by(Contest.election_date, Contest.code)).all()
    visible = [
        c
        for c in contests
        if c.region_code is None
        or in_scope(c.region_code, scope)
        or (scope is not None and in_scope(scope, c.region_code))
    ]
    return [(c, list(c.candidates)) for c in visible]


@router.post("/queue/next")
def take_next(db: DbSession, user: CurrentUser) -> Response:
    """Claim the highest-priority claimable item in the user's scope and open it."""
    item = review.claim_next(db, user)
    queue_query.forget_counts()
    if item is None:
        return RedirectResponse("/queue?pesan=kosong", status_code=303)
    return RedirectResponse(f"/items/{item.id}", status_code=303)


@router.post("/queue/bulk/duplicates")
def dismiss_duplicates(
    request: Request,
    db: DbSession,
    user: CurrentUser,
    templates: Templates,
    item_ids: Annotated[list[int], Form(alias="item")] = [],  # noqa: B006
    confirmed: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "/queue",
) -> Response:
    """First call: show the count and ask. Second call (confirmed=1): dismiss each item."""
    if not item_ids:
        raise HTTPException(400, "Pilih minimal satu butir terlebih dahulu.")
    items = bulk.visible_open_items(db, item_ids, user)
    if confirmed != "1":
        context = {
            "items": items,
            "action": "/queue/bulk/duplicates",
            "title": "Tolak butir terpilih sebagai duplikat",
            "reason_label": "Duplikat",
            "hidden_ids": [i.id for i in items],
            "back": back if back.startswith("/queue") else "/queue",
        }
        return templates.TemplateResponse(request, "queue/bulk_confirm.html", context)
    result = bulk.dismiss_each(db, [i.id for i in items], user, DismissReason.DUPLICATE)
    return RedirectResponse(result.redirect_to("/queue"), status_code=303)
