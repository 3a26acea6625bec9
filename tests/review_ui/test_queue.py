"""The queue: order, scope, filters in the URL, keyset pages, counts, take-next, bulk."""

from __future__ import annotations

import re

import pytest
import ui_seed
from sqlalchemy import select
from starlette.datastructures import QueryParams

from pantau.models import AuditEvent, ReviewItem, ReviewStatus, User
from review_ui import queue_query
from review_ui.queue_filters import QueueFilter, parse


@pytest.fixture
def seeded(ui):
    with ui.db.session() as s:
        data = ui_seed.morning(s, ui.db.settings.evidence_dir)
        ids = {name: item.id for name, item in data.items.items()}
        accounts = {name: acc.id for name, acc in data.accounts.items()}
        s.commit()
    return ids, accounts


def _ids(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'<tr data-item-id="(\d+)"', html)]


def test_queue_is_in_priority_order_and_scoped(ui, seeded):
    ids, _ = seeded
    surabaya = [ids[n] for n in ("top", "second", "third", "fourth", "fifth")]
    assert _ids(ui.client_for("analyst").get("/queue").text) == surabaya
    assert _ids(ui.client_for("analyst_jkt").get("/queue").text) == [ids["jakarta"]]
    assert _ids(ui.client_for("supervisor").get("/queue").text) == [ids["jakarta"], *surabaya]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("platform=bluesky", ["second"]),
        (f"candidate={ui_seed.CONTEST}%232", ["top", "third"]),
        (f"contest={ui_seed.CONTEST}", ["top", "second", "third"]),
        ("linked=ya", ["top", "third"]),
        ("linked=tidak", ["second", "fourth", "fifth"]),
        ("partisan_min=0.95", []),
        ("asn_min=0.5&asn_max=0.9", ["top", "second", "third", "fourth", "fifth"]),
        ("region=35.78", ["top", "second", "third", "fourth", "fifth"]),
        ("region=31.71", []),  # outside the analyst's scope: the scope still applies
        ("date_from=2000-01-01&date_to=2000-01-02", []),
        ("status=confirmed", []),
    ],
)
def test_filters_are_shareable_urls(ui, seeded, query, expected):
    ids, _ = seeded
    page = ui.client_for("analyst").get(f"/queue?{query}")
    assert page.status_code == 200
    assert _ids(page.text) == [ids[n] for n in expected]


def test_bad_filter_values_are_named_and_ignored(ui, seeded):
    page = ui.client_for("analyst").get("/queue?partisan_min=abc&date_from=kemarin&region=99.99")
    assert page.status_code == 200
    assert "Skor keberpihakan minimum harus berupa angka" in page.text
    assert "Tanggal awal bukan tanggal yang valid" in page.text
    assert "Kode wilayah" in page.text
    assert len(_ids(page.text)) == 5


def test_filter_round_trips_through_the_query_string():
    f, errors = parse(
        QueryParams("status=queued&platform=x&partisan_min=0,5&date_to=2024-11-20&candidate=A%231")
    )
    assert errors == []
    assert f.partisan_min == 0.5 and f.platform == "x"
    again, _ = parse(QueryParams(f.query_string()))
    assert again == f


def test_counts_per_status(ui, seeded):
    analyst = ui.client_for("analyst")
    analyst.post_form("/queue/next")
    queue_query._counts_cache.clear()  # counts are reused for a few seconds by design
    html = analyst.get("/queue").text
    counts = dict(re.findall(r'data-status="(\w+)">(\d+)<', html))
    assert counts["open"] == "5" and counts["queued"] == "4" and counts["claimed"] == "1"
    assert counts["all"] == "5" and counts["confirmed"] == "0"


