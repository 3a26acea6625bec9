"""The seed corpus, its splits, and the fast char n-gram transform."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from classifier import Registry, seed_examples
from classifier.corpus import SEED_PATH, split
from classifier.vectorize import CharNgramTransform


def test_seed_corpus_is_large_balanced_and_complete() -> None:
    rows = [json.loads(line) for line in SEED_PATH.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 2000
    labels = Counter(row["partisan"] for row in rows)
    assert 0.4 <= labels[1] / len(rows) <= 0.6
    assert len({row["id"] for row in rows}) == len(rows)
    assert len({row["text"] for row in rows}) == len(rows)
    for row in rows:
        assert row["stance"] in {"support", "attack", "none"}
        assert (row["stance"] == "none") == (row["partisan"] == 0)
        assert row["phrasing_group"]
    assert len({row["phrasing_group"] for row in rows}) >= 40


def test_seed_corpus_is_what_its_generator_writes() -> None:
    """The corpus is generated deterministically from the phrasing modules beside it."""
    spec = importlib.util.spec_from_file_location("build_seed", SEED_PATH.parent / "build_seed.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    lines = [json.dumps(row, ensure_ascii=False) for row in module.build()]
    assert lines == SEED_PATH.read_text(encoding="utf-8").splitlines()


def test_seed_corpus_names_the_demo_candidates(registry: Registry) -> None:
    text = " ".join(e.text.lower() for e in seed_examples())
    for candidate in registry.candidates:
        if candidate.contest_code.startswith(("PILWALKOT-3578", "PILGUB-35", "PILWALKOT-3273")):
            assert any(n.lower() in text for n in candidate.nicknames), candidate.entity


def test_splits_are_disjoint() -> None:
    examples = seed_examples()
    a, b, c = split(examples, seed=3)
    assert len(a) + len(b) + len(c) == len(examples)
    assert not {e.id for e in a} & {e.id for e in c}


_TEXTS = [e.text.lower() for e in seed_examples()[:400]]
_VECTORIZER = TfidfVectorizer(
    analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True, dtype=np.float32
).fit(_TEXTS)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(alphabet="abcdeklmnorstu #2😀 ", max_size=60), min_size=1, max_size=8))
def test_fast_char_transform_equals_sklearn(texts: list[str]) -> None:
    fast = CharNgramTransform(_VECTORIZER).transform(texts).toarray()
    slow = _VECTORIZER.transform(texts).toarray()
    np.testing.assert_allclose(fast, slow, rtol=1e-5, atol=1e-6)


def test_fast_char_transform_on_real_posts() -> None:
    fast = CharNgramTransform(_VECTORIZER).transform(_TEXTS[:200])
    np.testing.assert_allclose(
        fast.toarray(), _VECTORIZER.transform(_TEXTS[:200]).toarray(), atol=1e-6
    )
