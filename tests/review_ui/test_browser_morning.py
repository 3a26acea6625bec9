"""A whole morning in real Chromium: log in, filter, take next, read, confirm with a
category, save-and-next, escalate, and a supervisor resolves; then two analysts race."""

from __future__ import annotations

import re

import pytest
import ui_seed
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from ui_helpers import browser_login

from pantau.models import Decision, ReviewItem, ReviewStatus, Verdict

pytestmark = pytest.mark.browser


@pytest.fixture
def seeded(live_server):
    db = live_server.ui.db
    with db.session() as s:
        data = ui_seed.morning(s, db.settings.evidence_dir)
        ids = {name: item.id for name, item in data.items.items()}
        s.commit()
    return ids


def _watch_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def _status(live_server, item_id: int) -> ReviewStatus:
    with live_server.ui.db.session() as s:
        return s.get(ReviewItem, item_id).status


def test_a_whole_morning(live_server, seeded, browser: Browser):
    ids = seeded
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    errors = _watch_errors(page)
    browser_login(page, live_server.url, "analyst")

    # Filter: candidate no. 2 of the Surabaya contest; the URL carries the filter.
    page.click("summary:has-text('Filter')")
    page.select_option("select[name=candidate]", f"{ui_seed.CONTEST}#2")
    page.click("button:has-text('Terapkan')")
    page.wait_for_url(re.compile(r"candidate=PILWALKOT-3578-2024%232"))
    rows = page.locator("#queue-table tbody tr[data-item-id]")
    expect(rows).to_have_count(2)

    # Take next: the top item in scope opens, claimed, with a running lease.
    page.click("#take-next-form button")
    page.wait_for_url(f"**/items/{ids['top']}")
    expect(page.locator("#lease .countdown")).to_contain_text(re.compile(r"1[45]:\d\d"))
    expect(page.locator("#post-text mark.m-candidate")).to_have_text("Hendi Fiktif")

    # Read, then confirm with a violation code and position category, save and next.
    confirm = page.locator("#form-confirm")
    confirm.locator("select[name=violation_code]").select_option("NTR-04")
    confirm.locator("select[name=position_category]").select_option("FUNGSIONAL")
    confirm.locator("button[data-save-next]").click()
    page.wait_for_url(f"**/items/{ids['second']}?pesan=dikonfirmasi&urung={ids['top']}")
    expect(page.locator(".flash.ok")).to_contain_text("dikonfirmasi")

    # Escalate with the keyboard: e focuses the note, Ctrl+Enter saves and opens the next.
    page.keyboard.press("e")
    expect(page.locator("#form-escalate textarea")).to_be_focused()
    page.keyboard.type("Akun camat, perlu dicek supervisor (k j ? tidak memicu pintasan)")
    expect(page.locator("#help")).not_to_be_visible()  # '?' typed in a field did nothing
    page.keyboard.press("Control+Enter")
    page.wait_for_url(f"**/items/{ids['third']}?pesan=dieskalasi&urung={ids['second']}")
    assert _status(live_server, ids["top"]) is ReviewStatus.CONFIRMED
    assert _status(live_server, ids["second"]) is ReviewStatus.ESCALATED

    # The ? overlay lists the shortcuts.
    page.keyboard.press("?")
    expect(page.locator("#help")).to_be_visible()
    expect(page.locator("#help")).to_contain_text("Simpan & berikutnya")
    page.keyboard.press("Escape")
    page.click("text=Keluar")
    page.wait_for_url("**/login?keluar=1")
    assert errors == []

    # The supervisor resolves the escalation.
    sup = browser.new_page(viewport={"width": 1366, "height": 768})
    sup_errors = _watch_errors(sup)
    browser_login(sup, live_server.url, "supervisor")
    sup.click("nav.mainnav >> text=Eskalasi")
    expect(sup.locator("#escalations-table")).to_contain_text("perlu dicek supervisor")
    sup.click(f"a[href='/items/{ids['second']}']")
    expect(sup.locator("#decision h2")).to_have_text("Selesaikan eskalasi")
    form = sup.locator("#form-confirm")
    form.locator("select[name=violation_code]").select_option("NTR-06")
    form.locator("button:has-text('Konfirmasi')").click()
    sup.wait_for_url(f"**/items/{ids['second']}?pesan=dikonfirmasi")
    assert _status(live_server, ids["second"]) is ReviewStatus.CONFIRMED
    with live_server.ui.db.session() as s:
        verdicts = [d.verdict for d in s.scalars(select(Decision).order_by(Decision.id))]
    assert verdicts == [Verdict.CONFIRM, Verdict.ESCALATE, Verdict.CONFIRM]
    assert sup_errors == []


def test_two_analysts_race_for_one_item(live_server, seeded, browser: Browser):
    ids = seeded
    first = browser.new_context().new_page()
    second = browser.new_context().new_page()
    browser_login(first, live_server.url, "analyst")
    browser_login(second, live_server.url, "analyst2")
    url = f"{live_server.url}/items/{ids['fourth']}"
    first.goto(url)
    second.goto(url)  # both pages rendered the same unclaimed version
    first.click("#claim-form button")
    first.wait_for_url("**?pesan=diambil")
    second.click("#claim-form button")
    expect(second.locator("#page-error")).to_contain_text(
        "sedang ditinjau oleh Pengguna Uji Analyst"
    )
    expect(second.locator("#form-confirm")).to_have_count(0)  # no decision forms for them
    with live_server.ui.db.session() as s:
        item = s.get(ReviewItem, ids["fourth"])
        assert item.claimed_by_id == live_server.ui.user_ids["analyst"]
