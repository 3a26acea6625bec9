"""The formal report in HTML and PDF: every required part, rendered pages, extractable text."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import casekit as k
import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from complaints.pdf import render_pdf
from complaints.report import TITLE, render_html
from pantau import casefile
from pantau.models import Outbox


def _approved_payload(session, n_posts: int = 2) -> dict:
    w = k.world(session)
    case = k.approved_case(session, w, n_posts, evidence=True)
    return session.scalars(select(Outbox.payload).where(Outbox.case_id == case.id)).one()


def test_html_report_has_every_part(session, data_dir):
    payload = _approved_payload(session)
    html = render_html(payload)
    post = payload["posts"][0]
    for expected in (
        TITLE,
        payload["number"],
        payload["office"]["name"],
        payload["reported"]["name"],
        payload["reported"]["nip"],
        payload["reported"]["position"],
        payload["reported"]["agency"],
        "Mastodon",
        post["url"],
        post["evidence"][0]["sha256"],
        "NTR-02",
        "Undang-Undang Nomor 20 Tahun 2023",
        payload["approved_by"]["name"],
        "WIB",
    ):
        assert expected in html, expected
    assert "DRAF" not in html
    assert html.startswith("<!doctype html>") and "<style>" in html
    fragment = render_html(payload, standalone=False)
    assert fragment.lstrip().startswith("<article") and "<style" not in fragment


def test_text_is_escaped_in_html(session, data_dir):
    payload = _approved_payload(session, 1)
    payload["posts"][0]["text"] = "<script>alert(1)</script>"
    payload["posts"][0]["url"] = "javascript:alert(1)"
    html = render_html(payload)
    assert "<script>alert" not in html and 'href="javascript:' not in html
    assert "javascript:alert(1)" in html  # still shown, as text


def test_a_draft_is_marked_as_such(session, data_dir):
    w = k.world(session)
    case = k.draft_case(session, w, 1)
    payload = casefile.case_payload(case)
    assert "DRAF" in render_html(payload)
    assert "DRAF" in PdfReader(io.BytesIO(render_pdf(payload))).pages[0].extract_text()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_pdf_renders_to_non_blank_pages_with_extractable_fields(session, data_dir, tmp_path):
    payload = _approved_payload(session, 3)
    payload["summary"] += " Kutipan: “Ayo!” — naïve café ✓"
    pdf = render_pdf(payload)
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "laporan.pdf"
    path.write_bytes(pdf)

    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages
    for page in pages:
        with Image.open(page) as img:
            lo, hi = img.convert("L").getextrema()
            assert hi - lo > 100, f"{page.name} looks blank"

    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    flat = " ".join(text.split())
    for expected in (
        TITLE,
        payload["number"],
        payload["reported"]["nip"],
        payload["reported"]["name"],
        payload["reported"]["agency"],
        payload["approved_by"]["name"],
        "NTR-02",
        "Kutipan: “Ayo!” — naïve café ✓",
    ):
        assert expected in flat, expected
    sha = payload["posts"][0]["evidence"][0]["sha256"]
    assert sha[:32] in flat and sha[32:] in flat
    assert Path(path).stat().st_size < 400_000  # fonts are subset, not embedded whole


def test_the_same_payload_gives_the_same_pdf_bytes(session, data_dir):
    payload = _approved_payload(session, 1)
    assert render_pdf(payload) == render_pdf(payload)
