"""PhraseTable gives exactly what a spaCy PhraseMatcher with the same patterns gives."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from classifier.phrases import PhraseTable
from classifier.pipeline import build_nlp

# Overlapping phrases, a phrase inside a longer one, and one phrase under several labels
# (a nickname that is also a party's name): the case whose label order must be copied.
PATTERNS = {
    "candidate:0": ["mas joko", "joko", "joko tingkir"],
    "party:1": ["joko", "partai maju", "maju"],
    "slogan:2": ["maju terus pantang mundur", "maju terus"],
    "candidate:3": ["joko", "mundur"],
}
VOCABULARY = ["mas", "joko", "tingkir", "partai", "maju", "terus", "pantang", "mundur", "ya"]


@pytest.mark.parametrize("attr", ["LOWER", "LEMMA"])
def test_same_matches_in_the_same_order_as_the_phrase_matcher(attr: str) -> None:
    nlp = build_nlp()
    table = PhraseTable(nlp.vocab, attr)  # type: ignore[arg-type]
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    for label, texts in PATTERNS.items():
        docs = [Doc(nlp.vocab, words=t.split(), lemmas=t.split()) for t in texts]
        table.add(label, docs)
        matcher.add(label, docs)
    rng = random.Random(3)
    strings = nlp.vocab.strings
    multi_label = 0
    for size in [0, 1, 2, 5, 30, 30, 30]:
        words = [rng.choice(VOCABULARY) for _ in range(size)]
        expected = [(strings[m], s, e) for m, s, e in matcher(Doc(nlp.vocab, words, lemmas=words))]
        assert table.find(words) == expected
        spans = Counter((s, e) for _, s, e in expected)
        multi_label += sum(1 for count in spans.values() if count > 1)
    assert multi_label  # the samples did exercise one phrase under several labels
