"""The election registry the matchers are built from: contests and numbered candidates."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


@dataclass(frozen=True)
class RegistryContest:
    """One contest: where, when the election is held and when campaigning is allowed."""

    code: str
    region_code: str = ""
    name: str = ""
    level: str = ""
    election_date: date | None = None
    campaign_start: date | None = None
    campaign_end: date | None = None

    def in_campaign(self, day: date) -> bool:
        if self.campaign_start is None or self.campaign_end is None:
            return False
        return self.campaign_start <= day <= self.campaign_end


@dataclass(frozen=True)
class RegistryCandidate:
    """One numbered pair (paslon) in a contest."""

    contest_code: str
    number: int
    names: tuple[str, ...] = ()
    nicknames: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    slogans: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()

    @property
    def entity(self) -> str:
        """The id used in matches and in `Score.supported`, e.g. "PILGUB-35-2027#2"."""
        return f"{self.contest_code}#{self.number}"


@dataclass(frozen=True)
class Registry:
    """Candidates (and optionally contests with campaign periods)."""

    candidates: tuple[RegistryCandidate, ...] = ()
    contests: tuple[RegistryContest, ...] = ()

    @property
    def numbers(self) -> frozenset[int]:
        return frozenset(c.number for c in self.candidates)

    def in_campaign(self, when: datetime | date, region_prefix: str = "") -> bool:
        """Whether any contest (whose region starts with `region_prefix`) is campaigning."""
        day = when.date() if isinstance(when, datetime) else when
        return any(
            c.in_campaign(day) for c in self.contests if c.region_code.startswith(region_prefix)
        )

    @classmethod
    def from_csv(cls, path: str | Path) -> Registry:
        """Read the `pantau import candidates` CSV (one row per numbered pair)."""
        with Path(path).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        return cls.from_rows(rows)

    @classmethod
    def from_rows(cls, rows: list[dict[str, str]]) -> Registry:
        candidates = tuple(_candidate(row) for row in rows)
        contests: dict[str, RegistryContest] = {}
        for row in rows:
            code = row["contest_code"]
            if code not in contests:
                contests[code] = RegistryContest(
                    code=code,
                    region_code=row.get("region_code", ""),
                    name=row.get("contest_name", ""),
                    level=row.get("level", ""),
                    election_date=_date(row.get("election_date")),
                    campaign_start=_date(row.get("campaign_start")),
                    campaign_end=_date(row.get("campaign_end")),
                )
        return cls(candidates=candidates, contests=tuple(contests.values()))

    def merged(self, other: Registry) -> Registry:
        return Registry(self.candidates + other.candidates, self.contests + other.contests)


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _candidate(row: dict[str, str]) -> RegistryCandidate:
    return RegistryCandidate(
        contest_code=row["contest_code"],
        number=int(row["number"]),
        names=_split(row.get("names")),
        nicknames=_split(row.get("nicknames")),
        parties=_split(row.get("parties")),
        slogans=_split(row.get("slogans")),
        hashtags=_split(row.get("hashtags")),
    )
