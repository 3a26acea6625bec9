"""Normalise social-media Indonesian into space-separated tokens, keeping an offset map."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from classifier.charfold import OffsetMap, fold_text
from classifier.lexicon import NUMBER_WORDS, known_words, slang

_TOKEN = re.compile(
    r"(?P<url>(?:https?://|www\.)\S+)"
    r"|(?P<mention>@\w+)"
    r"|(?P<hashtag>#\w+)"
    # "c o b l o s", "c.o.b.l.o.s", "p-i-l-i-h": single letters joined by one separator.
    r"|(?P<spaced>(?<!\w)(?:[^\W\d_][ .\-*_]){3,}[^\W\d_](?!\w))"
    r"|(?P<word>\w+(?:['\-]\w+)*)"
    r"|(?P<other>\S)"
)
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\W\d_]+")
_ELONGATED = re.compile(r"([^\W\d])\1{2,}")
_LETTER_DIGIT = re.compile(r"\d+|[^\W\d_]+")
_LEET = str.maketrans("013457", "oieast")
_NUMBER_PREFIXES = frozenset({"no", "nmr", "nomor", "nomer"})


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus the way back to the original's character offsets."""

    text: str
    original: str
    token_map: OffsetMap
    char_map: OffsetMap

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) for the normalised span [start, end)."""
        if end <= start or not self.text:
            return (0, 0)
        fold_start = self.token_map.start_of(start)
        fold_end = self.token_map.end_of(end - 1)
        if fold_end <= fold_start:
            return (0, 0)
        return self.char_map.start_of(fold_start), self.char_map.end_of(fold_end - 1)


class Normalizer:
    """Turns raw text into the lower-case token stream the spaCy pipeline reads."""

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        self._slang = slang()
        self._vocab = known_words() | {w.lower() for w in extra_words if w.isalpha()}
        self._word_cache: dict[str, tuple[str, ...]] = {}

    def __call__(self, text: str) -> Normalized:
        folded, char_map = fold_text(text)
        out: list[str] = []
        out_starts: list[int] = []
        pieces: list[tuple[int, int, bool]] = []
        length = 0

        def emit(word: str, start: int, end: int) -> None:
            nonlocal length
            if out:
                length += 1
            out.append(word)
            out_starts.append(length)
            pieces.append((start, end, len(word) == end - start))
            length += len(word)

        tokens = [(m.lastgroup or "other", m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]
        for index, (kind, raw, start, end) in enumerate(tokens):
            if kind == "word":
                lower = raw.lower()
                if lower in _NUMBER_PREFIXES and _next_is_number(tokens, index):
                    emit("nomor", start, end)
                    continue
                for part, part_start, part_end in self._split_word(raw, start):
                    for word in self._word(part):
                        emit(word, part_start, part_end)
            elif kind == "hashtag":
                emit("#", start, start + 1)
                for part, part_start, part_end in self._split_hashtag(raw[1:], start + 1):
                    for word in self._word(part):
                        emit(word, part_start, part_end)
            elif kind == "spaced":
                joined = "".join(ch for ch in raw if ch.isalpha())
                for word in self._word(joined):
                    emit(word, start, end)
            elif kind == "other" and raw == "." and _is_number_dot(tokens, index):
                continue  # the "." of "no. 2"
            else:
                emit(raw.lower() if kind != "url" else raw, start, end)
        if not out_starts:
            return Normalized("", text, OffsetMap.identity(0), char_map)
        token_map = OffsetMap(tuple(out_starts), tuple(pieces), len(folded))
        return Normalized(" ".join(out), text, token_map, char_map)

    def _word(self, raw: str) -> tuple[str, ...]:
        """One word → its normalised word(s); cached because vocabularies repeat."""
        cached = self._word_cache.get(raw)
        if cached is None:
            cached = self._normalise_word(raw.lower())
            if len(self._word_cache) < 200_000:
                self._word_cache[raw] = cached
        return cached

    def _normalise_word(self, word: str) -> tuple[str, ...]:
        if word in self._slang:
            return tuple(self._slang[word].split())
        if word in NUMBER_WORDS:
            return (NUMBER_WORDS[word],)
        if word.isascii() and word.isdigit():
            # "02" and "2" are the same number; long digit runs (phone, NIP) stay as they are.
            return (str(int(word)),) if len(word) <= 4 else (word,)
        squeezed = _ELONGATED.sub(r"\1", word)
        if squeezed != word:
            return self._normalise_word(squeezed)
        return (word,)

    def _split_word(self, raw: str, start: int) -> list[tuple[str, int, int]]:
        """Split "nomor2" into "nomor", "2"; fold leetspeak like "c0bl0s" first."""
        lower = raw.lower()
        has_digit = any(c.isdigit() for c in raw)
        if lower in self._slang or not has_digit or raw.isdigit() or "_" in raw:
            return [(raw, start, start + len(raw))]
        inner = lower[1:-1]
        if lower[0].isalpha() and lower[-1].isalpha() and any(c.isdigit() for c in inner):
            return [(lower.translate(_LEET), start, start + len(raw))]
        return [(m.group(), start + m.start(), start + m.end()) for m in _LETTER_DIGIT.finditer(raw)]

    def _split_hashtag(self, body: str, start: int) -> list[tuple[str, int, int]]:
        """CamelCase and digits split directly; one-case tags by dictionary segmentation."""
        parts = [(m.group(), start + m.start(), start + m.end()) for m in _CAMEL.finditer(body)]
        result: list[tuple[str, int, int]] = []
        for part, part_start, _ in parts:
            if part.isalpha() and len(part) >= 6 and part.lower() not in self._vocab:
                for word_start, word_end in segment(part.lower(), self._vocab):
                    result.append((part[word_start:word_end], part_start + word_start, part_start + word_end))
            else:
                result.append((part, part_start, part_start + len(part)))
        return result


def segment(word: str, vocab: frozenset[str] | set[str]) -> list[tuple[int, int]]:
    """Cut `word` into known words, preferring long ones; unknown letters stay grouped."""
    size = len(word)
    if size > 40:
        return [(0, size)]
    # best[i] = (score, cuts) for word[:i]; a known word of length n scores n*n.
    best: list[tuple[int, list[int]]] = [(0, [])] + [(-(10**9), [])] * size
    for end in range(1, size + 1):
        for begin in range(max(0, end - 20), end):
            piece = word[begin:end]
            gain = len(piece) ** 2 if piece in vocab else -len(piece) * 2
            score = best[begin][0] + gain
            if score > best[end][0]:
                best[end] = (score, [*best[begin][1], begin])
    cuts = [*best[size][1], size]
    spans = list(zip(cuts, cuts[1:], strict=False))
    return _merge_unknown(word, spans, vocab)


def _merge_unknown(word: str, spans: list[tuple[int, int]], vocab: frozenset[str] | set[str]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for begin, end in spans:
        if merged and word[begin:end] not in vocab and word[merged[-1][0] : merged[-1][1]] not in vocab:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((begin, end))
    return merged


def _next_is_number(tokens: list[tuple[str, str, int, int]], index: int) -> bool:
    for kind, raw, _, _ in tokens[index + 1 : index + 3]:
        if raw == ".":
            continue
        return kind == "word" and (raw.isdigit() or raw.lower() in NUMBER_WORDS or raw == "urut")
    return False


def _is_number_dot(tokens: list[tuple[str, str, int, int]], index: int) -> bool:
    before = tokens[index - 1][1].lower() if index > 0 else ""
    return before in _NUMBER_PREFIXES and _next_is_number(tokens, index - 1)
