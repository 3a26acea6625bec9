"""Reading registry CSVs strictly: exact headers, UTF-8, every bad row named by line.

Reasons are in Bahasa Indonesia: the admin page and the `pantau import` CLI show them as
they are. Column names stay as the header spells them."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# With newline="" the reader's only complaint is a cell over its 128 KiB field limit.
UNREADABLE = (
    f"tidak dapat dibaca sebagai CSV: ada sel lebih dari {csv.field_size_limit() // 1024} KiB"
    " atau tanda kutip yang tidak ditutup"
)


@dataclass(frozen=True)
class RowError:
    line: int  # 1-based line in the file; the header is line 1
    reason: str

    def __str__(self) -> str:
        return f"Baris {self.line}: {self.reason}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


class ImportRejected(Exception):
    """The file had bad rows; nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        shown = "\n".join(str(e) for e in errors[:50])
        more = f"\n… dan {len(errors) - 50} baris lain" if len(errors) > 50 else ""
        super().__init__(f"{len(errors)} baris bermasalah; tidak ada yang diimpor:\n{shown}{more}")


def decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            [RowError(_line_of(data, exc.start), "berkas bukan UTF-8; simpan sebagai CSV UTF-8")]
        ) from None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def cell_problem(value: str, column: str, limit: int | None) -> str | None:
    """Why a cell cannot be stored as it is (issue 16: these used to fail at INSERT,
    on PostgreSQL, and take the whole import down with them)."""
    if "\x00" in value:
        return f"{column} berisi byte NUL"
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        return f"{column} bukan UTF-8 yang sah"
    if limit is not None and len(value) > limit:
        return f"{column} berisi {len(value)} karakter (batas {limit})"
    return None


def _read(reader: Any) -> Iterator[list[str] | str]:
    """Records, or why one cannot be read (the csv module's own message is English)."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield UNREADABLE


def rows(
    text: str, expected: list[str], limits: dict[str, int] | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line, row) with stripped cells; reject a file whose header is not `expected`.

    A row that cannot be stored (unreadable, NUL, lone surrogate, longer than `limits`)
    comes as {"__error__": reason}, like a row with the wrong number of columns.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    records = _read(reader)
    header = next(records, None)
    if header is None:
        raise ImportRejected([RowError(1, "berkas kosong")])
    if isinstance(header, str):
        raise ImportRejected([RowError(1, header)])
    header = [h.strip() for h in header]
    if header != expected:
        raise ImportRejected([RowError(1, f"kepala kolom harus persis: {','.join(expected)}")])
    limits = limits or {}
    for values in records:
        line = reader.line_num
        if isinstance(values, str):
            yield line, {"__error__": values}
            continue
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(expected):
            yield line, {"__error__": f"harus {len(expected)} kolom, ditemukan {len(values)}"}
            continue
        row = {k: v.strip() for k, v in zip(expected, values, strict=True)}
        problems = [cell_problem(v, k, limits.get(k)) for k, v in row.items()]
        found = next((p for p in problems if p), None)
        yield line, ({"__error__": found} if found else row)


def split_multi(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]
