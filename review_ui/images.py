"""The item page's images: each stored picture with its hands boxed and labelled, and the
text read in it with the words that matched highlighted (template items/_images.html)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from classifier.images.geometry import NUMBER
from pantau.images import post_images
from review_ui.labels import HAND_LABELS

CAMPAIGN_SIGNS = frozenset(NUMBER)  # the signs that show a pair's number
_WORD = re.compile(r"[\w#]+", re.UNICODE)


@dataclass(frozen=True)
class HandBox:
    label: str
    sign: bool  # a number sign (what NTR-06 is about), not just a hand
    left: int  # image pixels: the page draws boxes in an SVG with the image's viewBox
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class ReadWord:
    text: str
    matched: bool


@dataclass
class ImagePanel:
    evidence_id: int
    sha256: str
    analysed: bool
    width: int = 0
    height: int = 0
    error: str = ""
    hands: list[HandBox] = field(default_factory=list)
    lines: list[list[ReadWord]] = field(default_factory=list)

    @property
    def has_sign(self) -> bool:
        return any(h.sign for h in self.hands)


def _matched_words(matches: list[dict[str, Any]]) -> set[str]:
    """Words of the matches that came from images (offsets -1: not in the post text)."""
    words: set[str] = set()
    for match in matches:
        if isinstance(match, dict) and match.get("start") == -1 and match.get("kind") != "gesture":
            words |= {w.lower() for w in _WORD.findall(str(match.get("text") or ""))}
    return words


def _hand(hand: dict[str, Any], width: int, height: int) -> HandBox | None:
    category = str(hand.get("category"))
    if category not in HAND_LABELS or width <= 0 or height <= 0:
        return None
    box = hand.get("box") or {}
    return HandBox(
        label=f"{HAND_LABELS[category]}, {float(hand.get('confidence', 0)):.2f}",
        sign=category in CAMPAIGN_SIGNS,
        left=int(box.get("left", 0)),
        top=int(box.get("top", 0)),
        width=int(box.get("width", 0)),
        height=int(box.get("height", 0)),
    )


def panels(db: Session, post_id: int, matches: list[dict[str, Any]] | None) -> list[ImagePanel]:
    matched = _matched_words(matches or [])
    out = []
    for stored in post_images(db, post_id):
        found = stored.findings
        panel = ImagePanel(stored.evidence.id, stored.evidence.sha256, analysed=found is not None)
        if found is not None:
            width, height = int(found.get("width", 0)), int(found.get("height", 0))
            panel.width, panel.height = width, height
            panel.error = str(found.get("error") or "")
            panel.hands = [b for h in found.get("hands", []) if (b := _hand(h, width, height))]
            lines: dict[int, list[ReadWord]] = {}
            for word in found.get("words", []):
                text = str(word.get("text", ""))
                hit = any(w.lower() in matched for w in _WORD.findall(text))
                lines.setdefault(int(word.get("line", 0)), []).append(ReadWord(text, hit))
            panel.lines = [ws for _, ws in sorted(lines.items())]
        out.append(panel)
    return out
