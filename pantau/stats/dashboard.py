"""The dashboard for one period and region: headline figures and every breakdown table."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from pantau.stats import breakdowns, neutrality, performance
from pantau.stats.facts import ANALYST, FINAL, FLAGS, POSTS, VERDICT, WAIT, bucket_bounds
from pantau.stats.inputs import Inputs, load
from pantau.stats.period import Filters
from pantau.stats.tables import Table, percent
from pantau.timeutil import local, utcnow


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int | float | None
    unit: str = ""  # "", "%", "jam", "butir"
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


def headline(data: Inputs) -> list[Figure]:
    reviewed, confirmed = data.facts.sum(FINAL)
    return [
        Figure("collected", "Unggahan terkumpul", data.facts.sum(POSTS)[0]),
        Figure("flagged", "Ditandai", data.facts.sum(FLAGS)[0]),
        Figure("reviewed", "Ditinjau", reviewed, hint="dikonfirmasi atau ditolak"),
        Figure("confirmed", "Terkonfirmasi", confirmed),
        Figure(
            "confirmed_share",
            "Terkonfirmasi dari yang ditinjau",
            percent(confirmed, reviewed),
            "%",
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


def median_from_buckets(counts: dict[int, int]) -> float | None:
    """The median of a wait-time histogram (seconds). Each wait is placed evenly inside
    its bucket, so the result is within the bucket width (2%) of the true median."""
    n = sum(counts.values())
    if not n:
        return None
    middle = [(n - 1) // 2, n // 2]  # 0-based ranks; the same one when n is odd
    return sum(_value_at(counts, rank) for rank in middle) / 2


def _value_at(counts: dict[int, int], rank: int) -> float:
    seen = 0
    for bucket in sorted(counts):
        if rank < seen + counts[bucket]:
            lo, hi = bucket_bounds(bucket)
            return lo + (hi - lo) * (rank - seen + 0.5) / counts[bucket]
        seen += counts[bucket]
    raise ValueError("rank beyond the histogram")


def review_performance(data: Inputs) -> list[Figure]:
    waits = {int(k): total for k, (total, _) in data.facts.by_key(WAIT).items()}
    median = median_from_buckets(waits)
    per_analyst = data.facts.days_by_key(ANALYST)
    decisions = sum(total for total, _ in per_analyst.values())
    analyst_days = sum(days for _, days in per_analyst.values())
    verdicts = data.facts.by_key(VERDICT)
    escalations = verdicts.get("escalate", (0, 0))[0]
    return [
        Figure(
            "median_wait_hours",
            "Median waktu penandaan sampai keputusan",
            None if median is None else round(median / 3600.0, 1),
            "jam",
            "keputusan pertama atas tiap butir (ketelitian 2%)",
        ),
        Figure(
            "items_per_analyst_day",
            "Butir per analis per hari",
            round(decisions / analyst_days, 1) if analyst_days else None,
            "butir",
            "rata-rata pada hari analis bekerja",
        ),
        Figure(
            "escalation_share",
            "Porsi eskalasi",
            percent(escalations, sum(t for t, _ in verdicts.values())),
            "%",
            "dari semua keputusan",
        ),
    ]


def build(session: Session, filters: Filters) -> Dashboard:
    data = load(session, filters)
    tables = [
        breakdowns.violations(data),
        breakdowns.positions(data),
        breakdowns.agencies(data),
        *breakdowns.regions(data, filters.region),
        breakdowns.platforms(data),
        breakdowns.weeks(data, filters),
        performance.analysts(data, performance.user_names(session, data)),
        performance.precision_by_model(data),
        performance.precision_by_band(data),
        *neutrality.tables(session, data),
    ]
    stamp = local(utcnow(), filters.period.zone).isoformat(timespec="seconds")
    board = Dashboard(filters, stamp, headline(data), review_performance(data), tables)
    board.tables.insert(0, _figures_table("ringkasan", "Ringkasan", board.headline))
    board.tables.insert(1, _figures_table("kinerja", "Kinerja peninjauan", board.performance))
    return board


def _figures_table(key: str, title: str, figures: list[Figure]) -> Table:
    return Table(
        key, title, ["Ukuran", "Nilai", "Satuan"], [[f.label, f.value, f.unit] for f in figures]
    )
