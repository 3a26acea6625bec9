"""Post text with the classifier's matched spans marked, built from escaped pieces only.

Post text is written by strangers. The text is cut at the match offsets first, every
piece is escaped, and only then are <mark> tags put around the escaped pieces; the tag
attributes come from a fixed table, never from the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

KIND_LABELS = {
    "candidate": "Calon",
    "party": "Partai",
    "number": "Nomor urut",
    "vote_call": "Ajakan memilih",
    "gesture": "Gestur dukungan",
    "hashtag": "Tagar",
    "slogan": "Slogan",
    "reporting": "Pemberitaan",
    "civic": "Ajakan umum",
}

HASHTAG = re.compile(r"#\w+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


def clean_spans(matches: Iterable[Any], length: int, text: str | None = None) -> list[Span]:
    """Valid, known, non-overlapping spans in text order; anything else is dropped. Given
    the text, a span never ends or starts inside a hashtag: it grows to the whole tag."""
    spans = []
    for match in matches:
        if not isinstance(match, dict):
            continue
        start, end, kind = match.get("start"), match.get("end"), match.get("kind")
        if not (isinstance(start, int) and isinstance(end, int)) or kind not in KIND_LABELS:
            continue
        # Offsets outside the text mean they were computed on another text: drop them.
        if 0 <= start < end <= length:
            spans.append(Span(start, end, kind))
    if text is not None:
        tags = [(m.start(), m.end()) for m in HASHTAG.finditer(text)]
        spans = [_whole_hashtags(span, tags) for span in spans]
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in spans:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def _whole_hashtags(span: Span, tags: list[tuple[int, int]]) -> Span:
    start, end = span.start, span.end
    for lo, hi in tags:
        if lo < start < hi:
            start = lo
        if lo < end < hi:
            end = hi
    return Span(start, end, span.kind)


def highlight(text: str, matches: Iterable[Any] | None) -> Markup:
    """The text, escaped, with <mark class="m-KIND"> around each matched span."""
    pieces: list[str] = []
    cursor = 0
    for span in clean_spans(matches or [], len(text), text):
        pieces.append(escape(text[cursor : span.start]))
        label = KIND_LABELS[span.kind]
        pieces.append(
            Markup('<mark class="m-{}" title="{}">{}</mark>').format(
                span.kind, label, text[span.start : span.end]
            )
        )
        cursor = span.end
    pieces.append(escape(text[cursor:]))
    return Markup("").join(pieces)
