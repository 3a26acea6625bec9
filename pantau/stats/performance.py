"""Review performance: analysts' throughput and the model's precision as analysts see it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.models import User, Verdict
from pantau.stats.tables import Chart, Table, percent

if TYPE_CHECKING:
    from pantau.stats.dashboard import Inputs
    from pantau.stats.live import DecisionRow

BANDS = 10  # partisan score bands of 0.1


def user_names(session: Session, data: Inputs) -> dict[int, str]:
    ids = {d.reviewer_id for d in data.decisions}
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.full_name, User.username).where(User.id.in_(ids)))
    return {i: f"{name} ({username})" for i, name, username in rows}


def analysts(data: Inputs, names: dict[int, str]) -> Table:
    decided = Counter(d.reviewer_id for d in data.decisions)
    days: dict[int, set[str]] = {}
    for d in data.decisions:
        days.setdefault(d.reviewer_id, set()).add(d.day)
    order = sorted(decided, key=lambda r: (-decided[r], names.get(r, str(r))))
    return Table(
        "analis",
        "Item per analis per hari",
        ["Analis", "Keputusan", "Hari aktif", "Item per hari"],
        [
            [names.get(r, f"#{r}"), decided[r], len(days[r]), round(decided[r] / len(days[r]), 1)]
            for r in order
        ],
        Chart("bar", (3,)),
        "Hari aktif: hari (waktu setempat) dengan sedikitnya satu keputusan.",
    )


def _precision(
    data: Inputs, key: str, title: str, label: str, group: Callable[[DecisionRow], str]
) -> Table:
    decided: Counter[str] = Counter()
    confirmed: Counter[str] = Counter()
    for d in data.final:
        k = group(d)
        decided[k] += 1
        confirmed[k] += int(d.verdict is Verdict.CONFIRM)
    return Table(
        key,
        title,
        [label, "Diputuskan", "Terkonfirmasi", "Presisi (%)"],
        [[k, decided[k], confirmed[k], percent(confirmed[k], decided[k])] for k in sorted(decided)],
        Chart("bar", (3,), percent=True),
        "Presisi = terkonfirmasi ÷ diputuskan (dikonfirmasi atau ditolak) oleh analis.",
    )


def band(score: float | None) -> str:
    if score is None:
        return "tanpa skor"
    low = min(int(score * BANDS), BANDS - 1) / BANDS
    return f"{low:.1f}–{low + 1 / BANDS:.1f}"


def precision_by_model(data: Inputs) -> Table:
    return _precision(
        data,
        "presisi_model",
        "Presisi model per versi",
        "Versi model",
        lambda d: d.model_version or "tanpa model (laporan masyarakat)",
    )


def precision_by_band(data: Inputs) -> Table:
    return _precision(
        data,
        "presisi_skor",
        "Presisi model per rentang skor partisan",
        "Rentang skor partisan",
        lambda d: band(d.partisan_score),
    )
