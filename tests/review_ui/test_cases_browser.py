"""Cases in real Chromium: an analyst groups a queue selection into a case, another
supervisor approves it, delivery reaches the mock complaint server, follow-up is recorded;
and a supervisor cannot approve a case of their own."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator

import casekit as k
import pytest
from playwright.sync_api import Browser, Page, expect
from ui_helpers import browser_login

from pantau.models import User
from pantau.settings import get_settings

pytestmark = pytest.mark.browser


@pytest.fixture
def mock_url(tmp_path) -> Iterator[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "complaints.mock_server", "--db", str(tmp_path / "mock.db")],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("listening on "), line
    yield line.split()[-1]
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def seeded(live_server, mock_url, monkeypatch) -> list[int]:
    monkeypatch.setenv("PANTAU_COMPLAINT_DESTINATION", "siapnet")
    monkeypatch.setenv("PANTAU_COMPLAINT_BASE_URL", mock_url)
    get_settings.cache_clear()
    db = live_server.ui.db
    with db.session() as s:
        analyst = s.get_one(User, live_server.ui.user_ids["analyst"])
        w = k.world(s)
        ids = [k.confirmed_item(s, analyst, w.account).id for _ in range(3)]
        s.commit()
    return ids


def _new_page(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.on("pageerror", lambda exc: pytest.fail(f"page error: {exc}"))
    browser_login(page, base, username)
    return page


def test_create_approve_deliver_follow_up(live_server, seeded, browser: Browser):
    base = live_server.url
    analyst = _new_page(browser, base, "analyst")

    # A selection in the queue's "confirmed" tab becomes a case.
    analyst.goto(base + "/queue?status=confirmed")
    # The tab says which code and who confirmed; "select all" selects every row.
    expect(analyst.locator(".confirmed-by").first).to_have_text(
        "NTR-02 · oleh Pengguna Uji Analyst"
    )
    analyst.check("#select-all")
    for item_id in seeded:
        expect(analyst.locator(f"input[form=case-form][value='{item_id}']")).to_be_checked()
    analyst.uncheck(f"input[form=case-form][value='{seeded[2]}']")
    analyst.click("#case-from-selection")
    analyst.wait_for_url(re.compile(r"/cases/new\?item=\d+&item=\d+"))
    expect(analyst.locator("#case-civil-servant")).to_contain_text("Sri Rekaan Wulandari")
    analyst.click("#create-case-submit")
    analyst.wait_for_url(re.compile(r"/cases/\d+\?pesan=dibuat"))
    number = analyst.locator("#case-number").inner_text()
    expect(analyst.locator("#report-preview")).to_contain_text(
        "Laporan Dugaan Pelanggaran Netralitas ASN"
    )
    expect(analyst.locator("#report-preview")).to_contain_text(number)
    analyst.click("#submit-form button")
    expect(analyst.locator("#case-status")).to_have_text("Menunggu persetujuan")
    expect(analyst.locator("#approve-form")).to_have_count(0)
    case_url = analyst.url.split("?")[0]

    # Another supervisor approves: four eyes.
    supervisor = _new_page(browser, base, "supervisor")
    supervisor.goto(case_url)
    supervisor.click("#approve-form button")
    expect(supervisor.locator("#case-status")).to_have_text("Disetujui")
    expect(supervisor.locator("#delivery-status")).to_have_text("Menunggu pengiriman")

    # "Kirim sekarang" runs the export: the mock complaint server receives it, and the
    # page says where it went.
    supervisor.click("#send-now-form button")
    supervisor.wait_for_url("**?pesan=terkirim")
    expect(supervisor.locator("#case-status")).to_have_text("Terkirim")
    expect(supervisor.locator("#delivery-destination")).to_have_text("SIAP-Net (Bawaslu)")
    expect(supervisor.locator("#delivery-receipt")).to_have_text(re.compile(r"^SIAPNET-\d{6}$"))
    with supervisor.expect_download() as download:
        supervisor.click("#download-pdf")
    assert download.value.suggested_filename.endswith(".pdf")

    # Follow-up from the receiving body, by hand (supervisors only, issue 16).
    supervisor.goto(case_url)
    supervisor.select_option("#follow-up-form select[name=status]", "recommendation_issued")
    supervisor.fill("#follow-up-form input[name=on]", "2024-12-02")
    supervisor.fill("#follow-up-form textarea[name=note]", "Rekomendasi: sanksi moral terbuka")
    supervisor.click("#follow-up-form button")
    expect(supervisor.locator("#case-status")).to_have_text("Rekomendasi terbit")
    entry = supervisor.locator("#history li[data-kind=recommendation_issued]")
    expect(entry).to_contain_text("Rekomendasi: sanksi moral terbuka")
    expect(entry).to_contain_text("2024-12-02")
    analyst.reload()
    expect(analyst.locator("#history li[data-kind=exported]")).to_contain_text("SIAPNET-")


def test_a_supervisor_cannot_approve_their_own_case_in_the_browser(
    live_server, seeded, browser: Browser
):
    base = live_server.url
    supervisor = _new_page(browser, base, "supervisor")
    supervisor.goto(f"{base}/items/{seeded[2]}")
    supervisor.click("#create-case")
    supervisor.click("#create-case-submit")
    supervisor.wait_for_url(re.compile(r"/cases/\d+"))
    supervisor.click("#submit-form button")
    expect(supervisor.locator("#four-eyes-note")).to_be_visible()
    expect(supervisor.locator("#approve-form")).to_have_count(0)
    expect(supervisor.locator("#return-form")).to_have_count(0)  # nor "Kembalikan"

    # Forcing the POST from the page (with its CSRF token) is refused too.
    case_url = supervisor.url.split("?")[0]
    token = supervisor.locator("meta[name=csrf-token]").get_attribute("content")
    forced = supervisor.request.post(
        case_url + "/approve", form={"csrf_token": token or "", "version": "2"}
    )
    assert forced.status == 403 and "empat mata" in forced.text()
    supervisor.reload()
    expect(supervisor.locator("#case-status")).to_have_text("Menunggu persetujuan")
