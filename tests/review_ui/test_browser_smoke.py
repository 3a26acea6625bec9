"""A real Chromium logs in through a real server and sees the queue."""

from __future__ import annotations

import pytest
from ui_helpers import browser_login

pytestmark = pytest.mark.browser


def test_login_in_the_browser_opens_the_queue(live_server, page):
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    browser_login(page, live_server.url, "analyst")
    assert page.url.endswith("/queue")
    assert page.locator("h1").inner_text() == "Antrean tinjauan"
    page.click("text=Keluar")
    page.wait_for_url("**/login?keluar=1")
    assert errors == []  # no CSP violations or script errors
