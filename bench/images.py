"""Images per second for OCR and for hand signs, on 1 and 2 processes, and the share of the
nightly run that images add at the demo's ratio of images to posts.

Usage: .venv/bin/python bench/images.py [--rounds 2]

Images: the replay server's invented posters (text) and photos (no text), and, when
../shared is present, the 30 real gesture photos of datasets/gesture-images. Baseline in
the same run: decoding the same bytes to RGB with Pillow (what every stage pays anyway).
The nightly share compares, for the replay sample (582 posts), scoring every post's text
with the bundled model against analysing the images of the posts the image stage picks
(author past the ASN threshold or flagged) — and, as an upper bound, of every post.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from classifier import Author, PostInput, Registry, load_bundled, score_posts  # noqa: E402
from classifier.images import gestures, ocr  # noqa: E402
from classifier.images.analyse import analyse_image  # noqa: E402
from classifier.images.safety import load_rgb  # noqa: E402
from crawlers.replay.images import CANDIDATES, demo_pairs, render_photo, render_poster  # noqa: E402

SHARED = (
    Path(os.environ.get("PANTAU_SHARED_DIR") or ROOT.parent / "shared")
    / "datasets"
    / "gesture-images"
)
GESTURE_FOLDERS = ("one_finger", "two_fingers", "three_fingers", "thumbs_up", "open_palm", "fist")
REPLAY = ROOT / "crawlers" / "replay" / "data"


def _ocr(data: bytes) -> int:
    return len(ocr.read_words(load_rgb(data)))


def _hands(data: bytes) -> int:
    return len(gestures.detect(load_rgb(data)))


def _decode(data: bytes) -> int:
    return load_rgb(data).size[0]


def _warm(_: int) -> int:
    """Load MediaPipe's graph and Tesseract once in a worker, outside the timed part."""
    _hands(render_photo(0))
    return _ocr(render_photo(0))


def rate(
    work: Callable[[bytes], int], images: Sequence[bytes], processes: int, rounds: int
) -> float:
    """Median images per second over `rounds` passes (a pool of `processes` when > 1).

    Workers are spawned, not forked: a forked MediaPipe graph hangs on its dead threads."""
    speeds = []
    pool = mp.get_context("spawn").Pool(processes) if processes > 1 else None
    try:
        if pool is not None:
            pool.map(_warm, range(processes), chunksize=1)
        for _ in range(rounds):
            start = time.perf_counter()
            if pool is None:
                for data in images:
                    work(data)
            else:
                pool.map(work, images, chunksize=1)
            speeds.append(len(images) / (time.perf_counter() - start))
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return statistics.median(speeds)


def sample_images() -> tuple[list[bytes], list[bytes]]:
    posters = [render_poster(pair, seed) for seed, pair in enumerate(demo_pairs())]
    photos = [render_photo(seed) for seed in range(len(posters))]
    real = []
    if SHARED.is_dir():
        for folder in GESTURE_FOLDERS:
            real += [p.read_bytes() for p in sorted((SHARED / folder).iterdir())]
    return posters + photos, real or photos


def nightly_share(per_image_s: float) -> dict[str, float]:
    """Text scoring time of the replay sample vs analysing its images (picked / all)."""
    posts = [json.loads(line) for line in (REPLAY / "posts.jsonl").open(encoding="utf-8")]
    accounts = {
        a["id"]: a for a in map(json.loads, (REPLAY / "accounts.jsonl").open(encoding="utf-8"))
    }
    inputs = [
        PostInput(p["text"], Author(bio=accounts.get(p["account"], {}).get("bio", "")))
        for p in posts
    ]
    model, registry = load_bundled(), Registry.from_csv(CANDIDATES)
    score_posts(model, inputs[:50], registry)  # warm the pipeline and matchers
    start = time.perf_counter()
    scores = score_posts(model, inputs, registry)
    text_s = time.perf_counter() - start
    images_all = sum(len(p["media"]) for p in posts)
    picked = sum(
        len(p["media"])
        for p, s in zip(posts, scores, strict=True)
        if s.flagged or s.asn >= model.thresholds["asn"]
    )
    return {
        "posts": len(posts),
        "images": images_all,
        "images_per_post": round(images_all / len(posts), 3),
        "images_picked": picked,
        "text_scoring_s": round(text_s, 2),
        "image_s_picked": round(picked * per_image_s, 2),
        "share_picked": round(picked * per_image_s / (text_s + picked * per_image_s), 3),
        "share_all": round(images_all * per_image_s / (text_s + images_all * per_image_s), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    text_images, hand_images = sample_images()
    _hands(hand_images[0])  # load MediaPipe's graph before timing
    results: dict[str, object] = {"ocr_images": len(text_images), "hand_images": len(hand_images)}
    for processes in (1, 2):
        results[f"decode_baseline_per_s_{processes}p"] = round(
            rate(_decode, text_images, processes, args.rounds), 1
        )
        results[f"ocr_per_s_{processes}p"] = round(
            rate(_ocr, text_images, processes, args.rounds), 2
        )
        results[f"hands_per_s_{processes}p"] = round(
            rate(_hands, hand_images, processes, args.rounds), 2
        )
    start = time.perf_counter()
    for data in text_images:
        analyse_image(data)
    per_image = (time.perf_counter() - start) / len(text_images)
    results["analyse_s_per_image_1p"] = round(per_image, 3)
    results["nightly"] = nightly_share(per_image)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
