"""Region codes: the packaged Kemendagri list, and the official list an admin imports."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from shared_data import DATASETS, requires

from pantau import regions
from pantau.settings import get_settings

WILAYAH = DATASETS / "wilayah-id" / "wilayah_provinsi_kabkota.csv"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("PANTAU_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_packaged_list_covers_every_province_and_regency(data_dir: Path) -> None:
    names = regions.region_names()
    assert len(regions.provinces()) == 38
    assert sum(1 for code in names if "." in code) == 514
    assert names["35"] == "Jawa Timur" and names["35.78"] == "Kota Surabaya"
    assert names["31.72"] == "Kota Administrasi Jakarta Utara"  # upstream's trailing space gone
    assert regions.is_region("96") and regions.is_region("96.01")  # Papua Barat Daya (2022)
    assert not regions.is_region("35.78.01") and not regions.is_region("3578")
    assert regions.region_name(None) == "Nasional" and regions.region_name("99.99") == "99.99"


@requires("datasets", "wilayah-id")
def test_packaged_list_is_the_official_extract(data_dir: Path) -> None:
    with WILAYAH.open(encoding="utf-8") as f:
        official = [(row["kode"], row["nama"].strip()) for row in csv.DictReader(f)]
    assert list(regions.region_names().items()) == official


def _pantau(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pantau", *args], capture_output=True, text=True, timeout=120
    )


def test_an_imported_list_replaces_the_packaged_one(data_dir: Path) -> None:
    # An invented split: province 97 carved out of 35, with one regency and a district row.
    official = (
        "kode,nama\n35,Jawa Timur\n35.78,Kota Surabaya\n"
        "97,Provinsi Uji\n97.01,Kabupaten Uji\n97.01.01,Kecamatan Uji\n"
    )
    path = data_dir / "wilayah.csv"
    path.write_text(official, encoding="utf-8")

    out = _pantau("import", "regions", "--dry-run", str(path))
    assert out.returncode == 0, out.stderr
    assert "would import 2 provinces and 2 regencies/cities" in out.stdout
    assert not regions.regions_path().exists() and not regions.is_region("97.01")

    out = _pantau("import", "regions", str(path))
    assert out.returncode == 0, out.stderr
    assert regions.is_region("97.01") and regions.region_name("97") == "Provinsi Uji"
    assert not regions.is_region("97.01.01") and not regions.is_region("11")


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("code,name\n35,Jawa Timur\n", "kode and nama"),
        ("kode,nama\n35,Jawa Timur\n35,Jawa Timur\n", "appears twice"),
        ("kode,nama\n35,\n", "has no name"),
        ("kode,nama\n35,Jawa Timur\n36.01,Kabupaten Lepas\n", "without their province"),
        ("kode,nama\n35.78,Kota Surabaya\n35.79,Kota Lain\n", "without their province"),
    ],
)
def test_a_bad_list_is_refused_and_the_old_one_kept(
    data_dir: Path, body: str, problem: str
) -> None:
    with pytest.raises(regions.RegionListError, match=problem):
        regions.save_regions(body.encode())
    assert not regions.regions_path().exists()
    assert regions.is_region("35.78")
