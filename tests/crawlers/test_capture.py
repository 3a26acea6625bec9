"""Single-URL capture on each platform against the replay server; failures write nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from crawlers import evidence
from crawlers.capture import CaptureError, capture_url
from crawlers.replay import ReplayServer
from pantau.models import AuditEvent, Evidence, Post, PostOrigin, PostVersion
from pantau.settings import get_settings


def sample(replay: ReplayServer, platform: str, kind: str) -> dict[str, Any]:
    rows = httpx.get(f"{replay.url}/_control/posts", params={"platform": platform}).json()
    return next(r for r in rows if r["kind"] == kind)


def url_for(replay: ReplayServer, platform: str) -> tuple[str, dict[str, Any]]:
    if platform == "youtube":
        row = sample(replay, platform, "comment")
        return f"https://www.youtube.com/watch?v=dbtSby2027a&lc={row['id']}", row
    row = sample(replay, platform, "post")
    last = row["id"].rsplit("/", 1)[-1]
    return {
        "mastodon": f"{replay.url}/@{row['handle']}/{row['id']}",
        "bluesky": f"https://bsky.app/profile/{row['handle']}/post/{last}",
        "telegram": f"https://t.me/{row['handle']}/{last}",
        "x": f"https://x.com/{row['handle']}/status/{row['id']}",
    }[platform], row


def written(db: Any) -> tuple[int, ...]:
    with db.session() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m)) or 0
            for m in (Post, PostVersion, Evidence, AuditEvent)
        )


@pytest.mark.parametrize("platform", ["mastodon", "bluesky", "telegram", "x", "youtube"])
def test_capture_stores_post_author_and_evidence(
    replay_env: Any, replay: ReplayServer, platform: str
) -> None:
    url, row = url_for(replay, platform)
    with replay_env.session() as s:
        post_id = capture_url(s, url, actor="analis1")
        s.commit()
    with replay_env.session() as s:
        post = s.get(Post, post_id)
        assert post is not None and post.origin == PostOrigin.PUBLIC_REPORT
        assert post.text.strip()[:10] == row["text"].strip()[:10]
        assert post.account.display_name or post.account.handle
        proof = s.scalars(select(Evidence).where(Evidence.post_id == post_id)).one()
        assert proof.path.startswith("capture/") and proof.crawl_run_id is None
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "post.captured")).one()
        assert event.actor == "analis1" and event.object_id == str(post_id)
        report = evidence.verify(s, get_settings().evidence_dir)
        assert report.ok and report.records == 1


def test_unknown_deleted_and_unreachable_urls_write_nothing(
    replay_env: Any, replay: ReplayServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, row = url_for(replay, "mastodon")
    httpx.post(
        f"{replay.url}/_control/posts/delete", json={"platform": "mastodon", "id": row["id"]}
    ).raise_for_status()
    x_url, _ = url_for(replay, "x")
    before = written(replay_env)
    cases = [
        ("https://contoh.invalid/artikel/123", "tidak dikenali"),
        ("https://bsky.app/profile/seseorang.bsky.social", "tidak dikenali"),
        (url, "dihapus"),
        ("https://t.me/infopemkot_sby/999999", "tidak ditemukan"),
    ]
    with replay_env.session() as s:
        for bad, words in cases:
            with pytest.raises(CaptureError, match=words):
                capture_url(s, bad)
    monkeypatch.setenv("PANTAU_X_BASE_URL", "http://127.0.0.1:9")  # nothing listens there
    get_settings.cache_clear()
    with replay_env.session() as s, pytest.raises(CaptureError, match="tidak dapat dihubungi"):
        capture_url(s, x_url)
    assert written(replay_env) == before
