"""Accounts: link to a civil servant in the registry, mark 'not ASN', dismiss their items.

An account is reachable only through an item in the user's scope; otherwise it is a 404.
Every change is audited.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import exists, or_, select

from pantau import audit
from pantau.models import (
    Account,
    AsnStatus,
    CivilServant,
    DismissReason,
    Post,
    ReviewItem,
    User,
)
from pantau.scope import scope_filter
from pantau.timeutil import utcnow
from review_ui import bulk
from review_ui.deps import CurrentUser, DbSession, Templates

router = APIRouter(prefix="/accounts")
SEARCH_LIMIT = 20


def visible_account(db: DbSession, account_id: int, user: User) -> Account:
    has_item = exists().where(
        ReviewItem.post_id == Post.id,
        Post.account_id == account_id,
        scope_filter(ReviewItem.region_code, user.region_scope),
    )
    account = db.get(Account, account_id)
    if account is None or not db.scalar(select(has_item)):
        raise HTTPException(404)
    return account


def _back(item: int | None, code: str) -> Response:
    target = f"/items/{item}" if item else "/queue"
    return RedirectResponse(f"{target}?pesan={code}", status_code=303)


def _note(user: User, kind: str, **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "by": user.username, "at": utcnow().isoformat(), **extra}


@router.get("/{account_id}/civil-servants")
def search_civil_servants(
    account_id: int,
    request: Request,
    db: DbSession,
    user: CurrentUser,
    templates: Templates,
    q: Annotated[str, Query(max_length=100)] = "",
    item: int | None = None,
) -> Response:
    """Registry entries in the user's scope whose NIP starts with, or name contains, q."""
    account = visible_account(db, account_id, user)
    term = q.strip()
    results: list[CivilServant] = []
    if len(term) >= 3:
        digits = term.replace(" ", "")
        like = "%" + term.replace("\\", "").replace("%", "").replace("_", "") + "%"
        results = list(
            db.scalars(
                select(CivilServant)
                .where(
                    scope_filter(CivilServant.region_code, user.region_scope),
                    or_(
                        CivilServant.nip.startswith(digits, autoescape=True),
                        CivilServant.name.ilike(like),
                    ),
                )
                .order_by(CivilServant.name)
                .limit(SEARCH_LIMIT)
            )
        )
    context = {"account": account, "results": results, "q": term, "item_id": item}
    return templates.TemplateResponse(request, "accounts/_search.html", context)


@router.post("/{account_id}/link")
def link(
    account_id: int,
    db: DbSession,
    user: CurrentUser,
    civil_servant_id: Annotated[int, Form()],
    item: Annotated[int | None, Form()] = None,
) -> Response:
    account = visible_account(db, account_id, user)
    person = db.get(CivilServant, civil_servant_id)
    if person is None or not db.scalar(
        select(CivilServant.id).where(
            CivilServant.id == person.id, scope_filter(CivilServant.region_code, user.region_scope)
        )
    ):
        raise HTTPException(404)
    account.civil_servant_id = person.id
    account.asn_status = AsnStatus.CONFIRMED
    account.asn_evidence = [*account.asn_evidence, _note(user, "registry", nip=person.nip)]
    audit.record(
        db,
        user,
        "account.link",
        "account",
        account.id,
        {"civil_servant_id": person.id, "nip": person.nip},
    )
    return _back(item, "tertaut")


@router.post("/{account_id}/unlink")
def unlink(
    account_id: int, db: DbSession, user: CurrentUser, item: Annotated[int | None, Form()] = None
) -> Response:
    account = visible_account(db, account_id, user)
    previous = account.civil_servant_id
    account.civil_servant_id = None
    account.asn_status = AsnStatus.UNKNOWN
    account.asn_evidence = [*account.asn_evidence, _note(user, "analyst", text="tautan dilepas")]
    audit.record(db, user, "account.unlink", "account", account.id, {"civil_servant_id": previous})
    return _back(item, "lepas-tautan")


@router.post("/{account_id}/not-asn")
def mark_not_asn(
    account_id: int, db: DbSession, user: CurrentUser, item: Annotated[int | None, Form()] = None
) -> Response:
    account = visible_account(db, account_id, user)
    previous = account.asn_status.value
    account.asn_status = AsnStatus.NOT_ASN
    account.civil_servant_id = None
    account.asn_evidence = [*account.asn_evidence, _note(user, "analyst", text="bukan ASN")]
    audit.record(db, user, "account.mark_not_asn", "account", account.id, {"previous": previous})
    return _back(item, "bukan-asn")


@router.get("/{account_id}/dismiss-open")
def dismiss_open_preview(
    account_id: int,
    request: Request,
    db: DbSession,
    user: CurrentUser,
    templates: Templates,
    item: int | None = None,
) -> Response:
    account = visible_account(db, account_id, user)
    _require_not_asn(account)
    items = bulk.open_items_of_account(db, account.id, user)
    context = {
        "items": items,
        "action": f"/accounts/{account.id}/dismiss-open",
        "title": f"Tolak semua butir terbuka akun @{account.handle}",
        "reason_label": "Bukan ASN",
        "hidden_ids": [],
        "back": f"/items/{item}" if item else f"/queue?account={account.id}",
    }
    return templates.TemplateResponse(request, "queue/bulk_confirm.html", context)


@router.post("/{account_id}/dismiss-open")
def dismiss_open(
    account_id: int,
    db: DbSession,
    user: CurrentUser,
    confirmed: Annotated[str, Form()] = "",
) -> Response:
    account = visible_account(db, account_id, user)
    _require_not_asn(account)
    if confirmed != "1":
        return RedirectResponse(f"/accounts/{account.id}/dismiss-open", status_code=303)
    ids = [i.id for i in bulk.open_items_of_account(db, account.id, user)]
    result = bulk.dismiss_each(
        db, ids, user, DismissReason.NOT_ASN, notes="Akun ditandai bukan ASN"
    )
    return RedirectResponse(result.redirect_to(f"/queue?account={account.id}"), status_code=303)


def _require_not_asn(account: Account) -> None:
    if account.asn_status is not AsnStatus.NOT_ASN:
        raise HTTPException(409, "Tandai akun ini bukan ASN terlebih dahulu.")
