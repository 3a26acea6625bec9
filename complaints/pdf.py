"""The formal report as a PDF (fpdf2, with the vendored DejaVu fonts for Unicode text).

Quoted evidence must never change: emoji are drawn from Noto Color Emoji (Debian package
fonts-noto-color-emoji) as a fallback font, and a character no font has is written as a
visible marker "[U+XXXX]" instead of vanishing.
"""

from __future__ import annotations

import functools
import unicodedata
from datetime import datetime
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from complaints.report import ReportView, report_view

FONT = "DejaVu"
MONO = "DejaVuMono"
HASH_FACE = FontFace(family=MONO, size_pt=7.5)
EMOJI = "NotoEmoji"
EMOJI_FONTS = (Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"),)


def emoji_font() -> Path | None:
    return next((p for p in EMOJI_FONTS if p.is_file()), None)


@functools.cache
def _covered() -> frozenset[int]:
    """Every code point the report's fonts can draw."""
    points: set[int] = set()
    root = files("complaints") / "fonts"
    with as_file(root / "DejaVuSans.ttf") as path:
        points.update(TTFont(str(path), lazy=True).getBestCmap())
    emoji = emoji_font()
    if emoji is not None:
        points.update(TTFont(str(emoji), lazy=True).getBestCmap())
    return frozenset(points)


def visible(text: str) -> str:
    """The text with each character no font can draw written as [U+XXXX]. Joiners and
    variation selectors are kept: they shape emoji and draw nothing themselves."""
    covered = _covered()
    out = []
    for ch in text:
        if ord(ch) in covered or ch.isspace() or unicodedata.category(ch) in ("Cf", "Mn"):
            out.append(ch)
        else:
            out.append(f"[U+{ord(ch):04X}]")
    return "".join(out)


class _ReportPDF(FPDF):
    def __init__(self, number: str) -> None:
        super().__init__(format="A4")
        self.number = number
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=18)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, size=8)
        self.set_text_color(90)
        self.cell(0, 5, f"{self.number} — halaman {self.page_no()} dari {{nb}}", align="C")


def _fonts(pdf: FPDF) -> None:
    root = files("complaints") / "fonts"
    for family, style, name in (
        (FONT, "", "DejaVuSans.ttf"),
        (FONT, "B", "DejaVuSans-Bold.ttf"),
        (MONO, "", "DejaVuSansMono.ttf"),
    ):
        with as_file(root / name) as path:
            pdf.add_font(family, style, str(path))
    emoji = emoji_font()
    if emoji is not None:
        pdf.add_font(EMOJI, "", str(emoji))
        pdf.set_fallback_fonts([EMOJI])


def _heading(pdf: FPDF, text: str) -> None:
    if pdf.get_y() > pdf.h - 45:  # keep a heading with the text under it
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(150)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)
    pdf.set_font(FONT, size=10)


def _para(pdf: FPDF, text: str, *, size: float = 10, char_wrap: bool = False) -> None:
    pdf.set_font(FONT, size=size)
    mode = WrapMode.CHAR if char_wrap else WrapMode.WORD
    pdf.multi_cell(
        0, 5, visible(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, wrapmode=mode, align="L"
    )


def _title(pdf: FPDF, r: ReportView) -> None:
    if r.draft:
        pdf.set_font(FONT, "B", 10)
        pdf.set_text_color(170, 0, 0)
        pdf.cell(0, 6, "DRAF — BELUM DISETUJUI", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0)
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(0, 8, r.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=10)
    pdf.cell(0, 6, f"Nomor: {r.number}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(0, 6, f"Tanggal: {r.date}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _reported(pdf: FPDF, r: ReportView) -> None:
    with pdf.table(col_widths=(45, 125), first_row_as_headings=False, text_align="LEFT") as t:
        for label, value in r.reported:
            row = t.row()
            row.cell(label)
            row.cell(value)


def _incidents(pdf: FPDF, r: ReportView) -> None:
    _para(pdf, r.summary)
    for i in r.incidents:
        pdf.ln(1.5)
        _para(pdf, f"{i.no}. {i.when}, {i.kind} di {i.platform} oleh akun {i.account}")
        _para(pdf, f"Tautan: {i.url}", size=9, char_wrap=True)
        pdf.set_x(pdf.l_margin + 6)
        pdf.set_font(FONT, size=9)
        pdf.set_text_color(60)
        width = pdf.w - pdf.l_margin - pdf.r_margin - 6
        quote = visible(f"“{i.text}”")
        pdf.multi_cell(width, 4.6, quote, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        if i.record_sha256:
            pdf.set_x(pdf.l_margin + 6)
            pdf.set_font(MONO, size=7)
            line = f"SHA-256 unggahan ini: {i.record_sha256}"
            pdf.multi_cell(width, 3.8, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        pdf.set_text_color(0)


def _evidence(pdf: FPDF, r: ReportView) -> None:
    if not r.evidence:
        _para(pdf, "Belum ada rekaman bukti.")
        return
    pdf.set_font(FONT, size=8.5)
    widths = (9, 40, 11, 62, 48)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.4) as t:
        head = t.row()
        for text in ("No.", "Jenis", "Kej.", "SHA-256", "Waktu perekaman"):
            head.cell(text)
        for e in r.evidence:
            row = t.row()
            row.cell(str(e.no))
            row.cell(f"{e.kind}\n{e.file}")
            row.cell(str(e.post_no))
            row.cell(f"{e.sha256[:32]}\n{e.sha256[32:]}", style=HASH_FACE)
            row.cell(e.captured)


def _violations(pdf: FPDF, r: ReportView) -> None:
    for code, label in r.violations:
        _para(pdf, f"• {code}: {label}")
    pdf.ln(1.5)
    for line in r.legal_basis:
        _para(pdf, line, size=9.5)


def render_pdf(payload: dict[str, Any]) -> bytes:
    """The same report as render_html, as PDF bytes. The creation date is the approval (or
    creation) time, so one payload always gives the same bytes."""
    r = report_view(payload)
    pdf = _ReportPDF(r.number)
    _fonts(pdf)
    stamp = payload["approved_at"] or payload["created_at"]
    pdf.set_creation_date(datetime.fromisoformat(stamp))
    pdf.set_title(f"{r.title} {r.number}")
    pdf.set_author(r.office_name)
    pdf.set_subject(r.title)
    pdf.set_creator("Pantau")
    pdf.add_page()
    _title(pdf, r)
    _heading(pdf, "I. Pelapor")
    _para(pdf, f"{r.office_name} ({r.office_code})")
    _heading(pdf, "II. Terlapor")
    _reported(pdf, r)
    _heading(pdf, "III. Uraian Kejadian")
    _incidents(pdf, r)
    _heading(pdf, "IV. Daftar Bukti")
    _evidence(pdf, r)
    _heading(pdf, "V. Kategori Pelanggaran dan Dasar Hukum")
    _violations(pdf, r)
    _heading(pdf, "VI. Persetujuan")
    _para(pdf, f"Disusun oleh: {r.creator}")
    approved = r.approver if r.draft else f"{r.approver}, {r.approved_at}"
    _para(pdf, f"Disetujui oleh: {approved}")
    _para(
        pdf,
        "Bundel bukti ditandatangani dengan kunci kantor (Ed25519). Kunci publik: "
        f"{r.office_key} (sidik jari {r.office_key_fingerprint})",
    )
    return bytes(pdf.output())
