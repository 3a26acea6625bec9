"""Hand landmarks → finger states → gesture category. Pure geometry, no model.

MediaPipe's 21 hand landmarks: 0 wrist; thumb 1 CMC, 2 MCP, 3 IP, 4 tip; then index 5-8,
middle 9-12, ring 13-16, pinky 17-20 (MCP, PIP, DIP, tip each). Coordinates are in pixels
(x right, y DOWN), so "up" in the picture is negative y.

Every test below is relative to the hand's own size (the palm: wrist to middle MCP) and
works in any rotation, except "thumbs-up", which is by definition about the picture's
vertical axis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

Category = Literal["one", "two", "three", "v", "thumbs_up", "open_palm", "fist", "none"]
FINGERS = ("thumb", "index", "middle", "ring", "pinky")
# (MCP, PIP, DIP, tip) of the four long fingers.
_LONG = {"index": (5, 6, 7, 8), "middle": (9, 10, 11, 12), "ring": (13, 14, 15, 16)}
_LONG["pinky"] = (17, 18, 19, 20)

# A long finger is extended when its joints are nearly in line (the bend from MCP→PIP to
# PIP→tip is under this many degrees) and its tip is farther from the wrist than its PIP.
STRAIGHT_DEG = 60.0
# The thumb is extended when its tip is farther from the pinky's base than the thumb's own
# base (MCP) is, by this ratio: a thumb folded across the palm or holding the pinky comes
# back towards the pinky; one held out does not. Measured on the real photos: folded
# thumbs 0.29-0.96, extended ones 1.18-1.65.
THUMB_OUT = 1.08
# The long fingers of a shown sign point up: the wrist→middle-knuckle direction is within
# this many degrees of straight up (real signs: 1-27°, hands hanging or resting: 64-172°).
RAISED_DEG = 45.0
# An open palm is shown with straight fingers pointing up; a hand holding a phone or lying
# on a crossed arm has bent or sideways fingers.
PALM_STRAIGHT_DEG = 25.0
PALM_UP_DEG = 30.0
# Index and middle spread wider than this (degrees between their directions) make a V.
V_SPREAD_DEG = 14.0
# Thumbs-up: the thumb points within this many degrees of straight up in the picture.
THUMB_UP_DEG = 50.0

# Which sets of extended fingers make which sign; anything else is "none".
_SHAPES: dict[frozenset[str], Category] = {
    frozenset({"index"}): "one",
    frozenset({"index", "middle"}): "two",
    frozenset({"index", "middle", "ring"}): "three",
    frozenset({"thumb", "index", "middle"}): "three",
    frozenset({"index", "middle", "ring", "pinky"}): "open_palm",
    frozenset({"thumb", "index", "middle", "ring", "pinky"}): "open_palm",
    frozenset(): "fist",
}
# The number a sign shows, for matching against a contest's numbered pairs. "Jempol"
# (thumbs-up) is the customary sign of pair number 1.
NUMBER: dict[str, int] = {"one": 1, "thumbs_up": 1, "two": 2, "v": 2, "three": 3}


@dataclass(frozen=True)
class HandShape:
    """What the geometry says about one hand."""

    category: Category
    extended: tuple[str, ...]
    certainty: float  # 0..1: how clearly every finger sits on its side of its threshold


def _angle(a: NDArray[np.float64], b: NDArray[np.float64]) -> float:
    """Degrees between two vectors (0 when they point the same way)."""
    denom = float(np.linalg.norm(a) * np.linalg.norm(b)) or 1e-9
    return float(np.degrees(np.arccos(np.clip(float(a @ b) / denom, -1.0, 1.0))))


def _margin(value: float, threshold: float, scale: float) -> float:
    """0 at the threshold, 1 at `scale` away from it: how sure one yes/no decision is."""
    return min(1.0, abs(value - threshold) / scale)


def palm_size(points: NDArray[np.float64]) -> float:
    return float(np.linalg.norm(points[9] - points[0])) or 1e-9


def long_finger(points: NDArray[np.float64], name: str) -> tuple[bool, float]:
    """(extended, certainty) for index, middle, ring or pinky."""
    mcp, pip, _dip, tip = (points[i] for i in _LONG[name])
    bend = _angle(pip - mcp, tip - pip)
    reach = float(np.linalg.norm(tip - points[0]) - np.linalg.norm(pip - points[0]))
    reach /= palm_size(points)
    extended = bend < STRAIGHT_DEG and reach > 0.0
    certainty = min(_margin(bend, STRAIGHT_DEG, 40.0), _margin(reach, 0.0, 0.3))
    return extended, certainty


def thumb(points: NDArray[np.float64]) -> tuple[bool, float]:
    """(extended, certainty) for the thumb: its tip stands away from the pinky side."""
    base = float(np.linalg.norm(points[2] - points[17])) or 1e-9
    out = float(np.linalg.norm(points[4] - points[17])) / base
    return out > THUMB_OUT, _margin(out, THUMB_OUT, 0.3)


def up_angle(start: NDArray[np.float64], end: NDArray[np.float64]) -> float:
    """Degrees between start→end (in the picture plane) and straight up."""
    return _angle(end[:2] - start[:2], np.array([0.0, -1.0]))


def raised(points: NDArray[np.float64]) -> bool:
    """The hand is held up, fingers to the sky, as a sign is shown."""
    return up_angle(points[0], points[9]) < RAISED_DEG


def shown_palm(points: NDArray[np.float64]) -> bool:
    """Straight fingers pointing up: a raised open palm, not a hand holding something."""
    bends = [_angle(points[p] - points[m], points[t] - points[p]) for m, p, _, t in _LONG.values()]
    return max(bends) < PALM_STRAIGHT_DEG and up_angle(points[0], points[12]) < PALM_UP_DEG


def thumb_points_up(points: NDArray[np.float64]) -> bool:
    """The thumb (MCP→tip) points up in the picture and stands above every other finger."""
    others_top = min(points[i][1] for i in (6, 8, 10, 12, 14, 16, 18, 20))
    return up_angle(points[2], points[4]) < THUMB_UP_DEG and points[4][1] < others_top


def classify(points: NDArray[np.float64]) -> HandShape:
    """The category of one hand from its 21 landmarks (pixel coordinates, shape (21, 2|3))."""
    points = np.asarray(points, dtype=np.float64)
    states = {"thumb": thumb(points)}
    states.update({name: long_finger(points, name) for name in _LONG})
    extended = frozenset(name for name, (on, _) in states.items() if on)
    certainty = min(c for _, c in states.values())
    ordered = tuple(f for f in FINGERS if f in extended)
    if extended == {"thumb"}:
        # A lone thumb is a thumbs-up only when it points up; sideways or down is no sign.
        category: Category = "thumbs_up" if thumb_points_up(points) else "none"
        return HandShape(category, ordered, certainty)
    category = _SHAPES.get(extended, "none")
    if not raised(points) or (category == "open_palm" and not shown_palm(points)):
        # Hands hanging, resting or holding things are no sign, whatever their fingers do.
        return HandShape("none", ordered, certainty)
    if category == "two":
        spread = _angle(points[8] - points[5], points[12] - points[9])
        category = "v" if spread > V_SPREAD_DEG else "two"
    return HandShape(category, ordered, certainty)
