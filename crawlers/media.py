"""Fetch the images attached to stored posts: the follow-up step between crawl and triage.

Where each platform's images are, in what the crawl stored (`Post.media`, `Post.raw`):
Mastodon `media_attachments[].url`, X `includes.media[].url` (the parser copies both into
`media`), Telegram photo URLs from the message HTML, Bluesky image blobs (the record's
`embed.images[].image.ref`, fetched from the PDS with `com.atproto.sync.getBlob`), YouTube
video thumbnails (a video's `snippet.thumbnails`, or `/vi/<id>/hqdefault.jpg`).

Each image is kept three ways: its HTTP exchange in this step's WARC file (an `evidence`
row of kind warc), its bytes once per SHA-256 under `images/<ab>/<sha>.<ext>` (kind image),
or, when it is refused, under `quarantine/` with its reason in a `.json` beside it (kind
image_quarantine). Hostile files are expected: size cap, declared type, magic bytes,
Pillow's decompression-bomb limit and a whole-download timeout. A bad image is quarantined
and the step goes on; nothing here raises for one image.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from sqlalchemy import String, cast, exists, insert, select
from sqlalchemy.orm import Session

from classifier.images.safety import check
from crawlers.evidence import RecordRef, WarcRecorder, evidence_rows
from crawlers.safe_fetch import FetchRefused, guarded_client, strip_userinfo
from pantau.models import Account, Evidence, EvidenceKind, Platform, Post
from pantau.settings import Settings, get_settings
from pantau.timeutil import utcnow

IMAGE_TYPES = {"image", "photo", "gifv_preview", "thumbnail"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
CHUNK = 64 * 1024


@dataclass(frozen=True)
class ImageRef:
    post_id: int
    url: str
    position: int


@dataclass
class MediaStats:
    posts: int = 0
    stored: int = 0
    reused: int = 0  # the same bytes were already stored for another post
    quarantined: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    warc: str = ""


# --- where the images are -------------------------------------------------------------


def _bluesky_blobs(post: Post, did: str, settings: Settings) -> list[str]:
    raw = post.raw or {}
    record = raw.get("record") if isinstance(raw.get("record"), dict) else raw
    embed = record.get("embed") if isinstance(record, dict) else None
    if isinstance(embed, dict) and embed.get("$type") == "app.bsky.embed.recordWithMedia":
        embed = embed.get("media")
    if not isinstance(embed, dict) or embed.get("$type") != "app.bsky.embed.images":
        return []
    urls = []
    for image in embed.get("images") or []:
        blob = image.get("image") if isinstance(image, dict) else None
        ref = blob.get("ref") if isinstance(blob, dict) else None
        cid = ref.get("$link") if isinstance(ref, dict) else None
        if cid and did:
            query = urlencode({"did": did, "cid": cid})
            urls.append(f"{settings.bluesky_pds_url}/xrpc/com.atproto.sync.getBlob?{query}")
    return urls


def _youtube_thumbnail(post: Post, settings: Settings) -> list[str]:
    snippet = (post.raw or {}).get("snippet")
    if not isinstance(snippet, dict) or not isinstance(snippet.get("thumbnails"), dict):
        return []  # a comment has no picture of its own; only a video does
    thumbs = snippet["thumbnails"]
    for size in ("high", "medium", "default"):
        if isinstance(thumbs.get(size), dict) and thumbs[size].get("url"):
            return [str(thumbs[size]["url"])]
    ident = (post.raw or {}).get("id")
    video = ident.get("videoId") if isinstance(ident, dict) else None
    return [f"{settings.youtube_thumbnail_url}/vi/{video}/hqdefault.jpg"] if video else []


def image_urls(post: Post, account_id: str, settings: Settings) -> list[str]:
    """The image URLs of one stored post, in the order the post shows them."""
    if post.platform is Platform.BLUESKY:
        return _bluesky_blobs(post, account_id, settings)
    if post.platform is Platform.YOUTUBE:
        return _youtube_thumbnail(post, settings)
    urls = []
    for media in post.media or []:
        if not isinstance(media, dict) or str(media.get("type") or "image") not in IMAGE_TYPES:
            continue
        url = media.get("url") or media.get("remote_url") or media.get("preview_url")
        if url:
            urls.append(str(url))
    return urls


def pending(session: Session, limit: int, post_ids: list[int] | None = None) -> list[ImageRef]:
    """Images of posts that have media and no image (or quarantined image) evidence yet."""
    done = exists().where(
        Evidence.post_id == Post.id,
        Evidence.kind.in_([EvidenceKind.IMAGE, EvidenceKind.IMAGE_QUARANTINE]),
    )
    has_media = (cast(Post.media, String) != "[]") | (Post.platform == Platform.YOUTUBE)
    query = (
        select(Post, Account.platform_account_id)
        .join(Account, Account.id == Post.account_id)
        .where(~done, Post.deleted_at.is_(None), Post.media.is_not(None), has_media)
        .order_by(Post.id)
        .limit(limit)
    )
    if post_ids is not None:
        query = query.where(Post.id.in_(post_ids))
    settings = get_settings()
    refs = []
    for post, did in session.execute(query):
        refs += [ImageRef(post.id, u, i) for i, u in enumerate(image_urls(post, did, settings))]
    return refs


# --- fetching, checking, storing ------------------------------------------------------


@dataclass
class Download:
    url: str
    status: int = 0
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    problem: str = ""  # why the download itself failed ("" when it completed)


def download(client: httpx.Client, url: str, max_bytes: int, timeout_s: float) -> Download:
    """GET with a byte cap and a deadline for the whole transfer (a slow drip is cut off)."""
    result = Download(url)
    deadline = time.monotonic() + timeout_s
    try:
        with client.stream("GET", strip_userinfo(url)) as response:
            result.status = response.status_code
            result.headers = list(response.headers.multi_items())
            if response.status_code != 200:
                result.problem = f"HTTP {response.status_code}"
                return result
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                result.problem = f"too large: {declared} bytes > {max_bytes}"
                return result
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    result.problem = f"too large: more than {max_bytes} bytes"
                    return result
                if time.monotonic() > deadline:
                    result.problem = f"timeout: not complete after {timeout_s:.0f} s"
                    return result
                chunks.append(chunk)
            result.body = b"".join(chunks)
    except FetchRefused:
        result.problem = "refused: not a public address"
    except httpx.TimeoutException:
        result.problem = f"timeout after {timeout_s:.0f} s"
    except (httpx.HTTPError, ValueError) as exc:
        result.problem = f"fetch failed: {type(exc).__name__}"
    return result


def store_file(root: Path, relpath: str, data: bytes) -> None:
    """Write once: the name is the content's hash, so an existing file is already right."""
    path = root / relpath
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    partial.replace(path)


