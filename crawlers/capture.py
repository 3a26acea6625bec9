"""Capture one public post from its URL (a tip from the public): fetch, parse, store, keep evidence.

Plain httpx, not Scrapy: it is one request, made inside the web app's request.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import httpx
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from crawlers import store
from crawlers.evidence import evidence_rows, record_exchange
from crawlers.items import Page, ParseError, PostItem
from crawlers.parsing.urls import PostRef, recognize
from crawlers.safe_fetch import FetchRefused, check_allowed, guarded_client, host_of
from pantau import audit
from pantau.models import Evidence, Platform, PostOrigin, Source, User
from pantau.settings import Settings, get_settings

TIMEOUT_S = 15.0
X_FIELDS = {
    "expansions": "author_id,referenced_tweets.id",
    "tweet.fields": "created_at,lang,public_metrics,referenced_tweets,conversation_id,author_id",
    "user.fields": "username,name,description,public_metrics,url",
}


class CaptureError(Exception):
    """Why a URL could not be captured, in words an analyst can act on."""


# Every failure after a fetch was planned answers the same: distinct messages for
# "refused", "connection refused", "timeout" or "HTTP 404" would let a reporter map
# hosts and ports through us (issue 16, finding 5).
FETCH_FAILED = (
    "Postingan tidak ditemukan atau tidak bisa diambil: mungkin sudah dihapus, privat, "
    "atau servernya tidak dapat dihubungi."
)


@dataclass(frozen=True)
class Fetch:
    url: str
    parser: Callable[..., Page]
    headers: dict[str, str]


def _parser(platform: str, *names: str) -> Callable[..., Page]:
    module = importlib.import_module(f"crawlers.parsing.{platform}")
    for name in names:
        if hasattr(module, name):
            return getattr(module, name)
    raise CaptureError(f"Pengambilan tautan {platform} belum didukung.")


def plan(ref: PostRef, settings: Settings) -> Fetch:
    """The one request that returns the post named by a recognised URL."""
    platform, post_id, account = ref.platform, str(ref.post_id), str(ref.account or "")
    if platform == "mastodon":
        parts = urlsplit(ref.url)
        base = f"{parts.scheme or 'https'}://{ref.host or parts.netloc}"
        return Fetch(f"{base}/api/v1/statuses/{post_id}", _parser(platform, "parse_status"), {})
    if platform == "bluesky":
        uri = f"at://{account}/app.bsky.feed.post/{post_id}"
        query = urlencode({"uris": uri})
        url = f"{settings.bluesky_public_url.rstrip('/')}/xrpc/app.bsky.feed.getPosts?{query}"
        return Fetch(url, _parser(platform, "parse_posts", "parse_search"), {})
    if platform == "telegram":
        # The embed widget shows exactly one message (an error box when it is gone).
        number = post_id.rsplit("/", 1)[-1]
        url = f"{settings.telegram_base_url.rstrip('/')}/{account}/{number}?embed=1&mode=tme"
        return Fetch(url, _parser(platform, "parse_channel_page"), {})
    if platform == "x":
        token = settings.x_bearer_token.get_secret_value()
        if not token:
            raise CaptureError(
                "Token X (PANTAU_X_BEARER_TOKEN) belum diatur; tautan X tidak bisa diambil."
            )
        query = urlencode({"ids": post_id, **X_FIELDS})
        url = f"{settings.x_base_url.rstrip('/')}/2/tweets?{query}"
        return Fetch(url, _parser(platform, "parse_tweets"), {"Authorization": f"Bearer {token}"})
    if platform == "youtube":
        key = settings.youtube_api_key.get_secret_value()
        if not key:
            raise CaptureError("Kunci API YouTube (PANTAU_YOUTUBE_API_KEY) belum diatur.")
        query = urlencode({"part": "snippet", "id": post_id, "textFormat": "plainText"})
        # A reply's id is "<thread id>.<reply id>"; only top-level comments are threads.
        endpoint, parser = (
            ("comments", "parse_comments")
            if "." in post_id
            else ("commentThreads", "parse_comment_threads")
        )
        url = f"{settings.youtube_base_url.rstrip('/')}/youtube/v3/{endpoint}?{query}"
        return Fetch(url, _parser(platform, parser), {"X-Goog-Api-Key": key})
    raise CaptureError(f"Tautan {platform} tidak bisa diambil satu per satu.")


def allowed_hosts(session: Session, settings: Settings) -> set[str]:
    """The configured API hosts and Mastodon instances: the only hosts a capture may reach."""
    urls = [
        settings.bluesky_public_url,
        settings.telegram_base_url,
        settings.x_base_url,
        settings.youtube_base_url,
        settings.mastodon_default_instance,
    ]
    configs = session.scalars(select(Source.config).where(Source.platform == Platform.MASTODON))
    urls += [str(config.get("instance") or "") for config in configs if isinstance(config, dict)]
    return {host_of(url) for url in urls if url}


def _get(fetch: Fetch, settings: Settings, hosts: set[str]) -> httpx.Response:
    headers = {"User-Agent": f"Pantau (+{settings.contact_url})", **fetch.headers}
    try:
        url = check_allowed(fetch.url, hosts)
        with guarded_client(TIMEOUT_S, settings.capture_allow_private) as client:
            return client.get(url, headers=headers)
    except (FetchRefused, httpx.HTTPError, ValueError) as exc:
        raise CaptureError(FETCH_FAILED) from exc


def _check_status(response: httpx.Response) -> None:
    if response.status_code != 200:
        raise CaptureError(FETCH_FAILED)


def _pick(page: Page, ref: PostRef) -> PostItem:
    wanted = str(ref.post_id)
    for post in page.posts:
        ids = {post.platform_post_id, post.platform_post_id.rsplit("/", 1)[-1]}
        if wanted in ids or wanted.rsplit("/", 1)[-1] in ids:
            return post
    raise CaptureError(FETCH_FAILED)


def capture_url(session: Session, url: str, *, actor: User | str | None = None) -> int:
    """Store the post behind `url` with its author and a WARC record, in the caller's
    transaction; returns the post's id. Raises CaptureError and writes nothing on failure."""
    ref = recognize(url.strip())
    if ref is None:
        raise CaptureError(
            "Tautan tidak dikenali: kirim tautan ke satu postingan Mastodon, Bluesky, "
            "Telegram, X atau komentar YouTube."
        )
    settings = get_settings()
    fetch = plan(ref, settings)
    response = _get(fetch, settings, allowed_hosts(session, settings))
    _check_status(response)
    headers = {k.lower(): v for k, v in response.headers.items()}
    try:
        page = fetch.parser(response.content, url=str(response.url), headers=headers)
    except ParseError as exc:
        raise CaptureError(FETCH_FAILED) from exc
    post = _pick(page, ref)
    name = f"{ref.platform}-{post.platform_post_id}"
    record = record_exchange(settings.evidence_dir, "capture", name, response)
    post.source_url = str(response.url)
    result = store.store_posts(session, [post], origin=PostOrigin.PUBLIC_REPORT)
    post_id = result.post_id(post.platform, post.platform_post_id)
    assert post_id is not None
    session.execute(insert(Evidence), evidence_rows([(post_id, record)], crawl_run_id=None))
    audit.record(
        session,
        actor,
        "post.captured",
        "post",
        post_id,
        {"url": url, "platform": ref.platform, "evidence": record.path, "sha256": record.sha256},
    )
    return post_id
