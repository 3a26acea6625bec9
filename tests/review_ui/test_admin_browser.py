"""An admin's afternoon in a real Chromium: a user, a Mastodon source on the replay server,
a crawl started from the page, its run, and a registry CSV fixed after its dry run."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from ui_helpers import browser_login

from crawlers.replay import ReplayServer
from pantau.models import CivilServant, CrawlRun, RunStatus, User

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GOOD_CSV = (
    "nip,name,agency,position,position_category,employment_type,region_code\n"
    "198503122010011003,Wahyu Rekaan,Dinas Pendidikan Kota Surabaya,Guru,Fungsional,PNS,35.78\n"
    "197911052005012007,Endah Rekaan,Kecamatan Rungkut,Camat,Administrator,PNS,35.78\n"
)
BAD_CSV = GOOD_CSV.replace("PNS,35.78\n", "PNS,99.99\n", 1)  # line 2: unknown region


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    with ReplayServer() as server:
        yield server


def test_admin_walks_users_sources_crawl_and_registry(
    live_server: Any, page: Any, replay: ReplayServer, tmp_path: Path
) -> None:
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    base = live_server.url
    browser_login(page, base, "admin")
    page.click("nav.mainnav >> text=Administrasi")
    page.wait_for_url("**/admin/users")

    # A new analyst for Kota Surabaya.
    form = page.locator("#new-user")
    form.locator("input[name=username]").fill("dimas.analis")
    form.locator("input[name=full_name]").fill("Dimas Rekaan")
    form.locator("select[name=role]").select_option("analyst")
    form.locator("select[name=region_scope]").select_option("35.78")
    form.locator("input[name=password]").fill("sandi-dimas-123")
    form.locator("input[name=password_again]").fill("sandi-dimas-123")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=Pengguna dibuat.")
    assert page.locator("#users >> text=dimas.analis").count() == 1

    # A Mastodon source on the replay server, then "crawl now".
    page.click("nav.tabs >> text=Sumber")
    page.click("text=Mastodon")
    page.fill("input[name=name]", "mastodon-replay")
    page.fill("input[name=instance]", replay.url)
    page.fill("textarea[name=hashtags]", "hendi2")
    page.select_option("select[name=region_code]", "35.78")
    page.click("#source-form button[type=submit]")
    page.wait_for_selector("text=Sumber dibuat.")
    page.click("#crawl-now")
    page.wait_for_selector("text=Perayapan dimulai")
    # The runs table refreshes itself (htmx) until the run has finished.
    finished = page.wait_for_selector(
        "#runs-table tr[data-status=succeeded], #runs-table tr[data-status=failed]",
        timeout=120_000,
    )
    assert finished.get_attribute("data-status") == "succeeded", page.inner_text("#runs")
    finished.query_selector("a").click()
    page.wait_for_url(re.compile(r".*/admin/runs/\d+$"))
    assert page.locator("#run").get_attribute("data-status") == "succeeded"
    assert "Spider" in page.inner_text("#run-log") or "run" in page.inner_text("#run-log")

    # The registry: a bad row is named by its line, nothing is written; fixed, it imports.
    page.click("nav.tabs >> text=Registri")
    bad, good = tmp_path / "asn-salah.csv", tmp_path / "asn.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    good.write_text(GOOD_CSV, encoding="utf-8")
    upload = page.locator("#upload-civil-servants")
    upload.locator("input[type=file]").set_input_files(str(bad))
    upload.locator("button[type=submit]").click()
    page.wait_for_selector("#row-errors")
    assert "99.99" in page.inner_text("#row-errors")
    assert page.inner_text("#row-errors td.num") == "2"
    upload = page.locator("#upload-civil-servants")
    upload.locator("input[type=file]").set_input_files(str(good))
    upload.locator("button[type=submit]").click()
    page.wait_for_selector("#preview")
    page.click("#import-now")
    page.wait_for_selector("text=Registri diimpor: 2 baris baru")

    with live_server.ui.db.session() as session:
        assert session.scalar(select(User).where(User.username == "dimas.analis")) is not None
        run = session.scalars(select(CrawlRun)).one()
        assert run.status is RunStatus.SUCCEEDED and run.posts_new > 0
        assert session.scalar(select(func.count(CivilServant.id))) == 2
    # The rejected upload is answered with a 400 page on purpose; nothing else may fail.
    assert [e for e in errors if "status of 400" not in e] == []
