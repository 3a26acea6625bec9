"""Hostile post text and author fields render as text, run no script, and keep the layout,
at laptop and tablet widths; the screenshots are checked and kept for a person to look at.

Set PANTAU_SCREENSHOT_DIR to keep the screenshots somewhere after the run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import factories as f
import pytest
from playwright.sync_api import Browser, Page
from ui_helpers import browser_login
from ui_seed import flagged, matches_for, morning

pytestmark = pytest.mark.browser

XSS = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 1">',
    '<svg onload="window.__pwned = 1"><script>window.__pwned = 1</script></svg>',
    '<a href="javascript:window.__pwned = 1">klik</a>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<body onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "<style>body { display: none }</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>alert(1)//<</script>",
    "<div style='position:fixed;inset:0;background:red'>menutupi halaman</div>",
    "\u202eRTL override\u202c fdp.exe \u2067isolate",
    "{{ 7*7 }} {% if true %}jinja{% endif %}",
    "<!-- komentar --> ]]> <![CDATA[ x ]]>",
]
LONG_WORD = "A" * 30_000
HOSTILE_TEXT = "Ayo coblos nomor 2! " + " ".join(XSS) + " " + LONG_WORD + " " + "kata " * 14_000
VIEWPORTS = {"laptop": (1366, 768), "tablet": (768, 1024)}


@pytest.fixture
def hostile(live_server):
    db = live_server.ui.db
    with db.session() as s:
        ids = {k: v.id for k, v in morning(s).items.items()}
        acc = f.account(
            s,
            handle='"><svg/onload=alert(1)>',
            display_name="<img src=x onerror=alert(1)>\u202eniamoD",
            bio="<script>alert('bio')</script>" * 50,
            url="javascript:alert(1)",
        )
        item = flagged(s, acc, HOSTILE_TEXT, [], priority=0.999, url="javascript:alert(1)")
        cls = item.classification
        # Matches that cut through markup: the cut happens before escaping, so harmless.
        cls.matches = [
            *matches_for(HOSTILE_TEXT, [("vote_call", "coblos", None)]),
            {"kind": "candidate", "start": HOSTILE_TEXT.index("<script>") + 1, "end": 40},
            {
                "kind": "hashtag",
                "start": HOSTILE_TEXT.index("<svg"),
                "end": HOSTILE_TEXT.index("<svg") + 12,
            },
            {"kind": "<b>bad</b>", "start": 0, "end": 3},
            {"kind": "number", "start": -5, "end": 10**9},
        ]
        cls.explanation = {
            "features": [["<script>alert(1)</script>", 2.0]],
            "asn_reasons": [{"kind": "<i>x</i>", "text": "<img src=x onerror=alert(1)>"}],
            "supported": ["<b>PILWALKOT#1</b>"],
        }
        s.commit()
        ids["hostile"] = item.id
    return ids


def _arm(page: Page) -> list[str]:
    events: list[str] = []
    page.on("dialog", lambda d: (events.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda exc: events.append(f"error: {exc}"))
    return events


def _check_page(page: Page, name: str, width: int, out: Path) -> None:
    assert page.evaluate("window.__pwned") is None, name
    # Only our two scripts exist, and no element anywhere carries an inline handler.
    assert page.evaluate("document.scripts.length") == 2, name
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].filter(e => [...e.attributes]"
        ".some(a => a.name.startsWith('on'))).length"
    )
    assert handlers == 0, name
    assert page.evaluate("document.querySelectorAll('iframe, svg, img, style').length") == 0, name
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name}: {overflow}px of horizontal overflow at {width}px"
    page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=False)


def test_hostile_content_runs_nothing_and_keeps_the_layout(
    live_server, hostile, browser: Browser, tmp_path: Path
):
    out = tmp_path / "screenshots"
    out.mkdir()
    to_claim = {"laptop": hostile["top"], "tablet": hostile["second"]}
    for label, (width, height) in VIEWPORTS.items():
        page = browser.new_page(viewport={"width": width, "height": height})
        events = _arm(page)
        browser_login(page, live_server.url, "analyst")

        page.goto(f"{live_server.url}/queue")
        _check_page(page, f"queue-{label}", width, out)
        take_next = page.locator("#take-next-form button").bounding_box()
        assert take_next and take_next["x"] + take_next["width"] <= width
        assert take_next["y"] + take_next["height"] <= height

        page.goto(f"{live_server.url}/items/{hostile['hostile']}")
        _check_page(page, f"item-hostile-{label}", width, out)
        text = page.locator("#post-text")
        assert "<script>window.__pwned = 1</script>" in text.inner_text()
        assert "{{ 7*7 }}" in text.inner_text()  # shown as typed, never evaluated
        assert text.locator(":scope *:not(mark)").count() == 0
        assert page.locator("#original-url").count() == 0  # javascript: URL is not a link
        box = text.bounding_box()
        assert box and box["height"] <= height  # 100 KB text scrolls inside its box
        claim = page.locator("#claim-form button").bounding_box()
        assert claim and claim["x"] + claim["width"] <= width

        page.goto(f"{live_server.url}/items/{to_claim[label]}")
        page.click("#claim-form button")
        page.wait_for_url("**?pesan=diambil")
        _check_page(page, f"item-claimed-{label}", width, out)
        for button in ("#form-confirm button[data-save-next]", "#take-next-form button"):
            box = page.locator(button).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (label, button)
        page.goto(f"{live_server.url}/queue?status=all")
        _check_page(page, f"queue-all-{label}", width, out)
        assert events == [], events
        page.close()
    keep = os.environ.get("PANTAU_SCREENSHOT_DIR")
    if keep:
        shutil.copytree(out, keep, dirs_exist_ok=True)
