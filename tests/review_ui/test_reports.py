"""Tambah tautan: a public report's link is captured (replay server), scored, and queued."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from crawlers.replay import ReplayServer
from pantau.models import AuditEvent, Classification, Post, PostOrigin, ReviewItem
from review_ui import public_reports


@pytest.fixture(scope="module")
def replay_server():
    with ReplayServer() as server:
        yield server


def _mastodon_url(replay: ReplayServer) -> str:
    rows = httpx.get(f"{replay.url}/_control/posts", params={"platform": "mastodon"}).json()
    row = next(r for r in rows if r["kind"] == "post")
    return f"{replay.url}/@{row['handle']}/{row['id']}"


def test_a_public_report_is_captured_scored_and_queued(ui, replay_server):
    replay_server.reset()
    analyst = ui.client_for("analyst")
    assert "Tambah tautan dari laporan masyarakat" in analyst.get("/reports/new").text
    url = _mastodon_url(replay_server)
    response = analyst.post_form("/reports", {"url": url})
    assert response.status_code == 303, response.text
    item_id = int(response.headers["location"].split("/items/")[1].split("?")[0])
    with ui.db.session() as s:
        item = s.get(ReviewItem, item_id)
        assert item.origin is PostOrigin.PUBLIC_REPORT
        assert item.region_code == "35.78"  # no region on the post: the reporting office's
        if public_reports.model_or_none() is not None:
            cls = s.get(Classification, item.classification_id)
            assert 0.0 <= cls.partisan_score <= 1.0 and cls.model_version
        else:  # no model artifact installed yet: queued all the same, without a score
            assert item.classification_id is None
        actions = set(s.scalars(select(AuditEvent.action)))
        assert {"post.captured", "review.public_report"} <= actions
    page = analyst.get(response.headers["location"]).text
    assert "Laporan masyarakat" in page and "direkam" in page
    again = analyst.post_form("/reports", {"url": url})
    assert again.headers["location"] == f"/items/{item_id}?pesan=laporan-ada"


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("bukan tautan", "diawali https://"),
        ("https://contoh.invalid/apa/ini", "Tautan tidak dikenali"),
        ("https://x.com/someone/status/123", "Token X"),
    ],
)
def test_a_link_that_cannot_be_captured_says_why_and_writes_nothing(ui, url, why):
    analyst = ui.client_for("analyst")
    response = analyst.post_form("/reports", {"url": url})
    assert response.status_code == 422 and why in response.text
    assert f'value="{url}"' in response.text  # the pasted link is kept in the form
    with ui.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Post)) == 0
        assert s.scalar(select(func.count()).select_from(ReviewItem)) == 0


def test_a_vanished_post_says_so(ui, replay_server):
    replay_server.reset()
    url = _mastodon_url(replay_server).rsplit("/", 1)[0] + "/999999999999"
    response = ui.client_for("analyst").post_form("/reports", {"url": url})
    assert response.status_code == 422
    assert "tidak ditemukan" in response.text
