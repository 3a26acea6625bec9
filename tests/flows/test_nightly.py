"""The flows themselves under Prefect's test harness, against the replay server and a real DB."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from flows.nightly import nightly, render_summary, summary_from_dict
from flows.recheck import recheck
from pantau import audit
from pantau.db import session_scope
from pantau.models import (
    CrawlRun,
    Evidence,
    Platform,
    Post,
    PostVersion,
    ReviewItem,
    RunStatus,
    Source,
)
from pantau.settings import get_settings

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture
def without_images(monkeypatch):
    """For tests about other stages: the image stage (OCR, seconds an image) has its own tests
    and runs in the full nightly test above."""
    monkeypatch.setenv("PANTAU_IMAGES_ENABLED", "false")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _count(model) -> int:
    with session_scope() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_full_nightly_run_then_a_second_run_adds_nothing(replay):
    first = summary_from_dict(nightly(time_limit_s=300))
    assert first.failed_sources == {}
    assert len(first.crawls) == _count(Source) >= 6
    assert all(c.status == RunStatus.SUCCEEDED.value for c in first.crawls)
    assert sum(c.posts_new for c in first.crawls) == _count(Post) > 400
    assert first.triage.scored == _count(Post)
    assert first.triage.queued == _count(ReviewItem) > 10
    assert first.queue_size == first.triage.queued
    assert list(first.durations) == [
        "crawl", "images_capture", "triage", "images", "recheck", "export", "stats", "checkpoint"
    ]  # fmt: skip
    assert first.durations["crawl"] > 0 and first.durations["triage"] > 0
    assert "**Took:** crawl " in render_summary(first)
    posts, items = _count(Post), _count(ReviewItem)

    second = summary_from_dict(nightly(time_limit_s=300))
    assert second.failed_sources == {}
    assert sum(c.posts_new for c in second.crawls) == 0
    assert (second.triage.scored, second.triage.queued) == (0, 0)
    assert (_count(Post), _count(ReviewItem)) == (posts, items)
    with session_scope() as session:
        assert audit.verify(session).ok


def test_a_failing_source_does_not_stop_the_others(replay, without_images):
    with session_scope() as session:
        session.add(
            Source(
                platform=Platform.MASTODON,
                name="instansi-mati",
                config={"instance": "http://127.0.0.1:9", "accounts": ["budi"]},
            )
        )
    result = summary_from_dict(
        nightly(sources=["instansi-mati", "rss-news", "mastodon-hashtags"], time_limit_s=120)
    )
    assert set(result.failed_sources) == {"instansi-mati"}
    assert {c.source for c in result.crawls} == {"rss-news", "mastodon-hashtags"}
    assert all(c.posts_new > 0 for c in result.crawls)
    with session_scope() as session:
        runs = session.scalars(
            select(CrawlRun).join(Source).where(Source.name == "instansi-mati")
        ).all()
        assert runs and runs[-1].status is RunStatus.FAILED


def test_recheck_records_edits_and_deletions_and_keeps_evidence(replay, without_images):
    nightly(sources=["mastodon-watchlist"], time_limit_s=120)
    with session_scope() as session:
        queued = session.scalars(
            select(Post)
            .join(ReviewItem, ReviewItem.post_id == Post.id)
            .where(Post.platform == Platform.MASTODON)
            .order_by(Post.id)
            .limit(2)
        ).all()
        assert len(queued) == 2
        edited, deleted = queued
        evidence_before = session.scalar(
            select(func.count(Evidence.id)).where(Evidence.post_id == deleted.id)
        )
    control = f"{replay.url}/_control/posts"
    httpx.post(
        f"{control}/edit",
        json={
            "platform": "mastodon",
            "id": edited.platform_post_id,
            "text": "Teks sudah diubah: mohon maaf.",
        },
    ).raise_for_status()
    httpx.post(
        f"{control}/delete", json={"platform": "mastodon", "id": deleted.platform_post_id}
    ).raise_for_status()

    stats = recheck(min_age_hours=0)

    assert (stats.edited, stats.deleted) == (1, 1)
    with session_scope() as session:
        post = session.get(Post, edited.id)
        assert post.text == "Teks sudah diubah: mohon maaf." and post.edited_at is not None
        texts = session.scalars(
            select(PostVersion.text)
            .where(PostVersion.post_id == edited.id)
            .order_by(PostVersion.id)
        ).all()
        assert texts == [edited.text, post.text]
        gone = session.get(Post, deleted.id)
        assert gone.deleted_at is not None and gone.text == deleted.text
        after = session.scalar(
            select(func.count(Evidence.id)).where(Evidence.post_id == deleted.id)
        )
        assert after == evidence_before + 1  # the 404 itself is kept as evidence
