"""Check untrusted image bytes before anything decodes them.

A crawled image is hostile until shown otherwise: too large, not an image at all, an image
whose header lies about its type, or a small file that decodes to billions of pixels
(a decompression bomb). Every check returns a reason instead of raising, so one bad
image is quarantined and the step goes on.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# Pillow's own bomb guard stays on: Image.MAX_IMAGE_PIXELS (about 89 Mpx) is never raised
# or disabled here. We refuse well below it, since no post image needs more than this.
MAX_PIXELS = 40_000_000

# Leading bytes of the formats we accept, and the format Pillow must then report.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
)
_WEBP = "WEBP"


@dataclass(frozen=True)
class Verdict:
    """`ok` images have a `format`; the others a `reason` to quarantine them with."""

    ok: bool
    reason: str = ""
    format: str = ""
    width: int = 0
    height: int = 0


def sniff(data: bytes) -> str:
    """The image format the magic bytes announce, or "" for anything else."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _WEBP
    return ""


def check(data: bytes, content_type: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> Verdict:
    """Size cap, declared type, magic bytes, then a header-only decode for the pixel count."""
    if not data:
        return Verdict(False, "empty")
    if len(data) > max_bytes:
        return Verdict(False, f"too large: {len(data)} bytes > {max_bytes}")
    declared = content_type.split(";")[0].strip().lower()
    if declared and not declared.startswith("image/"):
        return Verdict(False, f"content-type is not an image: {declared}")
    fmt = sniff(data)
    if not fmt:
        return Verdict(False, "magic bytes are not JPEG, PNG, GIF or WebP")
    # A server that labels a PNG "image/jpeg" is common and harmless: the magic bytes and the
    # decoder decide the format, the label only has to say "image".
    try:
        with warnings.catch_warnings():
            # Pillow warns between MAX_IMAGE_PIXELS and twice it; treat the warning as a bomb.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                real = image.format or ""
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return Verdict(False, f"decompression bomb: {exc}")
    except Exception as exc:
        return Verdict(False, f"undecodable: {type(exc).__name__}")
    if real != fmt:
        return Verdict(False, f"magic bytes say {fmt} but the decoder says {real or 'nothing'}")
    if width * height > MAX_PIXELS:
        return Verdict(False, f"decompression bomb: {width}x{height} pixels > {MAX_PIXELS}")
    return Verdict(True, format=fmt, width=width, height=height)


def load_rgb(data: bytes) -> Image.Image:
    """Decode checked bytes fully as upright RGB (EXIF rotation applied)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(io.BytesIO(data))
        image.load()
    upright = ImageOps.exif_transpose(image) or image
    return upright.convert("RGB")
