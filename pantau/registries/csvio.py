"""Reading registry CSVs strictly: exact headers, UTF-8, every bad row named by line."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RowError:
    line: int  # 1-based line in the file; the header is line 1
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


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
        more = f"\n... and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{len(errors)} bad row(s), nothing imported:\n{shown}{more}")


def decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            [RowError(_line_of(data, exc.start), "file is not UTF-8; save it as CSV UTF-8")]
        ) from None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def cell_problem(value: str, column: str, limit: int | None) -> str | None:
    """Why a cell cannot be stored as it is (issue 16: these used to fail at INSERT,
    on PostgreSQL, and take the whole import down with them)."""
    if "\x00" in value:
        return f"{column} contains a NUL byte"
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        return f"{column} is not valid UTF-8"
    if limit is not None and len(value) > limit:
        return f"{column} has {len(value)} characters (limit {limit})"
    return None


def _read(reader: Any) -> Iterator[list[str] | str]:
    """Records, or the csv module's complaint about one (a field over 128 KiB...)."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield f"cannot be read as CSV: {exc}"


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
        raise ImportRejected([RowError(1, "file is empty")])
    if isinstance(header, str):
        raise ImportRejected([RowError(1, header)])
    header = [h.strip() for h in header]
    if header != expected:
        raise ImportRejected([RowError(1, f"header must be: {','.join(expected)}")])
    limits = limits or {}
    for values in records:
        line = reader.line_num
        if isinstance(values, str):
            yield line, {"__error__": values}
            continue
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(expected):
            yield line, {"__error__": f"expected {len(expected)} columns, found {len(values)}"}
            continue
        row = {k: v.strip() for k, v in zip(expected, values, strict=True)}
        problems = [cell_problem(v, k, limits.get(k)) for k, v in row.items()]
        found = next((p for p in problems if p), None)
        yield line, ({"__error__": found} if found else row)


def split_multi(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]
