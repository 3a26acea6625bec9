"""Read the text in an image with Tesseract (Debian `tesseract-ocr` + `tesseract-ocr-ind`).

Tesseract runs as a subprocess on a PNG piped through stdin, with TSV output: one row per
word with its box and confidence. No Python wrapper is needed for that, and a timeout
bounds a pathological image.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from functools import cache

from PIL import Image, ImageOps

from classifier.images.findings import Box, Word

LANGUAGES = "ind+eng"  # campaign material mixes Indonesian with English loan words
# psm 11 = "sparse text": posters and banners are scattered blocks, not a page of prose.
PAGE_SEGMENTATION = "11"
# Tesseract's per-word confidence (0..1) below which a word is noise: on text-free photos
# most stray "words" score under 0.5, on rendered posters the real ones 0.59-0.96.
MIN_CONFIDENCE = 0.55
TIMEOUT_S = 30.0
# Tesseract reads best with capital letters 30+ px tall: small images are scaled up.
MIN_WIDTH = 1200
MAX_SIDE = 2400


class OcrUnavailable(RuntimeError):
    """Tesseract or its Indonesian model is not installed."""


@cache
def available_languages() -> frozenset[str]:
    binary = shutil.which("tesseract")
    if binary is None:
        return frozenset()
    out = subprocess.run(
        [binary, "--list-langs"], capture_output=True, text=True, timeout=TIMEOUT_S, check=False
    )
    return frozenset(line.strip() for line in out.stdout.splitlines()[1:] if line.strip())


def ensure_available() -> None:
    missing = {"ind", "eng"} - available_languages()
    if missing:
        raise OcrUnavailable(
            f"tesseract with models {sorted(missing)} is needed: "
            "apt-get install tesseract-ocr tesseract-ocr-ind (scripts/system-deps.sh)"
        )


def _prepare(image: Image.Image) -> tuple[Image.Image, float]:
    """Greyscale, scaled so that text is tall enough; returns the scale used."""
    grey = ImageOps.grayscale(image)
    width, height = grey.size
    scale = 1.0
    if width < MIN_WIDTH:
        scale = min(MIN_WIDTH / width, MAX_SIDE / max(height, 1), 4.0)
    elif max(width, height) > MAX_SIDE:
        scale = MAX_SIDE / max(width, height)
    if scale != 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        grey = grey.resize(size, Image.Resampling.LANCZOS)
    return grey, scale


def read_words(image: Image.Image, timeout: float = TIMEOUT_S) -> list[Word]:
    """Words with boxes in the original image's pixels, confident ones only."""
    ensure_available()
    prepared, scale = _prepare(image)
    buffer = io.BytesIO()
    prepared.save(buffer, format="PNG")
    # One thread per Tesseract: the machine's cores are shared with other work.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", LANGUAGES, "--psm", PAGE_SEGMENTATION, "tsv"],
        input=buffer.getvalue(),
        capture_output=True,
        timeout=timeout,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"tesseract failed: {done.stderr.decode(errors='replace')[-300:]}")
    return parse_tsv(done.stdout.decode("utf-8", errors="replace"), scale)


def parse_tsv(tsv: str, scale: float = 1.0) -> list[Word]:
    """Tesseract's TSV rows (level 5 = word) → `Word`s, boxes divided back by `scale`."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not any(c.isalnum() for c in text):
            continue
        confidence = float(row["conf"]) / 100
        if confidence < MIN_CONFIDENCE:
            continue
        line = int(row["block_num"]) * 10_000 + int(row["par_num"]) * 100 + int(row["line_num"])
        box = Box(
            round(int(row["left"]) / scale),
            round(int(row["top"]) / scale),
            round(int(row["width"]) / scale),
            round(int(row["height"]) / scale),
        )
        words.append(Word(text=text, confidence=round(confidence, 2), box=box, line=line))
    return words
