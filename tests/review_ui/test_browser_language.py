"""Every page, as every role, in real Chromium: the visible text holds no English word or
raw enum value from english.py (issue 15: "remove every English leftover")."""

from __future__ import annotations

import casekit as k
import pytest
import ui_seed
from english import offenders
from playwright.sync_api import Browser, expect
from pydantic import SecretStr
from ui_helpers import browser_login

from pantau.models import User

pytestmark = pytest.mark.browser

# Machine values (hashes, keys, file formats) are set in .mono or <code>: not prose.
VISIBLE_WORDS = """() => {
  document.querySelectorAll('.mono, code, input, textarea').forEach(e => e.remove());
  return document.body.innerText;
}"""


def _pages(ids: dict[str, int], case_id: int) -> dict[str, list[str]]:
    common = [
        "/queue",
        "/queue?status=all",
        "/queue?status=confirmed",
        f"/items/{ids['top']}",
        f"/items/{ids['decided']}",
        "/reports/new",
        "/cases",
        f"/cases/{case_id}",
        "/dashboard",
    ]
    supervisor = [*common, "/escalations", "/audit", "/audit/retention"]
    admin = [
        *supervisor,
        "/admin/sources",
        "/admin/sources/new",
        "/admin/users",
        "/admin/settings",
        "/admin/models",
        "/admin/registries",
    ]
    return {"analyst": common, "supervisor": supervisor, "admin": admin}


def test_no_english_or_raw_enum_on_any_page(live_server, browser: Browser):
    db = live_server.ui.db
    with db.session() as s:
        data = ui_seed.morning(s, db.settings.evidence_dir)
        w = k.world(s)
        case = k.approved_case(s, w)
        analyst = s.get_one(User, live_server.ui.user_ids["analyst"])
        decided = k.quick_confirmed_item(s, analyst, data.accounts["guru"])
        ids = {name: item.id for name, item in data.items.items()} | {"decided": decided.id}
        case_id = case.id
        s.commit()
    # No PANTAU_SECRET_KEY: the app generated one; the settings page says so, masked.
    settings = live_server.ui.app.state.settings
    (settings.data_dir / "secret_key").write_text("x" * 64)
    live_server.ui.app.state.settings = settings.model_copy(update={"secret_key": SecretStr("")})
    found: dict[str, set[str]] = {}
    for role, paths in _pages(ids, case_id).items():
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        browser_login(page, live_server.url, role)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response is not None and response.status < 400, (role, path)
            if path == "/admin/settings":
                expect(page.locator("#settings")).to_contain_text("•••••• (dibuat otomatis di")
                assert "x" * 64 not in page.content()
            bad = offenders(page.evaluate(VISIBLE_WORDS))
            if bad:
                found[f"{role} {path}"] = bad

        page.close()
    assert found == {}, "\n".join(f"{where}: {sorted(words)}" for where, words in found.items())
