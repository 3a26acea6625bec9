"""A real Chromium shows a post's photo with the hand boxed and labelled in Indonesian and
the words read in the picture highlighted (issue 14)."""

from __future__ import annotations

import hashlib
from typing import Any

import factories as f
import pytest
from sqlalchemy import select
from ui_helpers import browser_login

from crawlers.replay.images import demo_pairs, render_poster
from pantau.images import save_findings
from pantau.models import Classification, Evidence, EvidenceKind
from pantau.settings import get_settings

pytestmark = pytest.mark.browser


def _item_with_photo(ui: Any) -> tuple[int, int]:
    data = render_poster(next(p for p in demo_pairs() if p.number == 2), 2)
    sha = hashlib.sha256(data).hexdigest()
    relpath = f"images/{sha[:2]}/{sha}.jpg"
    target = get_settings().evidence_dir / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    with ui.db.session() as session:
        item = f.review_item(session, text="Rapat koordinasi pagi ini di kantor kecamatan.")
        row = session.scalars(
            select(Classification).where(Classification.id == item.classification_id)
        ).one()
        row.matches = [
            {
                "kind": "vote_call",
                "start": -1,
                "end": -1,
                "text": "COBLOS No. 2",
                "entity": "PILWALKOT-3578-2027#2",
            },
            {
                "kind": "gesture",
                "start": -1,
                "end": -1,
                "text": "foto: salam dua jari",
                "entity": "PILWALKOT-3578-2027#2",
            },
        ]
        image = Evidence(
            post_id=item.post_id,
            kind=EvidenceKind.IMAGE,
            path=relpath,
            url="http://contoh.invalid/a.jpg",
            sha256=sha,
            size=len(data),
        )
        session.add(image)
        session.flush()
        box = {"left": 500, "top": 380, "width": 180, "height": 300}
        read = [("COBLOS", 150, 360, 330, 1), ("No.", 500, 360, 120, 1), ("2", 640, 360, 40, 1)]
        read.append(("Lanjutkan", 150, 800, 200, 2))
        words = [
            {
                "text": t,
                "confidence": 0.9,
                "line": n,
                "box": {"left": x, "top": y, "width": w, "height": 60},
            }
            for t, x, y, w, n in read
        ]
        findings = {
            "sha256": sha,
            "width": 800,
            "height": 1000,
            "error": "",
            "version": "images-1",
            "hands": [
                {
                    "category": "v",
                    "confidence": 0.93,
                    "box": box,
                    "extended": ["index", "middle"],
                    "number": 2,
                }
            ],
            "words": words,
        }
        save_findings(session, image, findings)
        session.commit()
        return item.id, image.id


def test_the_item_page_boxes_the_hand_and_highlights_read_words(ui, live_server, page) -> None:  # type: ignore[no-untyped-def]
    item_id, image_id = _item_with_photo(ui)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    browser_login(page, live_server.url, "analyst")
    with page.expect_response(lambda r: r.url.endswith(f"/evidence/{image_id}/image")) as shown:
        page.goto(f"{live_server.url}/items/{item_id}")
    assert shown.value.status == 200
    assert shown.value.headers["content-type"] == "image/jpeg"
    figure = page.locator(f"#image-{image_id}")
    hand = figure.locator("g.hand-box")
    assert hand.count() == 1
    assert hand.get_attribute("data-label") == "salam dua jari (V), 0.93"
    assert figure.locator("text.hand-label").text_content() == "salam dua jari (V), 0.93"
    frame = figure.locator("svg.image-frame").bounding_box()
    rect = hand.locator("rect").first.bounding_box()
    assert frame and rect and rect["width"] > 0 and rect["height"] > rect["width"]
    # The box sits where the hand is: 500/800 across, 380/1000 down the picture.
    assert abs((rect["x"] - frame["x"]) / frame["width"] - 500 / 800) < 0.02
    assert abs((rect["y"] - frame["y"]) / frame["height"] - 380 / 1000) < 0.02
    marked = figure.locator("mark.m-image").all_inner_texts()
    assert marked == ["COBLOS", "No.", "2"]
    assert "Lanjutkan" in figure.locator(".image-text").inner_text()
    assert "Tidak ada pengenalan wajah" in page.locator("#images").inner_text()
    assert errors == []  # no CSP violation: boxes are SVG attributes, not inline styles
