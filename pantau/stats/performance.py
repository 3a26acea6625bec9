"""Review performance: analysts' throughput and the model's precision as analysts see it."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.models import User
from pantau.stats.facts import ANALYST, BAND, MODEL
from pantau.stats.tables import Chart, Table, percent

if TYPE_CHECKING:
    from pantau.stats.inputs import Inputs

PRECISION_NOTE = "Presisi = terkonfirmasi ÷ diputuskan (dikonfirmasi atau ditolak) oleh analis."


def _reviewers(data: Inputs) -> tuple[Counter[int], Counter[int]]:
    """Decisions and active days per reviewer id."""
    decided: Counter[int] = Counter()
    days: Counter[int] = Counter()
    for reviewer, (total, n_days) in data.facts.days_by_key(ANALYST).items():
        decided[int(reviewer)] += total
        days[int(reviewer)] += n_days
    return decided, days


def user_names(session: Session, data: Inputs) -> dict[int, str]:
    ids = set(_reviewers(data)[0])
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.full_name, User.username).where(User.id.in_(ids)))
    return {i: f"{name} ({username})" for i, name, username in rows}


def analysts(data: Inputs, names: dict[int, str]) -> Table:
    decided, days = _reviewers(data)
    order = sorted(decided, key=lambda r: (-decided[r], names.get(r, str(r))))
    return Table(
        "analis",
        "Butir per analis per hari",
        ["Analis", "Keputusan", "Hari aktif", "Butir per hari"],
        [
            [names.get(r, f"#{r}"), decided[r], days[r], round(decided[r] / days[r], 1)]
            for r in order
        ],
        Chart("bar", (3,)),
        "Hari aktif: hari (waktu setempat) dengan sedikitnya satu keputusan.",
    )


def _precision(data: Inputs, kind: str, key: str, title: str, label: str, blank: str) -> Table:
    rows = sorted((k or blank, total, part) for k, (total, part) in data.facts.by_key(kind).items())
    return Table(
        key,
        title,
        [label, "Diputuskan", "Terkonfirmasi", "Presisi (%)"],
        [[k, total, part, percent(part, total)] for k, total, part in rows],
        Chart("bar", (3,), percent=True),
        PRECISION_NOTE,
    )


def precision_by_model(data: Inputs) -> Table:
    return _precision(
        data,
        MODEL,
        "presisi_model",
        "Presisi model per versi",
        "Versi model",
        "tanpa model (laporan masyarakat)",
    )


def precision_by_band(data: Inputs) -> Table:
    return _precision(
        data,
        BAND,
        "presisi_skor",
        "Presisi model per rentang skor partisan",
        "Rentang skor partisan",
        "tanpa skor",
    )
