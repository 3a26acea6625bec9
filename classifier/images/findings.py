"""What image analysis says about one picture: plain data, JSON-ready.

Boxes are in the image's own pixels (after EXIF rotation), (left, top, width, height).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ANALYSER_VERSION = "images-1"  # bump when the findings for the same bytes would change


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int

    def to_list(self) -> list[int]:
        return [self.left, self.top, self.width, self.height]


@dataclass(frozen=True)
class Hand:
    """One detected hand and the sign it makes."""

    category: str  # see geometry.Category
    confidence: float
    box: Box
    extended: tuple[str, ...] = ()
    number: int | None = None  # 1, 2 or 3 when the sign shows a number


@dataclass(frozen=True)
class Word:
    """One word Tesseract read, with its box and its confidence (0..1)."""

    text: str
    confidence: float
    box: Box
    line: int = 0  # words with the same line number were read on one line


@dataclass
class ImageFindings:
    """Everything found in one image."""

    sha256: str
    width: int = 0
    height: int = 0
    hands: list[Hand] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    error: str = ""  # why the image could not be analysed ("" when it was)
    version: str = ANALYSER_VERSION

    @property
    def text(self) -> str:
        """The recognised text, one line per Tesseract line."""
        lines: dict[int, list[str]] = {}
        for word in self.words:
            lines.setdefault(word.line, []).append(word.text)
        return "\n".join(" ".join(ws) for _, ws in sorted(lines.items()))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImageFindings:
        return cls(
            sha256=data["sha256"],
            width=int(data.get("width", 0)),
            height=int(data.get("height", 0)),
            hands=[
                Hand(
                    category=h["category"],
                    confidence=float(h["confidence"]),
                    box=Box(**h["box"]),
                    extended=tuple(h.get("extended", ())),
                    number=h.get("number"),
                )
                for h in data.get("hands", [])
            ],
            words=[
                Word(
                    text=w["text"],
                    confidence=float(w["confidence"]),
                    box=Box(**w["box"]),
                    line=int(w.get("line", 0)),
                )
                for w in data.get("words", [])
            ],
            error=data.get("error", ""),
            version=data.get("version", ANALYSER_VERSION),
        )
