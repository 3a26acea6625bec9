"""Spreadsheet formula injection: text from crawled posts or imported registries must never
become a live formula when an export is opened in Excel or LibreOffice.

A cell starting with = + - @ (or a tab or carriage return, which some programs strip
first) is prefixed with an apostrophe, the spreadsheet convention for "this is text".
Numbers stay numbers. Every CSV and XLSX writer passes its rows through safe_row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
T = TypeVar("T")


def neutralise(value: T) -> T | str:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [neutralise(value) for value in row]


def append_as_text(sheet: Any, row: Iterable[Any]) -> None:
    """openpyxl: append a row, every str cell stored as a string, never a formula."""
    sheet.append(safe_row(row))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
