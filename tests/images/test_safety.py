"""Hostile image bytes are refused with a reason, never with an exception."""

from __future__ import annotations

import io

from PIL import Image

from classifier.images import analyse_image, check
from classifier.images.safety import MAX_PIXELS
from crawlers.replay.images import render_photo


def png(width: int, height: int, mode: str = "1") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def test_a_good_jpeg_passes() -> None:
    verdict = check(render_photo(1), "image/jpeg")
    assert verdict.ok and verdict.format == "JPEG" and verdict.width == 800


def test_size_cap() -> None:
    assert "too large" in check(render_photo(1), max_bytes=1000).reason


def test_content_type_and_magic_bytes() -> None:
    assert "content-type" in check(render_photo(1), "text/html").reason
    assert "magic bytes" in check(b"<html><body>not an image</body></html>", "image/png").reason
    assert check(b"", "image/png").reason == "empty"
    # A PNG labelled as JPEG is common and harmless: the bytes decide.
    assert check(png(10, 10), "image/jpeg").ok


def test_a_header_that_lies_about_its_body_is_refused() -> None:
    fake = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    assert not check(fake).ok


def test_decompression_bombs() -> None:
    bomb = png(8000, 8000)  # 64 Mpx of one colour: a few kB on the wire
    assert len(bomb) < 100_000
    verdict = check(bomb, "image/png")
    assert not verdict.ok and "decompression bomb" in verdict.reason
    assert MAX_PIXELS < 8000 * 8000
    huge = png(12_000, 12_000)  # past Pillow's own MAX_IMAGE_PIXELS
    assert "decompression bomb" in check(huge).reason
    assert Image.MAX_IMAGE_PIXELS is not None and Image.MAX_IMAGE_PIXELS > MAX_PIXELS


def test_a_truncated_jpeg_is_a_finding_not_a_crash() -> None:
    data = render_photo(2)
    found = analyse_image(data[: len(data) // 3])
    assert found.error and not found.hands
    assert len(found.sha256) == 64
