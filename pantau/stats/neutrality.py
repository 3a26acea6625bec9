"""A neutrality check on Pantau itself: flag and confirmation rates per side supported."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.models import Candidate, Contest
from pantau.stats.facts import CLASSIFIED, SIDE
from pantau.stats.tables import Chart, Table, percent

if TYPE_CHECKING:
    from pantau.stats.inputs import Inputs

NOTE = (
    "Pihak yang didukung menurut pengklasifikasi. Tingkat penandaan = "
    "pos ditandai ÷ pos terklasifikasi yang mendukung pihak itu; tingkat konfirmasi = "
    "terkonfirmasi ÷ ditinjau. Selisih besar antarpihak perlu diperiksa: ambang, data latih, "
    "atau sumber yang dipantau."
)
COLUMNS = [
    "Pos terklasifikasi",
    "Ditandai",
    "Tingkat penandaan (%)",
    "Ditinjau",
    "Terkonfirmasi",
    "Tingkat konfirmasi (%)",
]


@dataclass
class Side:
    classified: int = 0
    flagged: int = 0
    reviewed: int = 0
    confirmed: int = 0

    def add(self, other: Side) -> None:
        self.classified += other.classified
        self.flagged += other.flagged
        self.reviewed += other.reviewed
        self.confirmed += other.confirmed

    def cells(self) -> list[str | int | float | None]:
        return [
            self.classified,
            self.flagged,
            percent(self.flagged, self.classified),
            self.reviewed,
            self.confirmed,
            percent(self.confirmed, self.reviewed),
        ]


@dataclass(frozen=True)
class Who:
    label: str
    parties: list[str] = field(default_factory=list)


def describe(session: Session, entities: set[str]) -> dict[str, Who]:
    """ "PILGUB-35-2027#2" -> the contest, number, names and parties from the registry."""
    codes = {e.split("#", 1)[0] for e in entities}
    found: dict[str, Who] = {}
    if codes:
        rows = session.execute(
            select(Contest.code, Contest.name, Candidate.number, Candidate.names, Candidate.parties)
            .join(Candidate, Candidate.contest_id == Contest.id)
            .where(Contest.code.in_(codes))
        )
        for code, name, number, names, parties in rows:
            people = " & ".join(names or [])
            found[f"{code}#{number}"] = Who(f"{name} No. {number}: {people}", list(parties or []))
    return {e: found.get(e, Who(f"{e} (tidak ada di registri)")) for e in entities}


def sides(data: Inputs) -> dict[str, Side]:
    result: dict[str, Side] = {}
    for entity, (total, flagged) in data.facts.by_key(CLASSIFIED).items():
        result.setdefault(entity, Side()).add(Side(total, flagged))
    for entity, (reviewed, confirmed) in data.facts.by_key(SIDE).items():
        result.setdefault(entity, Side()).add(Side(0, 0, reviewed, confirmed))
    return result


def tables(session: Session, data: Inputs) -> list[Table]:
    by_entity = sides(data)
    who = describe(session, set(by_entity))
    candidates = Table(
        "netralitas_calon",
        "Netralitas Pantau: per calon yang didukung",
        ["Calon", "Partai pengusung", *COLUMNS],
        [
            [who[e].label, ", ".join(who[e].parties), *by_entity[e].cells()]
            for e in sorted(by_entity)
        ],
        Chart("bar", (4, 7), percent=True),
        NOTE,
    )
    by_party: dict[str, Side] = {}
    for entity, side in by_entity.items():
        for party in who[entity].parties:
            by_party.setdefault(party, Side()).add(side)
    parties = Table(
        "netralitas_partai",
        "Netralitas Pantau: per partai pengusung",
        ["Partai", *COLUMNS],
        [[p, *by_party[p].cells()] for p in sorted(by_party, key=str.casefold)],
        Chart("bar", (3, 6), percent=True),
        NOTE + " Satu calon dapat diusung beberapa partai; jumlah per partai tidak dijumlahkan.",
    )
    return [candidates, parties]
