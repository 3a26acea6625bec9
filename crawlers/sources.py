"""Per-platform validation of a source's config: the crawler and the admin UI both call it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pantau.regions import is_region

TARGET_KEYS: dict[str, tuple[str, ...]] = {
    "mastodon": ("accounts", "hashtags"),
    "bluesky": ("accounts", "queries"),
    "telegram": ("channels",),
    "rss": ("feeds",),
    "x": ("accounts", "queries"),
    "youtube": ("videos", "channels"),
}
COMMON_KEYS = ("region_code", "max_pages", "unavailable")
PLATFORM_KEYS = {"mastodon": ("instance",)}
MAX_TARGETS = 500


class SourceConfigError(ValueError):
    """The config cannot be used; the message (in Indonesian: the admin page shows it as is)
    says which key and why."""


def _as_list(key: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\n]", value)]
    if not isinstance(value, list | tuple):
        raise SourceConfigError(f"{key}: harus berupa daftar atau teks yang dipisah koma")
    items = [str(v).strip() for v in value if str(v).strip()]
    if len(items) > MAX_TARGETS:
        raise SourceConfigError(f"{key}: paling banyak {MAX_TARGETS} entri per sumber")
    return list(dict.fromkeys(items))


def _http_url(key: str, value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceConfigError(f"{key}: {value!r} bukan URL http(s)")
    return value.strip().rstrip("/") if key == "instance" else value.strip()


def _mastodon_account(value: str) -> str:
    acct = value.removeprefix("@")
    if not re.fullmatch(r"[A-Za-z0-9_]{1,30}(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?", acct):
        raise SourceConfigError(f"accounts: {value!r} bukan akun Mastodon (nama atau nama@host)")
    return acct


def _hashtag(value: str) -> str:
    tag = value.removeprefix("#")
    if not re.fullmatch(r"\w{1,100}", tag):
        raise SourceConfigError(f"hashtags: {value!r} bukan tagar (huruf, angka, _)")
    return tag


def _bluesky_actor(value: str) -> str:
    actor = value.removeprefix("@")
    if actor.startswith("did:"):
        if not re.fullmatch(r"did:[a-z]+:[A-Za-z0-9._:%-]+", actor):
            raise SourceConfigError(f"accounts: {value!r} bukan DID yang sah")
        return actor
    if not re.fullmatch(r"([A-Za-z0-9-]+\.)+[A-Za-z]{2,}", actor):
        raise SourceConfigError(f"accounts: {value!r} bukan nama akun Bluesky (nama.bsky.social)")
    return actor.lower()


def _query(value: str) -> str:
    if len(value) > 500:
        raise SourceConfigError(f"queries: {value[:40]!r}… lebih dari 500 karakter")
    return value


def _telegram_channel(value: str) -> str:
    name = re.sub(r"^(https?://)?(t\.me|telegram\.me)/(s/)?", "", value).removeprefix("@")
    name = name.strip("/")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{3,31}", name):
        raise SourceConfigError(f"channels: {value!r} bukan nama kanal Telegram publik")
    return name


def _x_account(value: str) -> str:
    name = value.removeprefix("@")
    if not re.fullmatch(r"[A-Za-z0-9_]{1,15}", name):
        raise SourceConfigError(f"accounts: {value!r} bukan nama pengguna X (1-15 huruf/angka/_)")
    return name


def _youtube_video(value: str) -> str:
    parts = urlsplit(value)
    if parts.hostname:
        host = parts.hostname.removeprefix("www.").removeprefix("m.")
        if host == "youtu.be":
            value = parts.path.strip("/")
        else:
            value = (parse_qs(parts.query).get("v") or [""])[0]
    if not re.fullmatch(r"[A-Za-z0-9_-]{11}", value):
        raise SourceConfigError(f"videos: {value!r} bukan ID video YouTube atau URL tontonnya")
    return value


def _youtube_channel(value: str) -> str:
    match = re.search(r"(UC[A-Za-z0-9_-]{22})", value)
    if not match:
        raise SourceConfigError(f"channels: {value!r} bukan ID kanal YouTube (UC…)")
    return match.group(1)


CHECKS: dict[tuple[str, str], Callable[[str], str]] = {
    ("mastodon", "accounts"): _mastodon_account,
    ("mastodon", "hashtags"): _hashtag,
    ("bluesky", "accounts"): _bluesky_actor,
    ("bluesky", "queries"): _query,
    ("telegram", "channels"): _telegram_channel,
    ("rss", "feeds"): lambda v: _http_url("feeds", v),
    ("x", "accounts"): _x_account,
    ("x", "queries"): _query,
    ("youtube", "videos"): _youtube_video,
    ("youtube", "channels"): _youtube_channel,
}


def validate_config(platform: str, config: dict[str, Any]) -> dict[str, Any]:
    """A cleaned copy of `config`, or SourceConfigError naming the first problem."""
    if platform not in TARGET_KEYS:
        known = ", ".join(TARGET_KEYS)
        raise SourceConfigError(f"platform {platform!r} tidak dapat dipantau; yang dapat: {known}")
    if not isinstance(config, dict):
        raise SourceConfigError("konfigurasi harus berupa pasangan kunci: nilai")
    allowed = TARGET_KEYS[platform] + PLATFORM_KEYS.get(platform, ()) + COMMON_KEYS
    unknown = sorted(set(config) - set(allowed))
    if unknown:
        raise SourceConfigError(
            f"kunci tidak dikenal untuk {platform}: {', '.join(unknown)}; "
            f"yang boleh: {', '.join(allowed)}"
        )
    clean: dict[str, Any] = {}
    for key in TARGET_KEYS[platform]:
        values = [CHECKS[(platform, key)](v) for v in _as_list(key, config.get(key))]
        if values:
            clean[key] = list(dict.fromkeys(values))
    if not clean:
        wanted = " atau ".join(TARGET_KEYS[platform])
        raise SourceConfigError(f"sumber {platform} memerlukan sedikitnya satu dari: {wanted}")
    if config.get("instance"):
        clean["instance"] = _http_url("instance", str(config["instance"]))
    if config.get("region_code"):
        code = str(config["region_code"]).strip()
        if not is_region(code):
            raise SourceConfigError(f"region_code: {code!r} bukan kode wilayah yang dikenal")
        clean["region_code"] = code
    if config.get("max_pages") not in (None, ""):
        try:
            pages = int(config["max_pages"])
        except (TypeError, ValueError):
            raise SourceConfigError("max_pages: harus bilangan bulat") from None
        if not 1 <= pages <= 10_000:
            raise SourceConfigError("max_pages: harus 1 sampai 10000")
        clean["max_pages"] = pages
    if isinstance(config.get("unavailable"), dict):
        clean["unavailable"] = config["unavailable"]
    return clean


def targets(platform: str, config: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, value) pairs in config order: ("account", "budi"), ("tag", "pilkada") ..."""
    out: list[tuple[str, str]] = []
    for key in TARGET_KEYS[platform]:
        kind = key.removesuffix("s") if key != "queries" else "query"
        out.extend((kind, value) for value in config.get(key, []))
    return out
