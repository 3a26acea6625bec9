"""The dashboard for one period and region: headline figures and every breakdown table."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from sqlalchemy.orm import Session

from pantau.models import Verdict
from pantau.stats import breakdowns, live, neutrality, performance
from pantau.stats.period import Filters
from pantau.stats.rollup import CLASSIFIED, POSTS, FactStore
from pantau.stats.tables import Table, percent
from pantau.timeutil import local, utcnow


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int | float | None
    unit: str = ""  # "", "%", "jam", "item"
    hint: str = ""


@dataclass
class Dashboard:
    filters: Filters
    generated_at: str
    headline: list[Figure]
    performance: list[Figure]
    tables: list[Table] = field(default_factory=list)

    def table(self, key: str) -> Table:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)

    def figure(self, key: str) -> Figure:
        for f in [*self.headline, *self.performance]:
            if f.key == key:
                return f
        raise KeyError(key)


@dataclass
class Inputs:
    """Everything read from the database for one dashboard, read once."""

    facts: FactStore
    flags: list[live.FlagRow]
    decisions: list[live.DecisionRow]
    cases: list[live.CaseRow]
    exported: set[int]
    recommended: set[int]
    followed: set[int]

    @property
    def final(self) -> list[live.DecisionRow]:
        return [d for d in self.decisions if d.verdict is not Verdict.ESCALATE]

    @property
    def confirmed(self) -> list[live.DecisionRow]:
        return [d for d in self.decisions if d.verdict is Verdict.CONFIRM]


def load(session: Session, filters: Filters) -> Inputs:
    recommended = live.case_events(session, filters, live.RECOMMENDED)
    return Inputs(
        facts=FactStore(session, filters),
        flags=live.flags(session, filters),
        decisions=live.decisions(session, filters),
        cases=live.cases(session, filters),
        exported=live.case_events(session, filters, live.EXPORTED),
        recommended=recommended,
        followed=live.followed_up(session, recommended),
    )


def headline(data: Inputs) -> list[Figure]:
    collected = sum(total for total, _ in data.facts.totals(POSTS, ()).values())
    reviewed, confirmed = len(data.final), len(data.confirmed)
    return [
        Figure("collected", "Pos dikumpulkan", collected),
        Figure("flagged", "Ditandai", sum(f.count for f in data.flags)),
        Figure("reviewed", "Ditinjau", reviewed, hint="dikonfirmasi atau ditolak"),
        Figure("confirmed", "Terkonfirmasi", confirmed),
        Figure(
            "confirmed_share", "Terkonfirmasi dari yang ditinjau", percent(confirmed, reviewed), "%"
        ),
        Figure("cases", "Kasus dibuat", len(data.cases)),
        Figure("exported", "Kasus dikirim", len(data.exported)),
        Figure("recommended", "Rekomendasi terbit", len(data.recommended)),
        Figure(
            "followup_rate",
            "Tingkat tindak lanjut",
            percent(len(data.followed), len(data.recommended)),
            "%",
            "rekomendasi dalam periode yang sudah dijatuhi sanksi oleh PPK",
        ),
    ]


def review_performance(data: Inputs) -> list[Figure]:
    waits = [d.wait_seconds for d in data.decisions if d.first]
    analyst_days = Counter((d.reviewer_id, d.day) for d in data.decisions)
    escalations = sum(1 for d in data.decisions if d.verdict is Verdict.ESCALATE)
    return [
        Figure(
            "median_wait_hours",
            "Median waktu penandaan sampai keputusan",
            round(median(waits) / 3600.0, 1) if waits else None,
            "jam",
            "keputusan pertama atas tiap item",
        ),
        Figure(
            "items_per_analyst_day",
            "Item per analis per hari",
            round(len(data.decisions) / len(analyst_days), 1) if analyst_days else None,
            "item",
            "rata-rata pada hari analis bekerja",
        ),
        Figure(
            "escalation_share",
            "Porsi eskalasi",
            percent(escalations, len(data.decisions)),
            "%",
            "dari semua keputusan",
        ),
    ]


def build(
    session: Session, filters: Filters, *, user_names: dict[int, str] | None = None
) -> Dashboard:
    data = load(session, filters)
    names = user_names if user_names is not None else performance.user_names(session, data)
    tables = [
        breakdowns.violations(data),
        breakdowns.positions(data),
        breakdowns.agencies(data),
        *breakdowns.regions(data, filters.region),
        breakdowns.platforms(data),
        breakdowns.weeks(data, filters),
        performance.analysts(data, names),
        performance.precision_by_model(data),
        performance.precision_by_band(data),
        *neutrality.tables(session, data, data.facts.totals(CLASSIFIED, ("entity",))),
    ]
    board = Dashboard(
        filters, _stamp(filters.period.zone), headline(data), review_performance(data), tables
    )
    board.tables.insert(0, _figures_table("ringkasan", "Ringkasan", board.headline))
    board.tables.insert(1, _figures_table("kinerja", "Kinerja peninjauan", board.performance))
    return board


def _figures_table(key: str, title: str, figures: list[Figure]) -> Table:
    return Table(
        key, title, ["Ukuran", "Nilai", "Satuan"], [[f.label, f.value, f.unit] for f in figures]
    )


def _stamp(zone: str) -> str:
    return local(utcnow(), zone).isoformat(timespec="seconds")