def test_keyset_pages_cover_everything_once(ui, seeded):
    ids, _ = seeded
    with ui.db.session() as s:
        user = s.scalars(select(User).where(User.username == "supervisor")).one()
        seen, f = [], QueueFilter()
        while True:
            page = queue_query.fetch_page(s, f, user, "Asia/Jakarta", limit=2)
            seen += [r.id for r in page.rows]
            if page.next_cursor is None:
                break
            f = QueueFilter(after=page.next_cursor)
    assert seen == [ids[n] for n in ("jakarta", "top", "second", "third", "fourth", "fifth")]


def test_next_page_link_carries_filters(ui, seeded):
    html = ui.client_for("analyst").get("/queue?platform=mastodon").text
    assert 'id="next-page"' not in html  # five rows fit on one page


def test_take_next_claims_the_top_item_in_scope(ui, seeded):
    ids, _ = seeded
    analyst = ui.client_for("analyst")
    response = analyst.post_form("/queue/next")
    assert response.headers["location"] == f"/items/{ids['top']}"  # not Jakarta's 0.99
    response = ui.client_for("analyst2").post_form("/queue/next")
    assert response.headers["location"] == f"/items/{ids['second']}"


def test_take_next_on_an_empty_queue_says_so(ui):
    response = ui.client_for("analyst").post_form("/queue/next")
    assert response.headers["location"] == "/queue?pesan=kosong"
    assert "Tidak ada butir lain" in ui.client_for("analyst").get(response.headers["location"]).text


def test_bulk_duplicates_asks_then_dismisses_each_with_audit(ui, seeded):
    ids, _ = seeded
    analyst = ui.client_for("analyst")
    chosen = [ids["fourth"], ids["fifth"]]
    preview = analyst.post_form("/queue/bulk/duplicates", {"item": chosen})
    assert preview.status_code == 200 and "2 butir" in preview.text
    with ui.db.session() as s:
        assert {
            i.status for i in s.scalars(select(ReviewItem).where(ReviewItem.id.in_(chosen)))
        } == {ReviewStatus.QUEUED}
    done = analyst.post_form("/queue/bulk/duplicates", {"item": chosen, "confirmed": "1"})
    assert done.headers["location"] == "/queue?pesan=massal&n=2"
    with ui.db.session() as s:
        items = s.scalars(select(ReviewItem).where(ReviewItem.id.in_(chosen))).all()
        assert {i.status for i in items} == {ReviewStatus.DISMISSED}
        events = s.scalars(
            select(AuditEvent).where(
                AuditEvent.object_type == "review_item",
                AuditEvent.object_id.in_([str(i) for i in chosen]),
            )
        ).all()
        # One audit event per item: the bulk move is a single transition, not claim + dismiss.
        assert sorted((int(e.object_id), e.action) for e in events) == sorted(
            (i, "review.dismiss_open") for i in chosen
        )


def test_bulk_skips_items_another_analyst_holds(ui, seeded):
    ids, _ = seeded
    ui.client_for("analyst2").post_form(f"/items/{ids['fourth']}/claim", {"version": 1})
    analyst = ui.client_for("analyst")
    done = analyst.post_form(
        "/queue/bulk/duplicates", {"item": [ids["fourth"], ids["fifth"]], "confirmed": "1"}
    )
    assert done.headers["location"] == "/queue?pesan=massal-lewat&n=1&m=1"
    with ui.db.session() as s:
        assert s.get(ReviewItem, ids["fourth"]).status is ReviewStatus.CLAIMED


def test_bulk_with_an_out_of_scope_id_is_a_404(ui, seeded):
    ids, _ = seeded
    analyst = ui.client_for("analyst")
    response = analyst.post_form(
        "/queue/bulk/duplicates", {"item": [ids["fourth"], ids["jakarta"]], "confirmed": "1"}
    )
    assert response.status_code == 404
    with ui.db.session() as s:
        assert s.get(ReviewItem, ids["fourth"]).status is ReviewStatus.QUEUED


def test_bulk_without_selection_is_a_clear_error(ui, seeded):
    response = ui.client_for("analyst").post_form("/queue/bulk/duplicates")
    assert response.status_code == 400 and "Pilih minimal satu butir" in response.text
