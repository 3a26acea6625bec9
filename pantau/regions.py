"""Kemendagri region codes (provinces and regencies/cities), bundled from cahyadsn/wilayah (MIT)."""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib.resources import files


@lru_cache
def region_names() -> dict[str, str]:
    text = (files("pantau") / "data" / "wilayah" / "wilayah_provinsi_kabkota.csv").read_text(
        encoding="utf-8"
    )
    # Upstream keeps a trailing space on one name ("31.72"); names are shown, so strip.
    return {row["kode"]: row["nama"].strip() for row in csv.DictReader(io.StringIO(text))}


def is_region(code: str) -> bool:
    return code in region_names()


def region_name(code: str | None) -> str:
    if code is None:
        return "Nasional"
    return region_names().get(code, code)


def province_of(code: str) -> str:
    return code.split(".", 1)[0]


def provinces() -> dict[str, str]:
    return {k: v for k, v in region_names().items() if "." not in k}
