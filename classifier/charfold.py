"""Character-level folding (NFKC, invisible characters, homoglyphs) with an offset map."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

# Cyrillic and Greek letters that look like Latin ones: used to dodge keyword filters.
HOMOGLYPHS = dict(
    zip(
        "аеорсхуіјѕԁһкмтвнАВЕКМНОРСТХІЈЅαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧɑ",
        "aeopcxyijsdhkmtbhABEKMHOPCTXIJSabeikvoptuxABEZHIKMNOPTYXa",
        strict=True,
    )
)
_DROP_CATEGORIES = frozenset({"Cf", "Cs", "Co", "Cn", "Mn", "Me"})
_SKIN_TONES = frozenset(chr(c) for c in range(0x1F3FB, 0x1F400))


@dataclass(frozen=True)
class OffsetMap:
    """Maps positions in a derived string back to spans of its source string.

    Each piece says: output from `out_start` on came from source[src_start:src_end]; an
    identity piece maps character by character, any other piece maps as a whole.
    """

    out_starts: tuple[int, ...]
    pieces: tuple[tuple[int, int, bool], ...]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls((0,), ((0, length, True),))

    def _piece(self, pos: int) -> tuple[int, int, int, bool]:
        index = max(bisect_right(self.out_starts, pos) - 1, 0)
        return (self.out_starts[index], *self.pieces[index])

    def start_of(self, pos: int) -> int:
        """Source index where the output character at `pos` begins."""
        out_start, src_start, src_end, same = self._piece(pos)
        return min(src_start + (pos - out_start), src_end) if same else src_start

    def end_of(self, pos: int) -> int:
        """Source index just after the output character at `pos`."""
        out_start, src_start, src_end, same = self._piece(pos)
        return min(src_start + (pos - out_start) + 1, src_end) if same else src_end


def fold_char(ch: str) -> str:
    """What one non-ASCII character becomes: "" to drop it, else its plain form."""
    if ch in HOMOGLYPHS:
        return HOMOGLYPHS[ch]
    if ch in _SKIN_TONES or unicodedata.category(ch) in _DROP_CATEGORIES:
        return ""
    if unicodedata.category(ch) in ("Cc", "Zs", "Zl", "Zp"):
        return " "
    plain = unicodedata.normalize("NFKC", ch)
    if not plain.isascii() and plain.isalpha():
        # "ö" → "o": strip accents when what is left is plain Latin.
        bare = "".join(
            c for c in unicodedata.normalize("NFD", plain) if not unicodedata.combining(c)
        )
        if bare.isascii():
            return bare
    return "".join(HOMOGLYPHS.get(c, c) for c in plain)


_FOLD_CACHE: dict[str, str] = {}


def fold_text(text: str) -> tuple[str, OffsetMap]:
    """Fold every character of `text`; ASCII text passes through untouched."""
    if text.isascii():
        return text, OffsetMap.identity(len(text))
    out: list[str] = []
    out_starts: list[int] = []
    pieces: list[tuple[int, int, bool]] = []
    out_len = 0
    run_start = -1
    for index, ch in enumerate(text):
        if ch.isascii():
            if run_start < 0:
                run_start = index
            continue
        if run_start >= 0:
            out.append(text[run_start:index])
            out_starts.append(out_len)
            pieces.append((run_start, index, True))
            out_len += index - run_start
            run_start = -1
        folded = _FOLD_CACHE.get(ch)
        if folded is None:
            folded = fold_char(ch)
            if len(_FOLD_CACHE) < 20_000:  # bounded: hostile text may use every code point
                _FOLD_CACHE[ch] = folded
        if folded:
            out.append(folded)
            out_starts.append(out_len)
            pieces.append((index, index + 1, len(folded) == 1))
            out_len += len(folded)
    if run_start >= 0:
        out.append(text[run_start:])
        out_starts.append(out_len)
        pieces.append((run_start, len(text), True))
    if not pieces:
        return "", OffsetMap.identity(0)
    return "".join(out), OffsetMap(tuple(out_starts), tuple(pieces))
