"""Finger states and sign categories from landmark arrays (no image, no MediaPipe)."""

from __future__ import annotations

import pytest
from hands import hand, rotate, scale

from classifier.images.geometry import classify, long_finger, raised, thumb, thumb_points_up


@pytest.mark.parametrize(
    ("extended", "spread", "category"),
    [
        ({"index"}, 0, "one"),
        ({"index", "middle"}, 0, "two"),
        ({"index", "middle"}, 30, "v"),
        ({"index", "middle", "ring"}, 0, "three"),
        ({"thumb", "index", "middle"}, 0, "three"),
        ({"index", "middle", "ring", "pinky"}, 0, "open_palm"),
        ({"thumb", "index", "middle", "ring", "pinky"}, 0, "open_palm"),
        (set(), 0, "fist"),
        ({"index", "pinky"}, 0, "none"),  # "metal horns": no number
        ({"middle"}, 0, "none"),
    ],
)
def test_upright_signs(extended: set[str], spread: float, category: str) -> None:
    assert classify(hand(extended, spread)).category == category


@pytest.mark.parametrize("size", [0.3, 1.0, 7.0])
def test_size_does_not_matter(size: float) -> None:
    assert classify(scale(hand({"index", "middle"}), size)).category == "two"


@pytest.mark.parametrize("tilt", [-30, 0, 30])
def test_a_tilted_sign_is_still_read(tilt: float) -> None:
    assert classify(rotate(hand({"index", "middle", "ring"}), tilt)).category == "three"


@pytest.mark.parametrize("tilt", [120, 180, -100])
def test_hanging_or_sideways_hands_make_no_sign(tilt: float) -> None:
    # The same finger shapes with the fingers pointing down or sideways: a hand at rest.
    for extended in ({"index", "middle"}, {"index"}, set(), {"index", "middle", "ring", "pinky"}):
        points = rotate(hand(extended), tilt)
        assert not raised(points)
        assert classify(points).category == "none"


def test_finger_states() -> None:
    points = hand({"index", "thumb"})
    assert long_finger(points, "index")[0]
    assert not long_finger(points, "middle")[0]
    assert thumb(points)[0]
    assert not thumb(hand({"index"}))[0]  # folded across the palm


def test_thumbs_up_needs_the_thumb_up() -> None:
    fist_with_thumb = hand({"thumb"})
    # Turned so the thumb (pointing up-left in the upright hand) points straight up and the
    # folded fingers point right: the classic "jempol".
    up = rotate(fist_with_thumb, 45)
    assert thumb_points_up(up)
    assert classify(up).category == "thumbs_up"
    down = rotate(fist_with_thumb, 225)  # thumbs-down
    assert classify(down).category == "none"
    sideways = rotate(fist_with_thumb, -50)  # thumb pointing left
    assert classify(sideways).category == "none"


def test_fist_is_orientation_checked() -> None:
    assert classify(hand(set())).category == "fist"
    assert classify(rotate(hand(set()), 160)).category == "none"  # a hand hanging, curled


def test_certainty_drops_near_a_threshold() -> None:
    clear = classify(hand({"index", "middle"}, spread=0)).certainty
    assert 0 <= clear <= 1
    assert classify(hand({"index", "middle"}, spread=0)).extended == ("index", "middle")
