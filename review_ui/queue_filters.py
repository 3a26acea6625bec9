"""The queue's filters: parsed leniently from the query string, written back into it.

A bad value never breaks the page: it is dropped and named in an Indonesian message,
so a shared URL with a typo still opens.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from pantau.models import Platform, PostOrigin, ReviewStatus
from pantau.regions import is_region
from review_ui.labels import STATUS_LABELS

STATUS_CHOICES = {
    "open": "Terbuka (antre & ditinjau)",
    **{s: STATUS_LABELS[s] for s in ("queued", "claimed", "escalated", "confirmed", "dismissed")},
    "all": "Semua",
}
OPEN_STATUSES = (ReviewStatus.QUEUED, ReviewStatus.CLAIMED)
LINKED_CHOICES = {"": "Semua akun", "ya": "Tertaut ke ASN", "tidak": "Belum tertaut"}


@dataclass(frozen=True)
class QueueFilter:
    status: str = "open"
    region: str = ""
    platform: str = ""
    origin: str = ""
    contest: str = ""
    candidate: str = ""  # a registry entity, "CONTEST-CODE#2"
    partisan_min: float | None = None
    partisan_max: float | None = None
    asn_min: float | None = None
    asn_max: float | None = None
    date_from: date | None = None
    date_to: date | None = None
    linked: str = ""
    account: int | None = None
    after: str = ""  # keyset cursor "priority:id"

    def statuses(self) -> tuple[ReviewStatus, ...] | None:
        """The statuses shown, or None for all."""
        if self.status == "all":
            return None
        if self.status == "open":
            return OPEN_STATUSES
        return (ReviewStatus(self.status),)

    def query_string(self, **changes: Any) -> str:
        """This filter as a query string (defaults left out), with some fields changed."""
        current = replace(self, **changes) if changes else self
        pairs = []
        for spec in fields(current):
            value = getattr(current, spec.name)
            if value in (None, "") or (spec.name == "status" and value == "open"):
                continue
            pairs.append((spec.name, value.isoformat() if isinstance(value, date) else value))
        return urlencode(pairs)

    def without_page(self) -> QueueFilter:
        return replace(self, after="")

    @property
    def is_filtered(self) -> bool:
        return self.without_page() != QueueFilter(status=self.status)


def _score(raw: str, label: str, errors: list[str]) -> float | None:
    if not raw:
        return None
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        errors.append(f"{label} harus berupa angka antara 0 dan 1; filter itu diabaikan.")
        return None
    return value


def _date(raw: str, label: str, errors: list[str]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors.append(f"{label} bukan tanggal yang valid (TTTT-BB-HH); filter itu diabaikan.")
        return None


def _choice(raw: str, allowed: set[str], label: str, errors: list[str]) -> str:
    if raw and raw not in allowed:
        errors.append(f"{label} {raw!r} tidak dikenal; filter itu diabaikan.")
        return ""
    return raw


def parse(params: QueryParams) -> tuple[QueueFilter, list[str]]:
    errors: list[str] = []
    get = lambda name: (params.get(name) or "").strip()  # noqa: E731
    status = _choice(get("status"), set(STATUS_CHOICES), "Status", errors) or "open"
    region = get("region")
    if region and not is_region(region):
        errors.append(f"Kode wilayah {region!r} tidak dikenal; filter itu diabaikan.")
        region = ""
    account = get("account")
    after = get("after")
    if after and not _valid_cursor(after):
        after = ""
    result = QueueFilter(
        status=status,
        region=region,
        platform=_choice(get("platform"), {p.value for p in Platform}, "Platform", errors),
        origin=_choice(get("origin"), {o.value for o in PostOrigin}, "Asal", errors),
        contest=get("contest")[:64],
        candidate=get("candidate")[:80],
        partisan_min=_score(get("partisan_min"), "Skor keberpihakan minimum", errors),
        partisan_max=_score(get("partisan_max"), "Skor keberpihakan maksimum", errors),
        asn_min=_score(get("asn_min"), "Skor ASN minimum", errors),
        asn_max=_score(get("asn_max"), "Skor ASN maksimum", errors),
        date_from=_date(get("date_from"), "Tanggal awal", errors),
        date_to=_date(get("date_to"), "Tanggal akhir", errors),
        linked=_choice(get("linked"), {"ya", "tidak"}, "Pilihan tautan ASN", errors),
        # An id beyond BIGINT would fail in the database (the issue 16 probe found it).
        account=int(account) if account.isdigit() and len(account) <= 18 else None,
        after=after,
    )
    return result, errors


def _valid_cursor(raw: str) -> bool:
    return parse_cursor(raw) is not None


def parse_cursor(raw: str) -> tuple[float, int] | None:
    priority, _, item_id = raw.partition(":")
    try:
        return float(priority), int(item_id)
    except ValueError:
        return None
