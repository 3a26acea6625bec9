"""Audit log: filtered list, CSV download, hash-chain check, and the retention dry run."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from pantau import audit
from pantau.cellsafe import safe_row
from pantau.models import AuditEvent, Role
from pantau.retention import ACTION as PURGE_ACTION
from pantau.retention import purge
from pantau.settings import get_settings
from pantau.stats import Period, StatsError
from pantau.timeutil import local
from review_ui.deps import DbSession, Templates, require_role

router = APIRouter(dependencies=[require_role(Role.SUPERVISOR, Role.ADMIN)])
PAGE = 100
CSV_BATCH = 2_000


@dataclass
class AuditFilters:
    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    start: str = ""
    end: str = ""

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.actor:
            found.append(AuditEvent.actor == self.actor.strip().lower())
        if self.action:
            # "user." finds every user action; "user.create" finds just that one.
            prefix = self.action.strip().replace("%", "").replace("_", r"\_")
            found.append(AuditEvent.action.like(prefix + "%", escape="\\"))
        if self.object_type:
            found.append(AuditEvent.object_type == self.object_type.strip())
        if self.object_id:
            found.append(AuditEvent.object_id == self.object_id.strip())
        if self.start or self.end:
            lo, hi = self.period().bounds
            found += [AuditEvent.occurred_at >= lo, AuditEvent.occurred_at < hi]
        return found

    def period(self) -> Period:
        zone = get_settings().timezone
        try:
            start = date.fromisoformat(self.start) if self.start else date(2000, 1, 1)
            end = date.fromisoformat(self.end) if self.end else date(2999, 12, 31)
        except ValueError:
            raise StatsError("tanggal tidak valid (format TTTT-BB-HH)") from None
        return Period(start, end, zone)

    def query(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


def _filtered(filters: AuditFilters) -> Select[tuple[AuditEvent]]:
    return select(AuditEvent).where(*filters.conditions()).order_by(AuditEvent.id.desc())


def _page(
    request: Request,
    db: Session,
    templates: Templates,
    filters: AuditFilters,
    before: int | None = None,
    **extra: Any,
) -> Response:
    error, events = None, []
    try:
        query = _filtered(filters)
        if before:
            query = query.where(AuditEvent.id < before)
        events = list(db.scalars(query.limit(PAGE + 1)))
    except StatsError as exc:
        error = str(exc)
    more = len(events) > PAGE
    context = {
        "events": events[:PAGE],
        "filters": filters,
        "next_before": events[PAGE - 1].id if more else None,
        "error": error,
        "zone": get_settings().timezone,
        **extra,
    }
    status = 400 if error else 200
    return templates.TemplateResponse(request, "audit/index.html", context, status_code=status)


@router.get("/audit")
def audit_log(
    request: Request,
    db: DbSession,
    templates: Templates,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    start: str = "",
    end: str = "",
    before: int | None = None,
) -> Response:
    filters = AuditFilters(actor, action, object_type, object_id, start, end)
    return _page(request, db, templates, filters, before)


@router.post("/audit/verify")
def verify_chain(request: Request, db: DbSession, templates: Templates) -> Response:
    """Re-hash the whole chain; the result is shown above the log."""
    result = audit.verify(db)
    return _page(request, db, templates, AuditFilters(), verify=result)


def _csv_rows(db: Session, filters: AuditFilters) -> Iterator[str]:
    zone = get_settings().timezone
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = ["id", "waktu", "pelaku", "tindakan", "jenis_objek", "id_objek", "rincian"]
    writer.writerow([*header, "hash_sebelumnya", "hash"])
    yield "\ufeff" + buffer.getvalue()
    last: int | None = None
    while True:
        query = _filtered(filters)
        if last is not None:
            query = query.where(AuditEvent.id < last)
        batch = list(db.scalars(query.limit(CSV_BATCH)))
        if not batch:
            return
        buffer.seek(0)
        buffer.truncate()
        for e in batch:
            writer.writerow(
                safe_row(  # actors and object ids may be user text (issue 16)
                    [
                        e.id,
                        local(e.occurred_at, zone).isoformat(timespec="seconds"),
                        e.actor,
                        e.action,
                        e.object_type,
                        e.object_id,
                        json.dumps(e.details, ensure_ascii=False, sort_keys=True),
                        e.prev_hash,
                        e.hash,
                    ]
                )
            )
        yield buffer.getvalue()
        last = batch[-1].id


@router.get("/audit/export.csv")
def export_csv(
    db: DbSession,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    start: str = "",
    end: str = "",
) -> Response:
    filters = AuditFilters(actor, action, object_type, object_id, start, end)
    try:
        filters.conditions()
    except StatsError as exc:
        return Response(str(exc), status_code=400, media_type="text/plain; charset=utf-8")
    # Written whole before the response starts: the request's session closes after it.
    body = "".join(_csv_rows(db, filters)).encode("utf-8")
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="pantau-audit.csv"'},
    )


@router.get("/audit/retention")
def retention(request: Request, db: DbSession, templates: Templates, uji: bool = False) -> Response:
    """What retention keeps and purges; `uji=1` counts what a purge would remove now."""
    settings = get_settings()
    report = purge(db, dry_run=True) if uji else None
    last_purges = list(
        db.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == PURGE_ACTION)
            .order_by(AuditEvent.id.desc())
            .limit(10)
        )
    )
    context = {
        "report": report,
        "retention_days": settings.retention_days,
        "last_purges": last_purges,
        "zone": settings.timezone,
    }
    return templates.TemplateResponse(request, "audit/retention.html", context)
