"""Normalise social-media Indonesian into space-separated tokens, keeping an offset map."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import pairwise

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
_WORD_PART = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_LEET = str.maketrans("013457", "oieast")
_NUMBER_PREFIXES = frozenset({"no", "nmr", "nomor", "nomer"})


class Normalized:
    """Normalised text plus the way back to the original's character offsets."""

    __slots__ = ("_ends", "_map", "_starts", "_words", "char_map", "original", "text")

    def __init__(
        self,
        words: list[str],
        starts: list[int],
        ends: list[int],
        original: str,
        char_map: OffsetMap,
    ) -> None:
        self.text = " ".join(words)
        self.original = original
        self.char_map = char_map
        self._words, self._starts, self._ends = words, starts, ends
        self._map: list[int] | None = None

    @property
    def words(self) -> list[str]:
        return self._words

    def _out_starts(self) -> list[int]:
        """Where each word starts in `text`; computed on first use, most posts never need it."""
        if self._map is None:
            out_starts = [0]
            for word in self._words[:-1]:
                out_starts.append(out_starts[-1] + len(word) + 1)
            self._map = out_starts
        return self._map

    def words_span(self, first: int, end: int) -> tuple[int, int]:
        """Original (start, end) of words [first, end) of the normalised text."""
        if end <= first or end > len(self._words):
            return (0, 0)
        fold_start, fold_end = self._starts[first], self._ends[end - 1]
        if fold_end <= fold_start:
            return (0, 0)
        return self.char_map.start_of(fold_start), self.char_map.end_of(fold_end - 1)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) for the normalised span [start, end)."""
        if end <= start or not self._words:
            return (0, 0)
        out_starts = self._out_starts()
        first = max(bisect_right(out_starts, start) - 1, 0)
        last = max(bisect_right(out_starts, end - 1) - 1, 0)
        fold_start = self._inside(first, start - out_starts[first], start=True)
        fold_end = self._inside(last, end - 1 - out_starts[last], start=False)
        if fold_end <= fold_start:
            return (0, 0)
        return self.char_map.start_of(fold_start), self.char_map.end_of(fold_end - 1)

    def _inside(self, index: int, offset: int, *, start: bool) -> int:
        """Folded-text position of a character inside word `index`.

        A word that kept its length maps character by character; a rewritten word
        ("yg" → "yang", "②" → "2") maps as a whole onto what it came from.
        """
        begin, finish = self._starts[index], self._ends[index]
        if len(self._words[index]) == finish - begin:
            offset = min(max(offset, 0), finish - begin - 1)
            return begin + offset if start else begin + offset + 1
        return begin if start else finish


class Normalizer:
    """Turns raw text into the lower-case token stream the spaCy pipeline reads."""

    def __init__(
        self, extra_words: Iterable[str] = (), slang_table: dict[str, str] | None = None
    ) -> None:
        # `slang_table` replaces the built-in one (used to measure alternatives).
        self._slang = slang() if slang_table is None else slang_table
        self._vocab = known_words() | {w.lower() for w in extra_words if w.isalpha()}
        self._word_cache: dict[str, tuple[str, ...]] = {}
        self._token_cache: dict[str, tuple[tuple[str, int, int], ...]] = {}

    def __call__(self, text: str) -> Normalized:
        folded, char_map = fold_text(text)
        words: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        cache = self._token_cache
        # Bound methods held locally: this loop runs once per token of every post.
        add_word, add_start, add_end = words.append, starts.append, ends.append
        for match in _TOKEN.finditer(folded):
            raw = match.group()
            parts = cache.get(raw)
            if parts is None:
                parts = self._token_parts(match.lastgroup or "other", raw)
                if len(cache) < 300_000:
                    cache[raw] = parts
            start = match.start()
            for word, rel_start, rel_end in parts:
                add_word(word)
                add_start(start + rel_start)
                add_end(start + rel_end)
        if "no" in words or "." in words:
            _number_prefixes(words, starts, ends)
        return Normalized(words, starts, ends, text, char_map)

    def _token_parts(self, kind: str, raw: str) -> tuple[tuple[str, int, int], ...]:
        """Normalised words of one raw token, each with its offsets inside the token."""
        if kind == "word":
            return tuple(
                (word, a, b) for part, a, b in self._split_word(raw, 0) for word in self._word(part)
            )
        if kind == "hashtag":
            body = self._split_hashtag(raw[1:], 1)
            return (("#", 0, 1), *((w, a, b) for part, a, b in body for w in self._word(part)))
        if kind == "spaced":
            # "c o b l o s n o m o r" → "coblosnomor" → cut into known words like a hashtag.
            letters = [i for i, ch in enumerate(raw) if ch.isalpha()]
            joined = "".join(raw[i] for i in letters).lower()
            cuts = segment(joined, self._vocab) if joined not in self._vocab else [(0, len(joined))]
            return tuple(
                (word, letters[a], letters[b - 1] + 1)
                for a, b in cuts
                for word in self._word(joined[a:b])
            )
        return ((raw if kind == "url" else raw.lower(), 0, len(raw)),)

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
        if "-" in raw and not has_digit and len(set(lower.split("-"))) > 1:
            # "Ujang-Euis" is two names; a reduplication like "anak-anak" stays one word.
            return [
                (m.group(), start + m.start(), start + m.end()) for m in _WORD_PART.finditer(raw)
            ]
        if lower in self._slang or not has_digit or raw.isdigit() or "_" in raw:
            return [(raw, start, start + len(raw))]
        inner = lower[1:-1]
        if lower[0].isalpha() and lower[-1].isalpha() and any(c.isdigit() for c in inner):
            return [(lower.translate(_LEET), start, start + len(raw))]
        return [
            (m.group(), start + m.start(), start + m.end()) for m in _LETTER_DIGIT.finditer(raw)
        ]

    def _split_hashtag(self, body: str, start: int) -> list[tuple[str, int, int]]:
        """CamelCase and digits split directly; one-case tags by dictionary segmentation."""
        parts = [(m.group(), start + m.start(), start + m.end()) for m in _CAMEL.finditer(body)]
        result: list[tuple[str, int, int]] = []
        one_case = body.islower() or body.isupper()  # CamelCase parts are words already
        for part, part_start, _ in parts:
            if one_case and part.isalpha() and len(part) >= 6 and part.lower() not in self._vocab:
                for word_start, word_end in segment(part.lower(), self._vocab):
                    result.append(
                        (part[word_start:word_end], part_start + word_start, part_start + word_end)
                    )
            else:
                result.append((part, part_start, part_start + len(part)))
        return result


def segment(word: str, vocab: frozenset[str] | set[str]) -> list[tuple[int, int]]:
    """Cut `word` into known words, preferring long ones; unknown letters stay grouped."""
    size = len(word)
    if size > 40:
        return [(0, size)]
    # best[i] = (score, cuts) for word[:i]; a known word of length n scores n*n.
    empty: list[int] = []
    best: list[tuple[int, list[int]]] = [(0, empty)] + [(-(10**9), empty)] * size
    for end in range(1, size + 1):
        for begin in range(max(0, end - 20), end):
            piece = word[begin:end]
            gain = len(piece) ** 2 if piece in vocab else -len(piece) * 2
            score = best[begin][0] + gain
            if score > best[end][0]:
                best[end] = (score, [*best[begin][1], begin])
    cuts = [*best[size][1], size]
    spans = list(pairwise(cuts))
    return _merge_unknown(word, spans, vocab)


def _merge_unknown(
    word: str, spans: list[tuple[int, int]], vocab: frozenset[str] | set[str]
) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for begin, end in spans:
        if (
            merged
            and word[begin:end] not in vocab
            and word[merged[-1][0] : merged[-1][1]] not in vocab
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((begin, end))
    return merged


def _number_prefixes(words: list[str], starts: list[int], ends: list[int]) -> None:
    """ "no 2", "no. 2", "nomor. 2" → "nomor 2"; other "no" and "." stay as they are."""
    index = 0
    while index < len(words) - 1:
        if words[index] in _NUMBER_PREFIXES:
            after = index + 2 if words[index + 1] == "." else index + 1
            if after < len(words) and (words[after].isdigit() or words[after] == "urut"):
                words[index] = "nomor"
                if after == index + 2:
                    del words[index + 1], starts[index + 1], ends[index + 1]
        index += 1
