"""Invented images for the replayed posts: campaign posters and text-free "photos".

A poster is rendered with Pillow and the bundled DejaVu font: the invented contest's pair
number, a vote call ("Coblos No. 2"), the pair's names and slogan, all from the demo
registry (`pantau/data/demo/candidates.csv`). A photo is a gradient sky, ground and soft
shapes with no text at all. Everything is drawn from a seed, so the same URL always gets
the same bytes (the evidence's SHA-256 stays stable between runs).
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = Path(__file__).resolve().parents[2] / "complaints" / "fonts"
CANDIDATES = Path(__file__).resolve().parents[2] / "pantau" / "data" / "demo" / "candidates.csv"
POSTER_SIZE = (800, 1000)
PHOTO_SIZE = (800, 600)
_PALETTES = (
    ((178, 34, 34), (255, 255, 255), (255, 215, 0)),
    ((0, 82, 155), (255, 255, 255), (255, 200, 0)),
    ((20, 110, 60), (255, 255, 255), (250, 240, 200)),
    ((240, 240, 235), (20, 20, 20), (200, 30, 30)),
)


@dataclass(frozen=True)
class Pair:
    """One numbered pair of the demo registry, as a poster shows it."""

    number: int
    names: tuple[str, ...]
    nickname: str
    slogan: str
    hashtags: tuple[str, ...]


@cache
def demo_pairs() -> tuple[Pair, ...]:
    with CANDIDATES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(
        Pair(
            number=int(row["number"]),
            names=tuple(row["names"].split(";")),
            nickname=row["nicknames"].split(";")[-1],
            slogan=row["slogans"].split(";")[0],
            hashtags=tuple(row["hashtags"].split(";")),
        )
        for row in rows
    )


@cache
def font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def poster_lines(pair: Pair) -> list[tuple[str, int]]:
    """The poster's lines and their font sizes, top to bottom."""
    return [
        (f"COBLOS No. {pair.number}", 84),
        (pair.nickname.upper(), 72),
        *[(name.upper(), 44) for name in pair.names],
        (pair.slogan, 36),
        (pair.hashtags[0], 36),
    ]


def _centred(draw: ImageDraw.ImageDraw, y: int, text: str, size: int, fill: tuple[int, ...]) -> int:
    face = font(size)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=face)
    width = right - left
    while width > POSTER_SIZE[0] - 60 and size > 20:  # long names shrink to fit
        size -= 4
        face = font(size)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=face)
        width = right - left
    draw.text(((POSTER_SIZE[0] - width) // 2 - left, y - top), text, font=face, fill=fill)
    return int(y + (bottom - top) + size // 2)


def render_poster(pair: Pair, seed: int = 0) -> bytes:
    """A campaign poster for one pair, as JPEG bytes."""
    rng = random.Random(seed)
    background, ink, accent = _PALETTES[rng.randrange(len(_PALETTES))]
    image = Image.new("RGB", POSTER_SIZE, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, POSTER_SIZE[0] - 20, POSTER_SIZE[1] - 20), outline=accent, width=8)
    # The big number in a circle, as on real ballots and banners.
    cx, cy, r = POSTER_SIZE[0] // 2, 190, 120
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=accent)
    digit = str(pair.number)
    box = draw.textbbox((0, 0), digit, font=font(170))
    draw.text(
        (cx - (box[2] - box[0]) // 2 - box[0], cy - (box[3] - box[1]) // 2 - box[1]),
        digit,
        font=font(170),
        fill=background,
    )
    y = 360
    for text, size in poster_lines(pair):
        y = _centred(draw, y, text, size, ink)
    return _jpeg(image)


def render_photo(seed: int = 0) -> bytes:
    """A photo-like picture without any text: sky, ground, soft blobs, sensor noise."""
    rng = random.Random(seed)
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(image)
    horizon = rng.randint(height // 3, height // 2)
    sky, ground = (
        (rng.randint(90, 150), rng.randint(150, 200), 235),
        (
            rng.randint(60, 120),
            rng.randint(90, 140),
            rng.randint(40, 80),
        ),
    )
    for y in range(height):
        base, shade = (sky, y / horizon) if y < horizon else (ground, (y - horizon) / height)
        colour = tuple(max(0, min(255, int(c * (1 - 0.3 * shade)))) for c in base)
        draw.line((0, y, width, y), fill=colour)
    for _ in range(rng.randint(6, 12)):
        x, y, w, h = (
            rng.randint(0, width),
            rng.randint(horizon - 80, height),
            *(
                rng.randint(40, 220),
                rng.randint(40, 160),
            ),
        )
        colour = tuple(rng.randint(30, 230) for _ in range(3))
        draw.ellipse((x - w // 2, y - h // 2, x + w // 2, y + h // 2), fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(radius=6))
    noise = Image.effect_noise(PHOTO_SIZE, 18).convert("RGB")
    return _jpeg(Image.blend(image, noise, 0.08))


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()


def seed_of(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big")


def pair_in(text: str) -> Pair | None:
    """The demo pair a post's text names (hashtag, nickname or name), if any."""
    folded = text.lower()
    for pair in demo_pairs():
        words = (*pair.hashtags, pair.nickname, *pair.names)
        if any(w.lower() in folded for w in words if w):
            return pair
    return None


@lru_cache(maxsize=512)
def image_for(key: str, description: str, text: str) -> bytes:
    """The image behind one media URL: a poster for campaign pictures, else a photo."""
    seed = seed_of(key)
    if "kampanye" in description.lower():
        pairs = demo_pairs()
        pair = pair_in(text) or pairs[seed % len(pairs)]
        return render_poster(pair, seed)
    return render_photo(seed)


# --- serving: which post a media URL belongs to -------------------------------------------

_INDEX: dict[int, tuple[int, dict[str, tuple[str, str]]]] = {}


def blob_cid(post_id: str, index: int) -> str:
    """The made-up CID of a Bluesky post's image blob (stable for the post and position)."""
    return "bafkrei" + hashlib.sha256(f"{post_id}#{index}".encode()).hexdigest()[:52]


def _keys(post: Any, index: int) -> list[str]:
    """The media keys each platform's replay uses for one image of one post."""
    if post.platform == "mastodon":
        return [f"{post.id}{index}", f"{post.id}{index}-small"]
    if post.platform == "telegram":
        return [f"tg-{post.id.rsplit('/', 1)[-1]}-{index}"]
    if post.platform == "bluesky":
        return [blob_cid(post.id, index)]
    return [f"{post.platform}-{post.id}-{index}"]


def media_index(store: Any) -> dict[str, tuple[str, str]]:
    """Media key → (description, post text), rebuilt when the store changes."""
    cached = _INDEX.get(id(store))
    if cached is not None and cached[0] == store.generation:
        return cached[1]
    index: dict[str, tuple[str, str]] = {}
    with store.lock:
        for post in store.posts.values():
            for i, media in enumerate(post.media):
                for key in _keys(post, i):
                    index[key] = (str(media.get("description") or ""), post.text)
        _INDEX[id(store)] = (store.generation, index)
    return index


def media_bytes(store: Any, key: str) -> bytes:
    """The JPEG for one media key; unknown keys (avatars, thumbnails) get a plain photo."""
    description, text = media_index(store).get(key, ("", ""))
    return image_for(key, description, text)
