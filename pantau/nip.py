"""The 18-digit NIP: birth date YYYYMMDD, appointment YYYYMM, sex digit, 3-digit sequence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_NIP = re.compile(r"^\d{18}$")
# NI PPPK numbers put "21" where a PNS number has the appointment month.
PPPK_MARK = 21


@dataclass(frozen=True)
class Nip:
    birth_date: date
    appointment_year: int
    appointment_month: int | None  # None for a PPPK number
    sex: int  # 1 male, 2 female
    sequence: int


class InvalidNip(ValueError):
    pass


def parse_nip(value: str, *, allow_pppk: bool = True) -> Nip:
    """Parse and check a NIP; raise InvalidNip with a reason a registry clerk understands
    (in Bahasa Indonesia: the registry import shows it as it is)."""
    digits = value.strip().replace(" ", "")
    if not _NIP.match(digits):
        raise InvalidNip("NIP harus tepat 18 angka")
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise InvalidNip(f"tanggal lahir {digits[0:8]} di NIP tidak ada di kalender") from None
    year, month = int(digits[8:12]), int(digits[12:14])
    pppk = allow_pppk and month == PPPK_MARK
    if not pppk and not 1 <= month <= 12:
        raise InvalidNip(f"bulan pengangkatan {digits[12:14]} di NIP bukan 01-12")
    if not born.year + 15 <= year <= date.today().year + 1:
        raise InvalidNip(
            f"tahun pengangkatan {year} di NIP tidak cocok dengan tahun lahir {born.year}"
        )
    sex = int(digits[14])
    if sex not in (1, 2):
        raise InvalidNip(f"angka jenis kelamin di NIP harus 1 atau 2, bukan {sex}")
    sequence = int(digits[15:18])
    if sequence == 0:
        raise InvalidNip("nomor urut 000 di NIP tidak pernah diterbitkan")
    return Nip(born, year, None if pppk else month, sex, sequence)


def is_valid_nip(value: str) -> bool:
    try:
        parse_nip(value)
    except InvalidNip:
        return False
    return True
