"""What the pages say back: a refused decision form re-renders with Indonesian sentences
(never pydantic's English), and flash messages come only from the one table of codes."""

from __future__ import annotations

import html
import re

import pytest
import ui_seed
from starlette.datastructures import QueryParams

from review_ui.messages import flash_from
from review_ui.review_forms import MAX_NOTES

PAGE_ERROR = re.compile(r'<p class="flash error" role="alert" id="page-error">(.*?)</p>', re.S)
FLASH = re.compile(r'<p class="flash (ok|warn)" role="status">(.*?)</p>', re.S)
# What pydantic or FastAPI would have said had their words reached the page.
ENGLISH = ("Input should", "String should", "Field required", "validation error", "_error")


@pytest.fixture
def claimed(ui):
    with ui.db.session() as s:
        data = ui_seed.morning(s, ui.db.settings.evidence_dir)
        item_id = data.items["top"].id
        s.commit()
    analyst = ui.client_for("analyst")
    assert analyst.post_form(f"/items/{item_id}/claim", {"version": 1}).status_code == 303
    return analyst, item_id


def _error(page_html: str) -> str:
    found = PAGE_ERROR.search(page_html)
    assert found, "the page shows no error"
    return html.unescape(found.group(1))


def test_every_refused_field_is_named_in_indonesian_on_the_same_page(claimed):
    analyst, item_id = claimed
    notes = "x" * (MAX_NOTES + 1)
    form = {
        "verdict": "confirm",
        "version": 2,
        "violation_code": "NTR-99",
        "position_category": "BUKAN-KATEGORI",
        "notes": notes,
    }
    page = analyst.post_form(f"/items/{item_id}/decide", form)
    assert page.status_code == 422
    assert _error(page.text) == (
        f"Catatan terlalu panjang (maksimal {MAX_NOTES} karakter). "
        "Pilih kode pelanggaran untuk konfirmasi. Kategori jabatan tidak dikenal."
    )
    assert notes in page.text  # what the analyst typed is kept
    assert not any(word in page.text for word in ENGLISH)


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"verdict": "setuju"}, "Pilih keputusan: Konfirmasi, Tolak, atau Eskalasi."),
        ({"verdict": "dismiss", "dismiss_reason": "bosan"}, "Pilih alasan penolakan."),
        (
            {"verdict": "escalate", "notes": "   "},
            "Tulis catatan untuk supervisor sebelum eskalasi.",
        ),
    ],
)
def test_one_refused_field_one_sentence(claimed, form, message):
    analyst, item_id = claimed
    page = analyst.post_form(f"/items/{item_id}/decide", {"version": 2, **form})
    assert page.status_code == 422 and _error(page.text) == message


def test_a_valid_form_still_decides(claimed):
    analyst, item_id = claimed
    form = {"verdict": "dismiss", "version": 2, "dismiss_reason": "not_asn", "and_next": ""}
    done = analyst.post_form(f"/items/{item_id}/decide", form)
    assert done.status_code == 303 and done.headers["location"] == f"/items/{item_id}?pesan=ditolak"


def test_unknown_or_crafted_flash_codes_show_nothing(ui):
    analyst = ui.client_for("analyst")
    for code in ("tidak-ada", "<b>halo</b>", "MESSAGES"):
        page = analyst.get("/queue", params={"pesan": code})
        assert page.status_code == 200 and not FLASH.search(page.text)
    assert flash_from(QueryParams("pesan=tidak-ada")) is None
    assert flash_from(QueryParams("")) is None


def test_every_page_reads_the_one_table(ui):
    """The queue's, the cases' and the administration's codes all come from messages.py."""
    shown = {
        "/queue?pesan=kosong": "Tidak ada butir lain",
        "/cases?pesan=tindak-lanjut-sama": "Semua baris di berkas itu",
    }
    analyst = ui.client_for("analyst")
    for url, text in shown.items():
        assert text in html.unescape(FLASH.search(analyst.get(url).text).group(2))
    admin = ui.client_for("admin")
    page = admin.get("/admin/users?pesan=pengguna-dibuat")
    assert FLASH.search(page.text).group(2) == "Pengguna dibuat."


def test_counts_are_numbers_or_a_question_mark():
    assert flash_from(QueryParams("pesan=massal&n=3")) == ("ok", "3 butir ditolak.")
    imported = flash_from(QueryParams("pesan=registri-diimpor&n=2&m=x"))
    assert imported == ("ok", "Registri diimpor: 2 baris baru, ? diperbarui.")
