"""The real gesture photos in ../shared/datasets/gesture-images, read in place."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from shared_data import DATASETS

from classifier.images.findings import Hand
from classifier.images.gestures import detect, gesture_hands
from classifier.images.safety import load_rgb

PHOTOS = DATASETS / "gesture-images"
# Folder → the categories that count as right for it.
EXPECTED: dict[str, frozenset[str]] = {
    "one_finger": frozenset({"one"}),
    "two_fingers": frozenset({"two", "v"}),
    "three_fingers": frozenset({"three"}),
    "thumbs_up": frozenset({"thumbs_up"}),
    "open_palm": frozenset({"open_palm"}),
    "fist": frozenset({"fist"}),
}
NO_GESTURE = "no_gesture_people"
POSTERS = "poster_text"


def photos(folder: str) -> list[Path]:
    return sorted(
        p for p in (PHOTOS / folder).iterdir() if p.suffix.lower() in {".jpg", ".jpeg", ".png"}
    )


def predicted(hands: list[Hand]) -> str:
    """The photo's category: its most confident sign, or "none"."""
    signs = gesture_hands(hands)
    return max(signs, key=lambda h: h.confidence).category if signs else "none"


def confusion() -> dict[str, Counter[str]]:
    """Folder → counts of predicted categories, over every gesture and no-gesture photo."""
    table: dict[str, Counter[str]] = {}
    for folder in [*EXPECTED, NO_GESTURE]:
        table[folder] = Counter(predicted(detect(load_rgb(p.read_bytes()))) for p in photos(folder))
    return table
