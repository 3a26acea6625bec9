"""Dashboard: the figures supervisors report, per period and region, with CSV/XLSX downloads."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import func, select

from pantau.models import Role, StatsDaily, User
from pantau.regions import region_names
from pantau.scope import in_scope
from pantau.settings import get_settings
from pantau.stats import Dashboard, Filters, Period, StatsError, build, resolve_region
from pantau.stats import local_today as today_in
from pantau.stats.tables import to_csv, to_xlsx
from review_ui.deps import CurrentUser, DbSession, Templates

router = APIRouter()
PRESETS = [(7, "7 hari"), (30, "30 hari"), (90, "90 hari"), (365, "1 tahun")]
MAX_DAYS = 3 * 366
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _date(value: str | None, fallback: date) -> date:
    if not value:
        return fallback
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise StatsError(f"tanggal {value!r} tidak valid (format TTTT-BB-HH)") from None


def filters_for(user: User, start: str | None, end: str | None, region: str | None) -> Filters:
    zone = get_settings().timezone
    today = today_in(zone)
    last = _date(end, today)
    first = _date(start, last - timedelta(days=29))
    period = Period(first, last, zone)
    if (last - first).days >= MAX_DAYS:
        raise StatsError("periode paling panjang tiga tahun")
    return Filters(period, resolve_region(user, region))


def region_choices(user: User) -> list[tuple[str, str]]:
    """Regions the user may pick: everything inside their scope."""
    return [
        (code, name) for code, name in region_names().items() if in_scope(code, user.region_scope)
    ]


def number(value: Any, unit: str = "") -> str:
    """Indonesian number format: 1.234.567 and 66,7%."""
    if value is None:
        return "—"
    if isinstance(value, float):
        text = f"{value:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")
    elif isinstance(value, int):
        text = f"{value:,}".replace(",", ".")
    else:
        return str(value)
    return f"{text}%" if unit == "%" else f"{text} {unit}".strip()


def _query(filters: Filters) -> str:
    params = {"start": filters.period.start.isoformat(), "end": filters.period.end.isoformat()}
    if filters.region:
        params["region"] = filters.region
    return urlencode(params)


def preset_links(filters: Filters) -> list[tuple[str, str]]:
    end = filters.period.end
    links = []
    for days, label in PRESETS:
        start = end - timedelta(days=days - 1)
        links.append((label, "/dashboard?" + _query(Filters(Period(start, end), filters.region))))
    return links


def _rolled_until(db: DbSession) -> date | None:
    value = db.scalar(select(func.max(StatsDaily.day)).where(StatsDaily.kind == "day"))
    return value if isinstance(value, date) or value is None else date.fromisoformat(str(value))


@router.get("/dashboard")
def dashboard(
    request: Request,
    db: DbSession,
    user: CurrentUser,
    templates: Templates,
    start: str | None = None,
    end: str | None = None,
    region: str | None = None,
) -> Response:
    error = None
    try:
        filters = filters_for(user, start, end, region)
    except StatsError as exc:
        error = str(exc)
        filters = filters_for(user, None, None, None)
    board = build(db, filters)
    context = {
        "board": board,
        "filters": filters,
        "query": _query(filters),
        "error": error,
        "presets": preset_links(filters),
        "can_choose_region": user.role is not Role.ANALYST,
        "regions": region_choices(user) if user.role is not Role.ANALYST else [],
        "rolled_until": _rolled_until(db),
        "number": number,
    }
    return templates.TemplateResponse(
        request, "dashboard/index.html", context, status_code=400 if error else 200
    )


@router.get("/dashboard/export/{key}.{fmt}")
def export(
    key: str,
    fmt: str,
    db: DbSession,
    user: CurrentUser,
    start: str | None = None,
    end: str | None = None,
    region: str | None = None,
) -> Response:
    if fmt not in FORMATS:
        raise HTTPException(404, "Format unduhan tidak dikenal.")
    try:
        filters = filters_for(user, start, end, region)
    except StatsError as exc:
        raise HTTPException(400, str(exc)) from None
    board: Dashboard = build(db, filters)
    try:
        table = board.table(key)
    except KeyError:
        raise HTTPException(404, "Tabel tidak ditemukan.") from None
    writer = to_csv if fmt == "csv" else to_xlsx
    body = writer(table, filters.describe(), board.generated_at)
    name = (
        f"pantau-{key}-{filters.period.start}-{filters.period.end}-{filters.region or 'nasional'}"
    )
    return Response(
        body,
        media_type=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )
