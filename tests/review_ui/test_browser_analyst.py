"""Issue 15 in real Chromium: claim with a key, a two-key confirm with a suggested code,
number keys, undo, supervisor reopen, reasons in Indonesian, the laptop and phone layouts,
and hashtags that stay whole."""

from __future__ import annotations

import factories as f
import pytest
import ui_seed
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from ui_helpers import browser_login

from pantau.models import (
    Decision,
    DismissReason,
    Evidence,
    EvidenceKind,
    ReviewItem,
    ReviewStatus,
    Verdict,
)
from pantau.post_record import record_hash

pytestmark = pytest.mark.browser

SOCIAL = ["NTR-02", "NTR-04", "NTR-05", "NTR-06", "NTR-07"]


@pytest.fixture
def seeded(live_server):
    db = live_server.ui.db
    with db.session() as s:
        data = ui_seed.morning(s, db.settings.evidence_dir)
        text = "nomor 2 menang #Hendi2 ☝️"
        at = text.index("Hendi")
        tag = ui_seed.flagged(s, data.accounts["warga"], text, [], priority=0.1)
        tag.classification.matches = [
            {"kind": "candidate", "start": at, "end": at + 5, "text": "Hendi", "entity": None},
            {"kind": "number", "start": at + 5, "end": at + 6, "text": "2", "entity": None},
        ]
        # Two posts captured from one timeline page: one WARC record, one SHA-256.
        tag.post.raw = {"id": "tag-1", "content": text}
        other = f.post(s, data.accounts["warga"], text="Unggahan lain di halaman yang sama")
        for post in (other, tag.post):
            s.add(
                Evidence(
                    post_id=post.id,
                    kind=EvidenceKind.WARC,
                    path="run-9.warc",
                    offset=500,
                    length=90,
                    url="https://contoh.invalid/timeline",
                    sha256="c" * 64,
                    size=90,
                )
            )
        ids = {name: item.id for name, item in data.items.items()} | {"tag": tag.id}
        s.commit()
    return ids


def _verdicts(live_server, item_id: int) -> list[tuple[Verdict, DismissReason | None]]:
    with live_server.ui.db.session() as s:
        rows = s.execute(
            select(Decision.verdict, Decision.dismiss_reason)
            .where(Decision.review_item_id == item_id)
            .order_by(Decision.id)
        )
        return [(v, r) for v, r in rows]


