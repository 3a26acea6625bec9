"""Opening a case: confirmed review items about one civil servant become a draft case."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau import audit, casefile
from pantau.cases import (
    OPEN_STATES,
    CaseError,
    InvalidTransition,
    NotAllowed,
    NotFound,
    record_event,
)
from pantau.db import is_postgres
from pantau.models import (
    Account,
    AsnStatus,
    Case,
    CaseStatus,
    CivilServant,
    Decision,
    Post,
    ReviewItem,
    ReviewStatus,
    User,
    Verdict,
    case_posts,
)
from pantau.scope import in_scope
from pantau.timeutil import utcnow


@dataclass(frozen=True)
class Findings:
    items: list[ReviewItem]
    posts: list[Post]
    civil_servant: CivilServant
    violation_codes: list[str]


def create_case(
    session: Session,
    user: User,
    item_ids: Sequence[int],
    *,
    civil_servant_id: int | None = None,
    summary: str = "",
    now: datetime | None = None,
) -> Case:
    """Group confirmed review items about one civil servant into a draft case. Accounts
    without a registry link are linked to `civil_servant_id` when the analyst names one."""
    now = now or utcnow()
    found = load_findings(session, user, item_ids, civil_servant_id)
    cs = found.civil_servant
    try:
        legal_basis = casefile.legal_basis_for(found.violation_codes)
        number = casefile.allocate_number(session, now=now)
    except casefile.CaseFileError as exc:
        raise CaseError(str(exc)) from None
    accounts = {p.account_id for p in found.posts}
    case = Case(
        number=number,
        office_code=casefile.get_settings().office_code,
        civil_servant_id=cs.id,
        account_id=accounts.pop() if len(accounts) == 1 else None,
        violation_codes=found.violation_codes,
        position_category=cs.position_category,
        agency=cs.agency,
        region_code=cs.region_code,
        chronology=casefile.chronology(found.posts),
        legal_basis=legal_basis,
        status=CaseStatus.DRAFT,
        created_by_id=user.id,
        created_at=now,
    )
    session.add(case)
    session.flush()
    case.posts = list(found.posts)
    case.summary = summary.strip() or casefile.default_summary(case, found.posts)
    session.flush()
    data = {"items": [i.id for i in found.items], "posts": [p.id for p in found.posts]}
    record_event(session, case, "created", user, data=data, at=now)
    return case


def load_findings(
    session: Session, user: User, item_ids: Sequence[int], civil_servant_id: int | None
) -> Findings:
    ids = sorted(set(item_ids))
    if not ids:
        raise CaseError("pilih minimal satu butir yang sudah dikonfirmasi")
    query = select(ReviewItem).where(ReviewItem.id.in_(ids)).order_by(ReviewItem.id)
    if is_postgres(session):
        # Two analysts grouping the same item: the second waits here, then sees the
        # first one's case in the open-case check below.
        query = query.with_for_update(of=ReviewItem)
    items = list(session.scalars(query.execution_options(populate_existing=True)))
    by_id = {i.id: i for i in items}
    for item_id in ids:
        item = by_id.get(item_id)
        if item is None or not in_scope(item.region_code, user.region_scope):
            raise NotFound(f"butir {item_id} tidak ditemukan")
        if item.status is not ReviewStatus.CONFIRMED:
            raise InvalidTransition(
                f"butir {item_id} belum dikonfirmasi (status {item.status.value})"
            )
    _refuse_open_cases(session, items)
    codes = _violation_codes(session, items)
    posts = [i.post for i in items]
    cs = _civil_servant(session, user, posts, civil_servant_id)
    return Findings(items, posts, cs, codes)


def _refuse_open_cases(session: Session, items: list[ReviewItem]) -> None:
    row = session.execute(
        select(case_posts.c.post_id, Case.number)
        .join(Case, Case.id == case_posts.c.case_id)
        .where(case_posts.c.post_id.in_([i.post_id for i in items]), Case.status.in_(OPEN_STATES))
        .limit(1)
    ).first()
    if row is not None:
        item = next(i for i in items if i.post_id == row.post_id)
        raise InvalidTransition(
            f"butir {item.id} sudah masuk kasus {row.number} yang masih terbuka"
        )


def _violation_codes(session: Session, items: list[ReviewItem]) -> list[str]:
    """The violation code of each item's latest confirmation (an analyst's, or a
    supervisor's resolution of an escalation)."""
    rows = session.execute(
        select(Decision.review_item_id, Decision.violation_code)
        .where(
            Decision.review_item_id.in_([i.id for i in items]),
            Decision.verdict == Verdict.CONFIRM,
        )
        .order_by(Decision.id)
    ).all()
    latest = {item_id: code for item_id, code in rows}
    for item in items:
        if not latest.get(item.id):
            raise CaseError(f"butir {item.id} tidak memiliki konfirmasi dengan kode pelanggaran")
    return sorted({code for code in latest.values() if code})


def _civil_servant(
    session: Session, user: User, posts: list[Post], civil_servant_id: int | None
) -> CivilServant:
    accounts = list({p.account_id: p.account for p in posts}.values())
    linked = {a.civil_servant_id for a in accounts if a.civil_servant_id is not None}
    if len(linked) > 1:
        raise NotAllowed("butir-butir ini milik ASN yang berbeda; satu kasus hanya untuk satu ASN")
    if civil_servant_id is None:
        if not linked or any(a.civil_servant_id is None for a in accounts):
            raise CaseError("akun belum tertaut ke registri ASN; pilih ASN yang dimaksud")
        civil_servant_id = next(iter(linked))
    elif linked and linked != {civil_servant_id}:
        raise NotAllowed("akun ini sudah tertaut ke ASN lain di registri")
    cs = session.get(CivilServant, civil_servant_id)
    # One answer for "no such person" and "not in your region": no names leak (issue 16).
    if cs is None or not in_scope(cs.region_code, user.region_scope):
        raise NotFound("ASN tidak ditemukan di registri wilayah tugas Anda")
    for account in accounts:
        if account.civil_servant_id is None:
            _link(session, user, account, cs)
    return cs


def _link(session: Session, user: User, account: Account, cs: CivilServant) -> None:
    account.civil_servant_id = cs.id
    account.asn_status = AsnStatus.CONFIRMED
    note = {"kind": "analyst", "by": user.username, "nip": cs.nip, "at": utcnow().isoformat()}
    account.asn_evidence = [*account.asn_evidence, note]
    session.flush()
    details = {"civil_servant_id": cs.id, "nip": cs.nip}
    audit.record(session, user, "account.link", "account", account.id, details)
