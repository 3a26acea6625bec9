"""Tambah tautan: a public report's link is captured (replay server), scored, and queued."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

import classifier
from crawlers.replay import ReplayServer
from pantau.models import AuditEvent, Classification, Post, PostOrigin, ReviewItem
from pantau.settings import get_settings


@pytest.fixture(scope="module")
def replay_server():
    with ReplayServer() as server:
        yield server


@pytest.fixture(autouse=True)
def _replay_is_an_instance(request, monkeypatch):
    # Captures reach only configured instances, and loopback only when allowed (issue 16).
    if "replay_server" in request.fixturenames:
        replay = request.getfixturevalue("replay_server")
        monkeypatch.setenv("PANTAU_MASTODON_DEFAULT_INSTANCE", replay.url)
        monkeypatch.setenv("PANTAU_CAPTURE_ALLOW_PRIVATE", "1")
        get_settings.cache_clear()


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
        # No model registered in this database: the bundled one scores the report.
        cls = s.get(Classification, item.classification_id)
        assert 0.0 <= cls.partisan_score <= 1.0
        assert cls.model_version == classifier.load_bundled().version
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


def test_a_public_report_is_scored_by_the_active_registered_model(ui, replay_server, tmp_path):
    """After a retrain promotes a model, reports are scored with it, as triage is."""
    import json
    import shutil

    from pantau import modelreg

    artifact = tmp_path / "uji-aktif.skops"
    shutil.copyfile(classifier.bundled_model_path(), artifact)
    meta = json.loads(classifier.bundled_model_path().with_suffix(".json").read_text())
    artifact.with_suffix(".json").write_text(json.dumps({**meta, "version": "uji-aktif"}))
    with ui.db.session() as s:
        modelreg.register(
            s, "uji-aktif", artifact, metrics={}, thresholds={"partisan": 0.5}, activate=True
        )
        s.commit()
    replay_server.reset()
    response = ui.client_for("analyst").post_form("/reports", {"url": _mastodon_url(replay_server)})
    item_id = int(response.headers["location"].split("/items/")[1].split("?")[0])
    with ui.db.session() as s:
        cls = s.get(Classification, s.get(ReviewItem, item_id).classification_id)
        assert cls.model_version == "uji-aktif"