def _box(page: Page, selector: str) -> dict[str, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box


def test_analyst_decides_with_two_keys_undoes_and_a_supervisor_reopens(
    live_server, seeded, browser: Browser
):
    ids = seeded
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    browser_login(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/queue")
    open_before = int(page.locator(".tabs .count[data-status=open]").inner_text())
    page.goto(f"{live_server.url}/items/{ids['second']}")

    # c claims the item that is open.
    page.keyboard.press("c")
    page.wait_for_url(f"**/items/{ids['second']}?pesan=diambil")

    # Laptop: the author card sits beside the post, the save button is on screen.
    post, author = _box(page, "#post"), _box(page, "#author")
    assert author["x"] >= post["x"] + post["width"] - 1 and abs(author["y"] - post["y"]) < 5
    save = _box(page, "#form-confirm [data-save-next]")
    assert save["y"] + save["height"] <= 768

    # A gesture suggests NTR-06, pre-selected; social-media codes come first, in full.
    select_code = page.locator("#form-confirm select[name=violation_code]")
    expect(select_code).to_have_value("NTR-06")
    expect(page.locator("#suggestion")).to_contain_text("gestur dukungan")
    values = page.locator("#form-confirm option[value^='NTR']").evaluate_all(
        "opts => opts.map(o => o.value)"
    )
    assert values[: len(SOCIAL)] == SOCIAL
    expect(page.locator("#code-label")).to_contain_text("finger heart)")

    # Reasons are Indonesian sentences quoting the words; weights hide behind a toggle.
    reasons = page.locator("#post-reasons")
    expect(reasons).to_contain_text("Menyebut calon: Budi Rekaan (nomor 1)")
    expect(reasons).to_contain_text("Gestur dukungan: 'salam satu jari'")
    expect(page.locator("#technical table")).not_to_be_visible()
    page.click("#technical summary")
    expect(page.locator("#technical table")).to_contain_text("+1.80")

    # Number keys pick a code; y then Enter saves and opens the next item.
    page.keyboard.press("2")
    expect(select_code).to_have_value("NTR-04")
    page.keyboard.press("4")
    expect(select_code).to_have_value("NTR-06")
    page.keyboard.press("y")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/items/{ids['top']}?pesan=dikonfirmasi&urung={ids['second']}")
    assert _verdicts(live_server, ids["second"]) == [(Verdict.CONFIRM, None)]
    # The queue's counts follow the decision at once (one open item fewer).
    page.goto(f"{live_server.url}/queue")
    expect(page.locator(".tabs .count[data-status=open]")).to_have_text(str(open_before - 1))
    page.go_back()

    # The next item: a registry-linked author reads as a confirmed ASN, and the reasons
    # say so; "Urungkan" is offered for the decision just made, and u takes it.
    expect(page.locator("#asn-status")).to_have_text("Terkonfirmasi ASN")
    expect(page.locator("#asn-reasons")).to_contain_text("ditautkan ke registri ASN")
    expect(page.locator("#undo-form")).to_be_visible()
    page.keyboard.press("u")
    page.wait_for_url(f"**/items/{ids['second']}?pesan=diurungkan")
    assert _verdicts(live_server, ids["second"]) == [(Verdict.CONFIRM, None), (Verdict.UNDO, None)]

    # The item is the analyst's again: t, 2, Enter dismisses with the second reason.
    page.keyboard.press("t")
    page.keyboard.press("2")
    expect(page.locator("#form-dismiss input[value=not_asn]")).to_be_checked()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/items/*?pesan=ditolak&urung={ids['second']}")
    assert _verdicts(live_server, ids["second"])[-1] == (Verdict.DISMISS, DismissReason.NOT_ASN)

    # The help lists the scheme; k goes back, it never confirms.
    page.keyboard.press("?")
    expect(page.locator("#help")).to_contain_text("Ambil (klaim) butir yang sedang dibuka")
    page.keyboard.press("Escape")

    # A hashtag is one mark even when two matches meet inside it.
    page.goto(f"{live_server.url}/items/{ids['tag']}")
    marks = page.locator("#post-text mark").all_inner_texts()
    assert marks == ["#Hendi2"]
    # Its evidence says the SHA-256 is the page's, and gives one for the post alone.
    expect(page.locator("#evidence .evidence-sharing")).to_have_text(
        "Halaman yang sama dengan 1 unggahan lain, rekaman #1, posisi 1 dari 2: "
        "SHA-256 ini milik seluruh halaman."
    )
    own = record_hash({"id": "tag-1", "content": "nomor 2 menang #Hendi2 ☝️"})
    expect(page.locator("#record-hash")).to_contain_text(str(own))

    # A supervisor reopens the dismissed item with a reason; it is queued again.
    sup = browser.new_page(viewport={"width": 1366, "height": 768})
    browser_login(sup, live_server.url, "supervisor")
    sup.goto(f"{live_server.url}/items/{ids['second']}")
    sup.fill("#reopen-form textarea[name=reason]", "Akun ini ternyata ASN, periksa ulang")
    sup.click("#reopen-form button")
    sup.wait_for_url(f"**/items/{ids['second']}?pesan=dibuka-kembali")
    with live_server.ui.db.session() as s:
        assert s.get(ReviewItem, ids["second"]).status is ReviewStatus.QUEUED
    assert _verdicts(live_server, ids["second"])[-1] == (Verdict.REOPEN, None)
    expect(sup.locator("#decisions")).to_contain_text("Dibuka kembali")

    # Phone: the post comes before the forms.
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    browser_login(phone, live_server.url, "analyst2")
    phone.goto(f"{live_server.url}/items/{ids['third']}")
    assert _box(phone, "#post")["y"] < _box(phone, "#decision")["y"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
