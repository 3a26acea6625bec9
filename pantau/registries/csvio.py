"""Reading registry CSVs strictly: exact headers, UTF-8, every bad row named by line."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field


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


def rows(text: str, expected: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line, row) with stripped cells; reject a file whose header is not `expected`."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise ImportRejected([RowError(1, "file is empty")])
    header = [h.strip() for h in header]
    if header != expected:
        raise ImportRejected([RowError(1, f"header must be: {','.join(expected)}")])
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(expected):
            yield line, {"__error__": f"expected {len(expected)} columns, found {len(values)}"}
            continue
        yield line, {k: v.strip() for k, v in zip(expected, values, strict=True)}


def split_multi(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]
