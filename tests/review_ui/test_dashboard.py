"""The dashboard page and its downloads, through the real app on a fresh database."""

from __future__ import annotations

import io
import re
from typing import Any

import factories as f
import pytest
import ui_seed
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlalchemy import func, select
from ui_helpers import browser_login

from pantau.models import ReviewItem
from pantau.scope import scope_filter


def seed(ui: Any) -> dict[str, int]:
    with ui.db.session() as session:
        ui_seed.morning(session)
        session.commit()
        national = session.scalar(select(func.count(ReviewItem.id)))
        surabaya = session.scalar(
            select(func.count(ReviewItem.id)).where(scope_filter(ReviewItem.region_code, "35.78"))
        )
    assert national and surabaya and national > surabaya
    return {"national": int(national), "surabaya": int(surabaya)}


def flagged_figure(html: str) -> int:
    found = re.search(r'data-key="flagged">\s*<div class="figure-value">([\d.]+)</div>', html)
    assert found, "no flagged figure on the page"
    return int(found.group(1).replace(".", ""))


def test_supervisor_sees_national_figures_and_can_choose_a_region(ui: Any) -> None:
    counts = seed(ui)
    client = ui.client_for("supervisor")
    page = client.get("/dashboard")
    assert page.status_code == 200
    assert "Dasbor pengawasan netralitas ASN" in page.text
    assert flagged_figure(page.text) == counts["national"]
    for title in (
        "Kategori pelanggaran",
        "Kategori jabatan",
        "Instansi",
        "Wilayah: provinsi",
        "Platform",
        "Per minggu",
        "Butir per analis per hari",
        "Netralitas Pantau",
    ):
        assert title in page.text
    assert 'data-chart="chart-platform"' in page.text
    surabaya = client.get("/dashboard", params={"region": "35.78"})
    assert flagged_figure(surabaya.text) == counts["surabaya"]


def test_analyst_sees_only_their_own_region(ui: Any) -> None:
    counts = seed(ui)
    client = ui.client_for("analyst")  # scope 35.78
    page = client.get("/dashboard", params={"region": "31"})
    assert page.status_code == 200
    assert flagged_figure(page.text) == counts["surabaya"]
    assert 'name="region"' not in page.text
    jakarta = ui.client_for("analyst_jkt")
    assert flagged_figure(jakarta.get("/dashboard").text) == counts["national"] - counts["surabaya"]


def test_bad_filters_get_a_clear_message(ui: Any) -> None:
    client = ui.client_for("supervisor")
    bad_date = client.get("/dashboard", params={"start": "2026-13-01"})
    assert bad_date.status_code == 400 and "tidak valid" in bad_date.text
    reversed_period = client.get("/dashboard", params={"start": "2026-03-02", "end": "2026-03-01"})
    assert reversed_period.status_code == 400 and "sebelum tanggal awal" in reversed_period.text
    bad_region = client.get("/dashboard", params={"region": "99"})
    assert bad_region.status_code == 400 and "tidak dikenal" in bad_region.text
    assert client.get("/dashboard/export/tidakada.csv").status_code == 404
    assert client.get("/dashboard/export/platform.pdf").status_code == 404
    scoped = ui.client_for("analyst")
    assert scoped.get("/dashboard/export/platform.csv", params={"start": "x"}).status_code == 400


def test_downloads_carry_the_filters(ui: Any) -> None:
    seed(ui)
    client = ui.client_for("supervisor")
    params = {"start": "2026-01-01", "end": "2026-03-31", "region": "35.78"}
    csv_file = client.get("/dashboard/export/platform.csv", params=params)
    assert csv_file.status_code == 200
    assert csv_file.headers["content-type"].startswith("text/csv")
    assert (
        "pantau-platform-2026-01-01-2026-03-31-35.78.csv" in csv_file.headers["content-disposition"]
    )
    text = csv_file.content.decode("utf-8-sig")
    assert "Periode,2026-01-01 s.d. 2026-03-31 (Asia/Jakarta)" in text
    assert "Wilayah,35.78 Kota Surabaya" in text
    xlsx = client.get("/dashboard/export/pelanggaran.xlsx", params=params)
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content))
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c]
    assert "Kategori pelanggaran" in cells and "35.78 Kota Surabaya" in cells
    assert "2026-01-01 s.d. 2026-03-31 (Asia/Jakarta)" in cells


def figure(html: str, key: str) -> int:
    found = re.search(rf'data-key="{key}">\s*<div class="figure-value">([\d.]+)</div>', html)
    assert found, f"no {key} figure on the page"
    return int(found.group(1).replace(".", ""))


@pytest.mark.browser
def test_charts_draw_in_the_browser_without_csp_errors(live_server: Any, page: Any) -> None:
    seed(live_server.ui)
    with live_server.ui.db.session() as session:
        # Crawled without a source region: one matched a Surabaya contest (its item says
        # so), one is by an account linked to a Surabaya civil servant.
        item = f.review_item(session, region="35.78")
        item.post.region_code = None
        cs = f.civil_servant(session, region="35.78")
        f.post(session, f.account(session, civil_servant_id=cs.id), region_code=None)
        session.commit()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    browser_login(page, live_server.url, "supervisor")
    page.goto(live_server.url + "/dashboard")
    page.wait_for_selector('canvas[data-chart="chart-platform"][data-drawn="1"]')
    drawn = page.locator("canvas[data-drawn='1']").count()
    assert drawn >= 5
    assert page.locator("table[data-table='platform'] caption").count() == 1
    assert errors == []
    # Collected posts are attributed to regions, so Surabaya has collected what it flagged.
    page.goto(live_server.url + "/dashboard?region=35.78")
    html = page.content()
    assert figure(html, "collected") >= figure(html, "flagged") + 1
    expect(page.locator("body")).to_contain_text("Butir per analis per hari")
