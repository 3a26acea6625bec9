"""Image capture against a local server: stored once by SHA-256, in the WARC, hostile
files quarantined with their reason, and the step never stops for a bad one."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import factories
import pytest
from media_server import FILES, POSTER, media_server
from sqlalchemy import select

from crawlers.evidence import verify
from crawlers.media import capture_media, image_urls
from pantau.models import Evidence, EvidenceKind, Platform
from pantau.settings import get_settings


@pytest.fixture
def media_env(fresh_db, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PANTAU_CAPTURE_ALLOW_PRIVATE", "true")
    monkeypatch.setenv("PANTAU_MEDIA_MAX_BYTES", str(2 * 1024 * 1024))
    monkeypatch.setenv("PANTAU_MEDIA_TIMEOUT_S", "2")
    get_settings.cache_clear()
    with media_server() as url:
        yield url
    get_settings.cache_clear()


def test_images_are_stored_once_and_hostile_ones_quarantined(fresh_db, media_env: str) -> None:  # type: ignore[no-untyped-def]
    with fresh_db.session() as session:
        acc = factories.account(session)
        posts = {}
        for name in FILES:
            media = [{"type": "image", "url": f"{media_env}{name}"}]
            posts[name] = factories.post(session, acc, text=f"foto {name}", media=media).id
        plain = factories.post(session, acc, text="tanpa foto", media=[]).id
        session.commit()
        stats = capture_media(session)
        session.commit()
        rows = session.scalars(select(Evidence).order_by(Evidence.id)).all()
    root = get_settings().evidence_dir
    by_post: dict[int, list[Evidence]] = {}
    for row in rows:
        by_post.setdefault(row.post_id, []).append(row)
    assert plain not in by_post

    def kind_of(name: str) -> EvidenceKind:
        return next(r.kind for r in by_post[posts[name]] if r.kind is not EvidenceKind.WARC)

    for good in ("/poster.jpg", "/photo.jpg", "/photo-again.jpg"):
        assert kind_of(good) is EvidenceKind.IMAGE
    poster = next(r for r in by_post[posts["/poster.jpg"]] if r.kind is EvidenceKind.IMAGE)
    assert poster.sha256 == hashlib.sha256(POSTER).hexdigest()
    assert poster.path == f"images/{poster.sha256[:2]}/{poster.sha256}.jpg"
    assert (root / poster.path).read_bytes() == POSTER
    photo_paths = {
        r.path
        for name in ("/photo.jpg", "/photo-again.jpg")
        for r in by_post[posts[name]]
        if r.kind is EvidenceKind.IMAGE
    }
    assert len(photo_paths) == 1  # content-addressed: one file for both posts
    assert stats.stored == 3 and stats.reused == 1

    reasons = {}
    for bad in ("/bomb.png", "/page.jpg", "/fake.png", "/huge.jpg", "/slow.jpg", "/gone.jpg"):
        assert kind_of(bad) is EvidenceKind.IMAGE_QUARANTINE, bad
        row = next(r for r in by_post[posts[bad]] if r.kind is EvidenceKind.IMAGE_QUARANTINE)
        note = json.loads(Path(f"{root / row.path}.{posts[bad]}.json").read_text())
        reasons[bad] = note["reason"]
    assert "decompression bomb" in reasons["/bomb.png"]
    assert "content-type" in reasons["/page.jpg"]
    assert "magic bytes" in reasons["/fake.png"]
    assert "too large" in reasons["/huge.jpg"]
    assert "timeout" in reasons["/slow.jpg"]
    assert reasons["/gone.jpg"] == "HTTP 404"
    assert stats.quarantined == 6

    # Every exchange that got an answer is in the step's WARC, and verifies.
    warc_rows = [r for r in rows if r.kind is EvidenceKind.WARC]
    assert {r.url for r in warc_rows} >= {f"{media_env}/poster.jpg", f"{media_env}/gone.jpg"}
    assert all(r.path == stats.warc for r in warc_rows)
    with fresh_db.session() as session:
        assert verify(session, root).ok
        # A second run has nothing left to do.
        assert capture_media(session).posts == 0


def test_where_each_platform_keeps_its_images(fresh_db) -> None:  # type: ignore[no-untyped-def]
    settings = get_settings()
    with fresh_db.session() as session:
        acc = factories.account(session, Platform.BLUESKY, platform_account_id="did:plc:abc")
        blob = {"$type": "blob", "ref": {"$link": "bafkreiabc"}, "mimeType": "image/jpeg"}
        record = {"embed": {"$type": "app.bsky.embed.images", "images": [{"image": blob}]}}
        bsky = factories.post(session, acc, raw={"record": record}, media=[{"type": "image"}])
        assert image_urls(bsky, "did:plc:abc", settings) == [
            f"{settings.bluesky_pds_url}/xrpc/com.atproto.sync.getBlob?did=did%3Aplc%3Aabc&cid=bafkreiabc"
        ]
        yt = factories.account(session, Platform.YOUTUBE)
        video = {
            "id": {"videoId": "v1"},
            "snippet": {"thumbnails": {"high": {"url": "https://i.ytimg.com/vi/v1/hq.jpg"}}},
        }
        assert image_urls(factories.post(session, yt, raw=video), "c", settings) == [
            "https://i.ytimg.com/vi/v1/hq.jpg"
        ]
        comment = {"snippet": {"videoId": "v1", "textDisplay": "mantap"}}
        assert image_urls(factories.post(session, yt, raw=comment), "c", settings) == []
        x = factories.account(session, Platform.X)
        media = [
            {"type": "photo", "url": "https://pbs.twimg.com/media/a.jpg"},
            {"type": "video", "url": "https://video.twimg.com/v.mp4"},
        ]
        assert image_urls(factories.post(session, x, media=media), "1", settings) == [
            "https://pbs.twimg.com/media/a.jpg"
        ]
