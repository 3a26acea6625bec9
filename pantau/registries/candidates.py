"""`pantau import candidates`: one row per candidate pair, contest fields repeated per row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pantau import audit
from pantau.models import Candidate, Contest, User
from pantau.regions import is_region
from pantau.registries.csvio import (
    ImportRejected,
    ImportReport,
    RowError,
    decode,
    rows,
    split_multi,
)

COLUMNS = [
    "contest_code",
    "contest_name",
    "level",
    "region_code",
    "election_date",
    "campaign_start",
    "campaign_end",
    "number",
    "names",
    "nicknames",
    "parties",
    "slogans",
    "hashtags",
]
# Column lengths in pantau.models.elections: checked before any INSERT (issue 16).
LIMITS = {"contest_code": 64, "contest_name": 300, "region_code": 13}
MAX_NUMBER = 999
LEVELS = ("pilpres", "pileg", "pildpd", "pilgub", "pilbup", "pilwalkot")
_CONTEST_FIELDS = (
    "name",
    "level",
    "region_code",
    "election_date",
    "campaign_start",
    "campaign_end",
)
_CANDIDATE_FIELDS = ("names", "nicknames", "parties", "slogans", "hashtags")


@dataclass(frozen=True)
class ContestRow:
    code: str
    name: str
    level: str
    region_code: str | None
    election_date: date
    campaign_start: date
    campaign_end: date


@dataclass(frozen=True)
class CandidateRow:
    contest_code: str
    number: int
    names: list[str]
    nicknames: list[str]
    parties: list[str]
    slogans: list[str]
    hashtags: list[str]


def _date(value: str, column: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{column} {value!r} bukan tanggal (YYYY-MM-DD)") from None


def _contest(row: dict[str, str]) -> ContestRow:
    if not row["contest_code"] or not row["contest_name"]:
        raise ValueError("contest_code dan contest_name wajib diisi")
    if row["level"] not in LEVELS:
        raise ValueError(f"level harus salah satu dari {', '.join(LEVELS)}")
    region = row["region_code"] or None
    if region is not None and not is_region(region):
        raise ValueError(f"region_code {region!r} bukan kode wilayah Kemendagri")
    contest = ContestRow(
        row["contest_code"],
        row["contest_name"],
        row["level"],
        region,
        _date(row["election_date"], "election_date"),
        _date(row["campaign_start"], "campaign_start"),
        _date(row["campaign_end"], "campaign_end"),
    )
    if not contest.campaign_start <= contest.campaign_end <= contest.election_date:
        raise ValueError("tanggal harus berurutan campaign_start <= campaign_end <= election_date")
    return contest


def _candidate(row: dict[str, str]) -> CandidateRow:
    if not row["number"].isdigit() or not 1 <= int(row["number"]) <= MAX_NUMBER:
        raise ValueError(f"number {row['number'][:20]!r} harus bilangan bulat 1-{MAX_NUMBER}")
    names = split_multi(row["names"])
    if not names:
        raise ValueError("names kosong")
    tags = ["#" + t.lstrip("#") for t in split_multi(row["hashtags"])]
    return CandidateRow(
        row["contest_code"],
        int(row["number"]),
        names,
        split_multi(row["nicknames"]),
        split_multi(row["parties"]),
        split_multi(row["slogans"]),
        tags,
    )


def parse_candidates(
    data: bytes | str,
) -> tuple[dict[str, ContestRow], list[CandidateRow], list[RowError]]:
    contests: dict[str, ContestRow] = {}
    candidates: list[CandidateRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, int], int] = {}
    for line, row in rows(decode(data), COLUMNS, LIMITS):
        try:
            if "__error__" in row:
                raise ValueError(row["__error__"])
            contest, candidate = _contest(row), _candidate(row)
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        if contests.setdefault(contest.code, contest) != contest:
            errors.append(
                RowError(line, f"data pemilihan {contest.code} berbeda dari baris sebelumnya")
            )
        key = (candidate.contest_code, candidate.number)
        if key in seen:
            errors.append(
                RowError(line, f"nomor urut {candidate.number} sudah ada di baris {seen[key]}")
            )
            continue
        seen[key] = line
        candidates.append(candidate)
    return contests, candidates, errors


def import_candidates(
    session: Session, data: bytes | str, *, actor: User | None = None, dry_run: bool = False
) -> ImportReport:
    """All or nothing; re-importing the same file changes nothing.

    Counts are per row: a row is updated when its candidate or its contest changed.
    """
    contests, candidates, errors = parse_candidates(data)
    if errors:
        raise ImportRejected(errors)
    existing = {
        c.code: c
        for c in session.scalars(
            select(Contest)
            .where(Contest.code.in_(contests))
            .options(selectinload(Contest.candidates))
        )
    }
    report = _compare(contests, candidates, existing)
    if dry_run or not (report.created or report.updated):
        return report
    for code, contest_row in contests.items():
        contest = existing.get(code)
        if contest is None:
            contest = existing[code] = Contest(code=code, candidates=[])
            session.add(contest)
        _assign(contest, _contest_values(contest_row))
    for row in candidates:
        contest = existing[row.contest_code]
        current = _find(contest, row.number)
        if current is None:
            contest.candidates.append(Candidate(number=row.number, **_candidate_values(row)))
        else:
            _assign(current, _candidate_values(row))
    audit.record(
        session,
        actor,
        "registry.import_candidates",
        "contests",
        "*",
        {
            "contests": sorted(contests),
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        },
    )
    session.flush()
    return report


def _compare(
    contests: dict[str, ContestRow], candidates: list[CandidateRow], existing: dict[str, Contest]
) -> ImportReport:
    report = ImportReport()
    for row in candidates:
        contest = existing.get(row.contest_code)
        current = _find(contest, row.number) if contest else None
        if contest is None or current is None:
            report.created += 1
        elif _differs(contest, _contest_values(contests[row.contest_code])) or _differs(
            current, _candidate_values(row)
        ):
            report.updated += 1
        else:
            report.unchanged += 1
    return report


def _find(contest: Contest, number: int) -> Candidate | None:
    return next((c for c in contest.candidates if c.number == number), None)


def _contest_values(row: ContestRow) -> dict[str, object]:
    return {f: getattr(row, f) for f in _CONTEST_FIELDS}


def _candidate_values(row: CandidateRow) -> dict[str, object]:
    return {f: getattr(row, f) for f in _CANDIDATE_FIELDS}


def _differs(obj: object, values: dict[str, object]) -> bool:
    return any(getattr(obj, k) != v for k, v in values.items())


def _assign(obj: object, values: dict[str, object]) -> None:
    for k, v in values.items():
        setattr(obj, k, v)
