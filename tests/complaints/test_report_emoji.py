"""The PDF never alters quoted evidence: emoji are drawn, and a character no font has is
a visible [U+XXXX] marker, never a silent gap (issue 15)."""

from __future__ import annotations

import io

import casekit as k
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from complaints.pdf import emoji_font, render_pdf, visible
from pantau.models import Outbox, Post

HIEROGLYPH = "\U00013000"  # in no font the report carries


@pytest.mark.skipif(emoji_font() is None, reason="needs Debian's fonts-noto-color-emoji")
def test_pdf_text_is_the_stored_post_with_emoji_intact(session, data_dir):
    w = k.world(session)
    case = k.approved_case(session, w, 1)
    post = session.get_one(Post, case.posts[0].id)
    post.text = f"nomor 2 menang ☝️ #Hendi2 🗳️ {HIEROGLYPH}"
    session.flush()
    payload = session.scalars(select(Outbox.payload).where(Outbox.case_id == case.id)).one()
    payload["posts"][0]["text"] = post.text  # the payload snapshots the post as approved

    pdf = render_pdf(payload)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)

    expected = post.text.replace(HIEROGLYPH, "[U+13000]")
    assert f"“{expected}”" in " ".join(text.split())
    assert visible("☝️") == "☝️" and visible(HIEROGLYPH) == "[U+13000]"
