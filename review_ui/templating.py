"""Jinja2 templates with the filters every page needs: local times, regions, and the
labels of review_ui.labels."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi.templating import Jinja2Templates
from starlette.requests import Request

from pantau.regions import region_name
from pantau.settings import get_settings
from pantau.taxonomy import get_taxonomy
from pantau.timeutil import local
from review_ui import nav
from review_ui.highlight import KIND_LABELS
from review_ui.labels import (
    ASN_LABELS,
    ASN_NOTE_LABELS,
    CASE_EVENT_LABELS,
    CASE_STATUS_LABELS,
    DELIVERY_LABELS,
    DESTINATION_LABELS,
    EVIDENCE_LABELS,
    ORIGIN_LABELS,
    PLATFORM_LABELS,
    POST_KIND_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
)
from review_ui.sessions import get_session

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def format_time(value: datetime | None, zone: str | None = None, *, with_date: bool = True) -> str:
    """'22 Nov 2025 14:05 WIB' in the configured zone; '—' for no time."""
    if value is None:
        return "—"
    shown = local(value, zone or get_settings().timezone)
    clock = f"{shown:%H:%M} {shown.tzname()}"
    if not with_date:
        return clock
    return f"{shown.day} {MONTHS[shown.month - 1]} {shown.year} {clock}"


def _waktu(value: datetime | None) -> str:
    return format_time(value)


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def safe_url(value: str | None) -> str:
    """Only http(s) URLs become links; javascript:, data: and the like stay text."""
    if not value:
        return ""
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else ""


def platform_label(value: Any) -> str:
    raw = str(getattr(value, "value", value) or "")
    return PLATFORM_LABELS.get(raw, raw)


def position_label(code: str | None) -> str:
    """'FUNGSIONAL' -> 'Jabatan Fungsional' (the taxonomy's label); unknown codes as is."""
    if not code:
        return "—"
    try:
        return get_taxonomy().position_category(code).label
    except (KeyError, ValueError):
        return code


def asn_label(account: Any) -> str:
    """An account linked to the registry by NIP, or named in a case, is a confirmed ASN."""
    if getattr(account, "civil_servant_id", None) is not None:
        return ASN_LABELS["confirmed"]
    status = getattr(account.asn_status, "value", account.asn_status)
    return ASN_LABELS.get(status, status)


def _context(request: Request) -> dict[str, Any]:
    viewer = getattr(request.state, "viewer", None)
    return {
        "current_user": viewer,
        "csrf_token": get_session(request).csrf,
        "nav_items": nav.visible_to(viewer.role if viewer else None),
        "role_labels": ROLE_LABELS,
        "status_labels": STATUS_LABELS,
        "origin_labels": ORIGIN_LABELS,
        "asn_labels": ASN_LABELS,
        "evidence_labels": EVIDENCE_LABELS,
        "match_kinds": KIND_LABELS,
        "post_kind_labels": POST_KIND_LABELS,
        "asn_note_labels": ASN_NOTE_LABELS,
        "case_status_labels": CASE_STATUS_LABELS,
        "case_event_labels": CASE_EVENT_LABELS,
        "delivery_labels": DELIVERY_LABELS,
        "destination_labels": DESTINATION_LABELS,
    }


def build_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=TEMPLATE_DIR, context_processors=[_context])
    env = templates.env
    env.filters["waktu"] = _waktu
    env.filters["iso"] = _iso
    env.filters["persen"] = _percent
    env.filters["wilayah"] = region_name
    env.filters["safe_url"] = safe_url
    env.filters["platform"] = platform_label
    env.filters["jabatan"] = position_label
    env.filters["asn_label"] = asn_label
    env.globals["region_name"] = region_name
    return templates


templates = build_templates()