def _row(ref: ImageRef, kind: EvidenceKind, relpath: str, data: bytes) -> dict[str, Any]:
    return {
        "post_id": ref.post_id,
        "crawl_run_id": None,
        "kind": kind.value,
        "path": relpath,
        "offset": None,
        "length": None,
        "record_id": None,
        "url": ref.url,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "captured_at": utcnow(),
    }


def _keep(
    root: Path, ref: ImageRef, got: Download, settings: Settings, stats: MediaStats
) -> dict[str, Any]:
    content_type = dict((k.lower(), v) for k, v in got.headers).get("content-type", "")
    verdict = check(got.body, content_type, settings.media_max_bytes)
    reason = got.problem or verdict.reason
    sha = hashlib.sha256(got.body).hexdigest()
    if reason:
        relpath = f"quarantine/{sha[:2]}/{sha}.bin"
        store_file(root, relpath, got.body)
        note = {"url": ref.url, "post_id": ref.post_id, "reason": reason, "at": str(utcnow())}
        (root / f"{relpath}.{ref.post_id}.json").write_text(json.dumps(note, ensure_ascii=False))
        stats.quarantined += 1
        key = reason.split(":")[0]
        stats.reasons[key] = stats.reasons.get(key, 0) + 1
        return _row(ref, EvidenceKind.IMAGE_QUARANTINE, relpath, got.body)
    ext = EXTENSIONS.get(verdict.format, "bin")
    relpath = f"images/{sha[:2]}/{sha}.{ext}"
    if (root / relpath).exists():
        stats.reused += 1
    store_file(root, relpath, got.body)
    stats.stored += 1
    return _row(ref, EvidenceKind.IMAGE, relpath, got.body)


def _batches(refs: list[ImageRef], size: int) -> Iterator[list[ImageRef]]:
    for start in range(0, len(refs), size):
        yield refs[start : start + size]


def capture_media(
    session: Session, *, limit: int | None = None, post_ids: list[int] | None = None
) -> MediaStats:
    """Fetch, check and store the images of posts not yet done, in the caller's transaction."""
    settings = get_settings()
    refs = pending(session, limit or settings.media_batch, post_ids)
    stats = MediaStats(posts=len({r.post_id for r in refs}))
    if not refs:
        return stats
    root = settings.evidence_dir
    recorder = WarcRecorder(root, WarcRecorder.new_relpath("media", "images"))
    stats.warc = recorder.relpath
    headers = {"User-Agent": f"Pantau (+{settings.contact_url})", "Accept": "image/*"}
    rows: list[dict[str, Any]] = []
    exchanges: list[tuple[int, RecordRef]] = []
    try:
        with guarded_client(settings.media_timeout_s, settings.capture_allow_private) as client:
            client.headers.update(headers)
            for ref in refs:
                got = download(client, ref.url, settings.media_max_bytes, settings.media_timeout_s)
                if got.status:
                    record = recorder.record(
                        url=ref.url, status=got.status, headers=got.headers, body=got.body
                    )
                    exchanges.append((ref.post_id, record))
                rows.append(_keep(root, ref, got, settings, stats))
    finally:
        recorder.close()
    session.execute(insert(Evidence), rows)
    if exchanges:
        session.execute(insert(Evidence), evidence_rows(exchanges, crawl_run_id=None))
    return stats
