"""Find hands with MediaPipe and name the sign each makes ("salam dua jari", V, thumbs-up...).

MediaPipe 0.10.14's legacy `solutions.hands` API ships its palm-detection and landmark
models inside the wheel, so it runs offline on the CPU (1.x wants a downloaded `.task`
file). It gives 21 landmarks per hand; `geometry.classify` turns them into a category.
No face is detected, recognised or stored: only hands.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from PIL import Image

from classifier.images.findings import Box, Hand
from classifier.images.geometry import NUMBER, classify

MAX_HANDS = 6
MIN_DETECTION = 0.5
# Huge photos are scaled down to this long side. Tiny thumbnails are tried as they are
# and, if no hand is found, again scaled up to this short side (each way finds hands the
# other misses on the real photos).
MIN_SIDE = 256
MAX_SIDE = 1280

_LOCAL = threading.local()  # a Hands graph is not thread-safe: one per thread


def _hands() -> Any:
    hands = getattr(_LOCAL, "hands", None)
    if hands is None:
        import mediapipe as mp  # imported late: 1 s and 100 MB only when images are analysed

        hands = mp.solutions.hands.Hands(
            static_image_mode=True,
            max_num_hands=MAX_HANDS,
            min_detection_confidence=MIN_DETECTION,
        )
        _LOCAL.hands = hands
    return hands


def _working_sizes(width: int, height: int) -> list[tuple[int, int]]:
    scales = [min(1.0, MAX_SIDE / max(width, height))]
    if min(width, height) < MIN_SIDE:
        scales.append(MIN_SIDE / min(width, height))
    return [(max(1, round(width * s)), max(1, round(height * s))) for s in scales]


def detect(image: Image.Image) -> list[Hand]:
    """Every hand in an RGB image with its category, confidence and box (image pixels)."""
    width, height = image.size
    result = None
    for size in _working_sizes(width, height):
        work = image if size == image.size else image.resize(size, Image.Resampling.BILINEAR)
        result = _hands().process(np.asarray(work))
        if result.multi_hand_landmarks:
            break
    if result is None or not result.multi_hand_landmarks:
        return []
    hands = []
    for landmarks, handedness in zip(
        result.multi_hand_landmarks, result.multi_handedness, strict=True
    ):
        # Normalised coordinates → the original image's pixels (z is on the x scale).
        points = np.array([[p.x * width, p.y * height, p.z * width] for p in landmarks.landmark])
        shape = classify(points)
        detection = float(handedness.classification[0].score)
        confidence = round(detection * (0.6 + 0.4 * shape.certainty), 2)
        hands.append(
            Hand(
                category=shape.category,
                confidence=confidence,
                box=_box(points, width, height),
                extended=shape.extended,
                number=NUMBER.get(shape.category),
            )
        )
    return hands


def _box(points: np.ndarray, width: int, height: int) -> Box:
    """The landmarks' bounding box, widened by a tenth so the whole hand is inside."""
    x0, y0 = points[:, 0].min(), points[:, 1].min()
    x1, y1 = points[:, 0].max(), points[:, 1].max()
    pad_x, pad_y = (x1 - x0) * 0.1, (y1 - y0) * 0.1
    left, top = max(0, int(x0 - pad_x)), max(0, int(y0 - pad_y))
    right, bottom = min(width, int(x1 + pad_x) + 1), min(height, int(y1 + pad_y) + 1)
    return Box(left, top, max(0, right - left), max(0, bottom - top))


def gesture_hands(hands: list[Hand]) -> list[Hand]:
    """The hands that make a sign (anything but "none")."""
    return [h for h in hands if h.category != "none"]
