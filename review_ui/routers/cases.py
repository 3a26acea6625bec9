"""Case pages: list, "Buat kasus" from items, the case with its report, approval (four
eyes), delivery status, downloads and follow-up."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from complaints.bundle import BundleError, build_bundle, bundle_file_name
from complaints.pdf import render_pdf
from complaints.report import render_html, report_css
from pantau import audit, cases, outbox, review
from pantau.case_intake import create_case
from pantau.cases import CaseError
from pantau.followup import import_follow_up, parse_status
from pantau.models import (
    Case,
    CaseStatus,
    CivilServant,
    Outbox,
    OutboxStatus,
    ReviewItem,
    Role,
    User,
)
from pantau.registries.csvio import ImportRejected
from pantau.scope import scope_filter
from pantau.settings import get_settings
from pantau.timeutil import local, utcnow
from review_ui.deps import AppSettings, CurrentUser, DbSession, SupervisorUser, Templates
from review_ui.labels import CASE_STATUS_LABELS
from review_ui.messages import flash_from

router = APIRouter(prefix="/cases")
S = CaseStatus
SEND_NOW_TIMEOUT_S = 120


@router.get("/assets/cases.css")
def stylesheet(templates: Templates) -> Response:
    """The report's and these pages' styles (the CSP allows only same-origin styles)."""
    own = templates.get_template("cases/cases.css").render()
    return Response(report_css() + own, media_type="text/css")


def render_list(
    request: Request,
    db: Session,
    user: User,
    templates: Templates,
    status: str = "",
    *,
    import_errors: list[str] | None = None,
) -> Response:
    query = select(Case).where(scope_filter(Case.region_code, user.region_scope))
    if status in CASE_STATUS_LABELS:
        query = query.where(Case.status == S(status))
    rows = list(db.scalars(query.order_by(Case.id.desc()).limit(200)))
    deliveries = {
        o.case_id: o
        for o in db.scalars(select(Outbox).where(Outbox.case_id.in_([c.id for c in rows])))
    }
    context = {
        "rows": rows,
        "deliveries": deliveries,
        "status": status,
        "failed": outbox.failed_count(db, user.region_scope),
        "flash": flash_from(request.query_params),
        "import_errors": import_errors or [],
    }
    code = 422 if import_errors else 200
    return templates.TemplateResponse(request, "cases/index.html", context, status_code=code)


@router.get("")
def case_list(
    request: Request,
    db: DbSession,
    user: CurrentUser,
    templates: Templates,
    status: Annotated[str, Query()] = "",
) -> Response:
    return render_list(request, db, user, templates, status)


@router.get("/new")
def new_case(
    request: Request,
    db: DbSession,
    user: CurrentUser,
    templates: Templates,
    item: Annotated[list[int], Query()] = [],  # noqa: B006 - FastAPI reads the default
) -> Response:
    return _render_new(request, db, user, templates, item)


def _render_new(
    request: Request,
    db: Session,
    user: User,
    templates: Templates,
    item_ids: list[int],
    *,
    error: str | None = None,
    nip: str = "",
    summary: str = "",
) -> Response:
    items: list[ReviewItem] = []
    for item_id in dict.fromkeys(item_ids):
        try:
            items.append(review.get_item(db, item_id, user))
        except review.NotFound:
            raise HTTPException(404) from None
    linked = {i.post.account.civil_servant for i in items if i.post.account.civil_servant}
    context = {
        "items": items,
        "civil_servant": next(iter(linked)) if len(linked) == 1 else None,
        "needs_nip": not items or any(i.post.account.civil_servant_id is None for i in items),
        "error": error,
        "nip": nip,
        "summary": summary,
    }
    return templates.TemplateResponse(
        request, "cases/new.html", context, status_code=409 if error else 200
    )


NIP_NOT_FOUND = "NIP {nip} tidak ditemukan di registri ASN wilayah tugas Anda."


@router.post("")
def create(
    request: Request,
    db: DbSession,
    user: CurrentUser,
    templates: Templates,
    item: Annotated[list[int], Form()],
    nip: Annotated[str, Form()] = "",
    summary: Annotated[str, Form()] = "",
) -> Response:
    cs_id = None
    if nip.strip():
        wanted = "".join(nip.split())
        # Out of scope answers exactly like unknown: no names across regions (issue 16).
        cs_id = db.scalar(
            select(CivilServant.id).where(
                CivilServant.nip == wanted,
                scope_filter(CivilServant.region_code, user.region_scope),
            )
        )
        if cs_id is None:
            error = NIP_NOT_FOUND.format(nip=nip.strip())
            return _render_new(request, db, user, templates, item, error=error, nip=nip)
    try:
        with db.begin_nested():
            case = create_case(db, user, item, civil_servant_id=cs_id, summary=summary)
    except CaseError as exc:
        return _render_new(
            request, db, user, templates, item, error=str(exc), nip=nip, summary=summary
        )
    return RedirectResponse(f"/cases/{case.id}?pesan=dibuat", status_code=303)


def _load(db: Session, case_id: int, user: User) -> Case:
    try:
        return cases.get_case(db, case_id, user)
    except cases.NotFound:
        raise HTTPException(404) from None


def _permissions(case: Case, user: User, delivery: Outbox | None) -> dict[str, Any]:
    supervisor = user.role in (Role.SUPERVISOR, Role.ADMIN)
    owner = case.created_by_id == user.id
    editable = case.status in (S.DRAFT, S.RETURNED) and (owner or supervisor)
    pending = case.status is S.PENDING_APPROVAL
    after = (
        cases.FOLLOW_UP[cases.FOLLOW_UP.index(case.status) + 1 :]
        if (case.status in cases.FOLLOW_UP)
        else ()
    )
    return {
        "can_edit": editable,
        "can_approve": pending and supervisor and not owner,
        "own_pending": pending and supervisor and owner,
        "can_return": pending and supervisor and not owner,
        # Outcomes are recorded by supervisors and admins only (issue 16).
        "follow_up_choices": [(s.value, CASE_STATUS_LABELS[s.value]) for s in after]
        if supervisor
        else [],
        "can_requeue": supervisor and delivery is not None and delivery.status.value == "failed",
        "can_send_now": supervisor and delivery is not None and delivery.status.value == "pending",
    }


def render_case(
    request: Request,
    db: Session,
    user: User,
    templates: Templates,
    case_id: int,
    *,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    case = _load(db, case_id, user)
    delivery = outbox.latest_for_case(db, case.id)
    payload = outbox.payload_for(db, case)
    context = {
        "case": case,
        "delivery": delivery,
        # complaints renders it with autoescape on: the posts' text is escaped there.
        "report": Markup(render_html(payload, standalone=False)),
        "failed": outbox.failed_count(db, user.region_scope),
        "error": error,
        "flash": flash_from(request.query_params),
        "today": local(utcnow(), get_settings().timezone).date().isoformat(),
        **_permissions(case, user, delivery),
    }
    return templates.TemplateResponse(
        request, "cases/detail.html", context, status_code=status_code
    )


@router.get("/{case_id}")
def case_page(
    case_id: int, request: Request, db: DbSession, user: CurrentUser, templates: Templates
) -> Response:
    return render_case(request, db, user, templates, case_id)


def _act(
    request: Request,
    db: Session,
    user: User,
    templates: Templates,
    case_id: int,
    action: Any,
    done: str,
) -> Response:
    """Run one state-machine move; on refusal show the case again with the reason."""
    try:
        with db.begin_nested():
            action()
    except cases.NotFound:
        raise HTTPException(404) from None
    except CaseError as exc:
        code = 403 if isinstance(exc, cases.NotAllowed) else 409
        return render_case(request, db, user, templates, case_id, error=str(exc), status_code=code)
    return RedirectResponse(f"/cases/{case_id}?pesan={done}", status_code=303)


Version = Annotated[int, Form()]


@router.post("/{case_id}/submit")
def submit(
    case_id: int, request: Request, db: DbSession, user: CurrentUser, templates: Templates,
    version: Version,
) -> Response:  # fmt: skip
    move = lambda: cases.submit(db, case_id, user, expected_version=version)  # noqa: E731
    return _act(request, db, user, templates, case_id, move, "diajukan")


@router.post("/{case_id}/edit")
def edit(
    case_id: int, request: Request, db: DbSession, user: CurrentUser, templates: Templates,
    version: Version, summary: Annotated[str, Form()] = "",
    legal_basis: Annotated[str, Form()] = "",
) -> Response:  # fmt: skip
    def move() -> None:
        cases.edit(
            db, case_id, user, expected_version=version, summary=summary, legal_basis=legal_basis
        )

    return _act(request, db, user, templates, case_id, move, "disunting")


@router.post("/{case_id}/approve")
def approve(
    case_id: int, request: Request, db: DbSession, user: CurrentUser, templates: Templates,
    version: Version,
) -> Response:  # fmt: skip
    # No role gate here on purpose: the state machine refuses analysts and the creator,
    # and the page then says why.
    move = lambda: cases.approve(db, case_id, user, expected_version=version)  # noqa: E731
    return _act(request, db, user, templates, case_id, move, "disetujui")


@router.post("/{case_id}/return")
def return_case(
    case_id: int, request: Request, db: DbSession, user: CurrentUser, templates: Templates,
    version: Version, note: Annotated[str, Form()] = "",
) -> Response:  # fmt: skip
    move = lambda: cases.return_case(db, case_id, user, note, expected_version=version)  # noqa: E731
    return _act(request, db, user, templates, case_id, move, "dikembalikan")


@router.post("/{case_id}/withdraw")
def withdraw(
    case_id: int, request: Request, db: DbSession, user: CurrentUser, templates: Templates,
    version: Version, note: Annotated[str, Form()] = "",
) -> Response:  # fmt: skip
    move = lambda: cases.withdraw(db, case_id, user, note, expected_version=version)  # noqa: E731
    return _act(request, db, user, templates, case_id, move, "ditarik")


@router.post("/{case_id}/follow-up")
def follow_up(
    case_id: int, request: Request, db: DbSession, user: SupervisorUser, templates: Templates,
    version: Version, status: Annotated[str, Form()], on: Annotated[date, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:  # fmt: skip
    def move() -> None:
        try:
            target = parse_status(status)
        except ValueError as exc:
            raise CaseError(str(exc)) from None
        cases.record_follow_up(db, case_id, user, target, on, note, expected_version=version)

    return _act(request, db, user, templates, case_id, move, "tindak-lanjut")


@router.post("/{case_id}/requeue")
def requeue(
    case_id: int, request: Request, db: DbSession, user: SupervisorUser, templates: Templates
) -> Response:
    case = _load(db, case_id, user)
    row = outbox.latest_for_case(db, case.id)
    if row is None:
        raise HTTPException(404)
    move = lambda: outbox.requeue(db, row.id, user)  # noqa: E731
    return _act(request, db, user, templates, case_id, move, "kirim-ulang")


@router.post("/{case_id}/send-now")
def send_now(case_id: int, db: DbSession, user: SupervisorUser, settings: AppSettings) -> Response:
    """Run the export now instead of at the next scheduled run. The UI never delivers
    itself (import contract): it runs `pantau complaints deliver`, which also sends any
    other delivery already due."""
    case = _load(db, case_id, user)
    row = outbox.latest_for_case(db, case.id)
    if row is None or row.status is not OutboxStatus.PENDING:
        raise HTTPException(409, "Tidak ada pengiriman yang menunggu untuk kasus ini.")
    audit.record(db, user, "case.send_now", "case", case.id, {"outbox_id": row.id})
    db.commit()
    env = {**os.environ, "PANTAU_DATABASE_URL": settings.effective_database_url}
    command = [sys.executable, "-m", "pantau", "complaints", "deliver", "--limit", "50"]
    subprocess.run(command, env=env, capture_output=True, timeout=SEND_NOW_TIMEOUT_S, check=False)
    db.refresh(row)
    code = "terkirim" if row.status is OutboxStatus.DELIVERED else "kirim-tertunda"
    return RedirectResponse(f"/cases/{case.id}?pesan={code}", status_code=303)


@router.get("/{case_id}/laporan.pdf")
def report_pdf(case_id: int, db: DbSession, user: CurrentUser) -> Response:
    case = _load(db, case_id, user)
    data = render_pdf(outbox.payload_for(db, case))
    name = bundle_file_name(case.number).removesuffix(".zip") + ".pdf"
    _record_download(db, user, case, name, data)
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type="application/pdf", headers=headers)


@router.get("/{case_id}/bundle.zip")
def bundle(
    case_id: int, request: Request, db: DbSession, user: CurrentUser, templates: Templates
) -> Response:
    case = _load(db, case_id, user)
    try:
        data = build_bundle(db, outbox.payload_for(db, case))
    except BundleError as exc:
        message = f"Bundel bukti tidak dapat dibuat: {exc}"
        return render_case(request, db, user, templates, case_id, error=message, status_code=409)
    name = bundle_file_name(case.number)
    _record_download(db, user, case, name, data)
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type="application/zip", headers=headers)


def _record_download(db: Session, user: User, case: Case, name: str, data: bytes) -> None:
    # Chain of custody: who took which report or bundle out, with the hash of what they got.
    details = {"number": case.number, "file": name, "sha256": hashlib.sha256(data).hexdigest()}
    audit.record(db, user, "case.download", "cases", case.id, details)


@router.post("/follow-up")
def follow_up_import(
    request: Request, db: DbSession, user: SupervisorUser, templates: Templates, file: UploadFile
) -> Response:
    """The receiving body's CSV (case_number,status,date,note): all rows or none."""
    limit = get_settings().upload_max_bytes
    data = file.file.read(limit + 1)  # never read an upload of any size (issue 16)
    if len(data) > limit:
        errors = [f"Berkas lebih dari {limit // (1024 * 1024)} MiB."]
        return render_list(request, db, user, templates, import_errors=errors)
    try:
        with db.begin_nested():
            report = import_follow_up(db, data, user)
    except ImportRejected as exc:
        errors = [str(e) for e in exc.errors]  # "Baris N: ..."
        return render_list(request, db, user, templates, import_errors=errors)
    done = "tindak-lanjut-impor" if report.recorded else "tindak-lanjut-sama"
    return RedirectResponse(f"/cases?pesan={done}", status_code=303)
