"""The sign recogniser on the 47 real, licensed photos in ../shared (read in place)."""

from __future__ import annotations

import pytest
from photos import EXPECTED, NO_GESTURE, PHOTOS, POSTERS, confusion, photos
from shared_data import requires

from classifier.images import analyse_image

pytestmark = [requires("datasets", "gesture-images"), pytest.mark.slow]


@pytest.fixture(scope="module")
def table() -> dict[str, dict[str, int]]:
    return {folder: dict(counts) for folder, counts in confusion().items()}


def test_at_least_85_percent_of_gesture_photos_in_the_right_category(table: dict) -> None:
    right = sum(n for f, ok in EXPECTED.items() for cat, n in table[f].items() if cat in ok)
    total = sum(sum(table[f].values()) for f in EXPECTED)
    assert total >= 25, f"expected the 30 gesture photos, found {total}"
    assert right / total >= 0.85, table


def test_no_gesture_on_photos_of_people_without_one(table: dict) -> None:
    assert set(table[NO_GESTURE]) == {"none"}, table[NO_GESTURE]


def test_posters_are_read_and_have_no_campaign_sign() -> None:
    # A real poster photo goes through the whole analysis: text comes out with boxes.
    found = analyse_image((PHOTOS / POSTERS / "tfjs_street_signs.jpg").read_bytes())
    assert not found.error
    assert {"EVANS", "CYCLES"} <= {w.text for w in found.words}
    for word in found.words:
        assert 0 <= word.box.left < found.width and 0 <= word.box.top < found.height
    assert len(photos(POSTERS)) >= 5
