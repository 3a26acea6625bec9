"""Dashboard tables and their downloads (CSV, XLSX) with the filters written in the file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from pantau.cellsafe import append_as_text, safe_row

Cell = str | int | float | None


@dataclass(frozen=True)
class Chart:
    kind: str  # "bar" or "line" (Chart.js types)
    series: tuple[int, ...]  # column indexes plotted; column 0 holds the labels
    percent: bool = False


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    chart: Chart | None = None
    note: str = ""

    def chart_data(self) -> dict[str, Any]:
        """What the page hands to Chart.js (labels plus one dataset per plotted column)."""
        if self.chart is None:
            return {}
        return {
            "type": self.chart.kind,
            "percent": self.chart.percent,
            "labels": [str(r[0]) for r in self.rows],
            "datasets": [
                {"label": self.columns[i], "data": [_number(r[i]) for r in self.rows]}
                for i in self.chart.series
            ],
        }


def percent(part: int, whole: int) -> float | None:
    """A percentage with one decimal, or None when there is nothing to divide by."""
    return round(100.0 * part / whole, 1) if whole else None


def _number(value: Cell) -> float | int:
    return value if isinstance(value, int | float) else 0


def _header_lines(table: Table, filters: list[tuple[str, str]], generated: str) -> list[list[str]]:
    lines = [[table.title]]
    lines += [[label, value] for label, value in filters]
    lines.append(["Dibuat", generated])
    if table.note:
        lines.append(["Catatan", table.note])
    return lines


def to_csv(table: Table, filters: list[tuple[str, str]], generated: str) -> bytes:
    """UTF-8 with BOM so spreadsheet programs open it with the right characters."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # Every cell is neutralised: agency names come from registry imports (issue 16).
    writer.writerows(safe_row(line) for line in _header_lines(table, filters, generated))
    writer.writerow([])
    writer.writerow(safe_row(table.columns))
    writer.writerows(safe_row("" if c is None else c for c in row) for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table, filters: list[tuple[str, str]], generated: str) -> bytes:
    # openpyxl takes a second to import; only spreadsheet downloads need it.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.key[:31]
    for line in _header_lines(table, filters, generated):
        append_as_text(sheet, line)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    append_as_text(sheet, table.columns)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in table.rows:
        append_as_text(sheet, row)
    sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
