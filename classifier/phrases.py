"""Phrase matching over plain token lists, with exactly a spaCy PhraseMatcher's results."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

Attr = Literal["LOWER", "LEMMA"]


class PhraseTable:
    """A PhraseMatcher that matches lists of strings instead of Docs.

    Scoring used to build a spaCy Doc per post just to run phrase matchers on it, and the
    Doc cost more than all the matching. Here a post's lower-cased words (or lemmas) are
    looked up directly. Results come in the PhraseMatcher's order: by start, then by
    length, and the labels of one phrase in the order the PhraseMatcher reports them,
    which is read from a real PhraseMatcher holding the same patterns.
    """

    def __init__(self, vocab: Vocab, attr: Attr) -> None:
        self._vocab = vocab
        self._attr = attr
        self._matcher = PhraseMatcher(vocab, attr=attr)
        self._labels: dict[tuple[str, ...], list[str]] = {}
        # First token → (phrase, its labels), shortest phrase first.
        self._by_first: dict[str, list[tuple[tuple[str, ...], list[str]]]] = {}
        self._unordered: set[tuple[str, ...]] = set()

    def add(self, label: str, docs: Iterable[Doc]) -> None:
        docs = list(docs)
        self._matcher.add(label, docs)
        for doc in docs:
            if not len(doc):
                continue  # the PhraseMatcher skips empty patterns too
            key = tuple(t.lower_ if self._attr == "LOWER" else t.lemma_ for t in doc)
            labels = self._labels.get(key)
            if labels is None:
                labels = self._labels[key] = []
                entries = self._by_first.setdefault(key[0], [])
                entries.append((key, labels))
                entries.sort(key=lambda entry: len(entry[0]))
            if label not in labels:
                labels.append(label)
                if len(labels) > 1:
                    self._unordered.add(key)

    def _order_labels(self) -> None:
        """Several labels on one phrase: take the PhraseMatcher's own order for them."""
        strings = self._vocab.strings
        for key in self._unordered:
            words = list(key)
            doc = Doc(self._vocab, words=words, lemmas=words if self._attr == "LEMMA" else None)
            order = [strings[m] for m, s, e in self._matcher(doc) if (s, e) == (0, len(key))]
            labels = self._labels[key]
            if sorted(order) != sorted(labels):
                raise RuntimeError(f"phrase {key!r}: matcher labels {order} != {labels}")
            labels[:] = order
        self._unordered.clear()

    def find(self, tokens: list[str]) -> list[tuple[str, int, int]]:
        """(label, start, end) of every phrase in `tokens` (lower-cased words or lemmas)."""
        if self._unordered:
            self._order_labels()
        by_first = self._by_first
        if by_first.keys().isdisjoint(tokens):
            return []
        found: list[tuple[str, int, int]] = []
        size = len(tokens)
        for start, token in enumerate(tokens):
            entries = by_first.get(token)
            if entries is None:
                continue
            for key, labels in entries:
                end = start + len(key)
                if end <= size and (end == start + 1 or tuple(tokens[start:end]) == key):
                    found.extend((label, start, end) for label in labels)
        return found
