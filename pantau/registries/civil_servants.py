"""`pantau import civil-servants`: the ASN registry an office loads, one row per civil servant."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau import audit
from pantau.models import CivilServant, EmploymentType, User
from pantau.nip import InvalidNip, parse_nip
from pantau.regions import is_region
from pantau.registries.csvio import ImportRejected, ImportReport, RowError, decode, rows
from pantau.taxonomy import get_taxonomy

COLUMNS = [
    "nip",
    "name",
    "agency",
    "position",
    "position_category",
    "employment_type",
    "region_code",
]


# Column lengths in pantau.models.people.CivilServant: checked before any INSERT.
LIMITS = {"nip": 18, "name": 200, "agency": 200, "position": 200, "region_code": 13}


@dataclass(frozen=True)
class CivilServantRow:
    nip: str
    name: str
    agency: str
    position: str
    position_category: str
    employment_type: EmploymentType
    region_code: str


def _position_category(value: str) -> str:
    taxonomy = get_taxonomy()
    try:
        return taxonomy.position_category(value).code
    except KeyError:
        known = ", ".join(p.label for p in taxonomy.position_categories)
        raise ValueError(f"position_category {value!r} tidak dikenal; gunakan {known}") from None


def _parse_row(row: dict[str, str]) -> CivilServantRow:
    if "__error__" in row:
        raise ValueError(row["__error__"])
    for column in ("name", "agency", "position"):
        if not row[column]:
            raise ValueError(f"{column} kosong")
    try:
        kind = EmploymentType(row["employment_type"].upper())
    except ValueError:
        raise ValueError("employment_type harus PNS atau PPPK") from None
    try:
        parse_nip(row["nip"], allow_pppk=kind is EmploymentType.PPPK)
    except InvalidNip as exc:
        raise ValueError(str(exc)) from None
    category = _position_category(row["position_category"])
    if not is_region(row["region_code"]):
        raise ValueError(f"region_code {row['region_code']!r} bukan kode wilayah Kemendagri")
    return CivilServantRow(
        row["nip"], row["name"], row["agency"], row["position"], category, kind, row["region_code"]
    )


def parse_civil_servants(data: bytes | str) -> tuple[list[CivilServantRow], list[RowError]]:
    parsed: list[CivilServantRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, row in rows(decode(data), COLUMNS, LIMITS):
        try:
            item = _parse_row(row)
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        if item.nip in seen:
            errors.append(RowError(line, f"NIP {item.nip} sudah ada di baris {seen[item.nip]}"))
            continue
        seen[item.nip] = line
        parsed.append(item)
    return parsed, errors


def import_civil_servants(
    session: Session, data: bytes | str, *, actor: User | None = None, dry_run: bool = False
) -> ImportReport:
    """All or nothing: any bad row raises ImportRejected before anything is written."""
    parsed, errors = parse_civil_servants(data)
    if errors:
        raise ImportRejected(errors)
    existing = {
        cs.nip: cs
        for cs in session.scalars(
            select(CivilServant).where(CivilServant.nip.in_([r.nip for r in parsed]))
        )
    }
    report = ImportReport()
    for item in parsed:
        values = asdict(item)
        current = existing.get(item.nip)
        if current is None:
            report.created += 1
            if not dry_run:
                session.add(CivilServant(**values))
        elif any(getattr(current, k) != v for k, v in values.items()):
            report.updated += 1
            if not dry_run:
                for k, v in values.items():
                    setattr(current, k, v)
        else:
            report.unchanged += 1
    if not dry_run and (report.created or report.updated):
        audit.record(
            session,
            actor,
            "registry.import_civil_servants",
            "civil_servants",
            "*",
            {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
        )
    session.flush()
    return report
