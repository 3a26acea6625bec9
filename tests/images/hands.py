"""Synthetic hand landmarks (pixel coordinates, y down) for the geometry tests.

An upright right hand seen palm-on: wrist at the origin, knuckles 100 px above it.
Extended fingers go straight on from their knuckle; folded ones curl back into the palm.
"""

from __future__ import annotations

import math

import numpy as np

KNUCKLES = {"index": (-30.0, -100.0), "middle": (-10.0, -100.0), "ring": (10.0, -100.0)}
KNUCKLES["pinky"] = (30.0, -95.0)
ORDER = ("index", "middle", "ring", "pinky")


def hand(extended: set[str], spread: float = 0.0, thumb_across: bool = True) -> np.ndarray:
    """21 landmarks; `spread` tilts index left and middle right by that many px at the tip."""
    points = np.zeros((21, 3))
    points[1] = (-25, -20, 0)
    points[2] = (-45, -45, 0)
    if "thumb" in extended:
        points[3], points[4] = (-62, -66, 0), (-80, -88, 0)
    elif thumb_across:  # folded across the palm towards the pinky
        points[3], points[4] = (-25, -70, 0), (5, -70, 0)
    for n, name in enumerate(ORDER):
        x, y = KNUCKLES[name]
        base = 5 + 4 * n
        points[base] = (x, y, 0)
        if name in extended:
            lean = {"index": -spread, "middle": spread}.get(name, 0.0)
            for k, (dy, f) in enumerate(((-40, 0.4), (-70, 0.7), (-95, 1.0)), start=1):
                points[base + k] = (x + lean * f, y + dy, 0)
        else:
            points[base + 1] = (x, y - 35, 0)
            points[base + 2] = (x, y - 20, 0)
            points[base + 3] = (x, y + 5, 0)
    return points


def rotate(points: np.ndarray, degrees: float) -> np.ndarray:
    """Turn the hand in the picture plane about the wrist, clockwise on screen."""
    a = math.radians(degrees)
    turn = np.array([[math.cos(a), -math.sin(a), 0], [math.sin(a), math.cos(a), 0], [0, 0, 1]])
    return points @ turn.T


def scale(points: np.ndarray, factor: float) -> np.ndarray:
    return points * factor
