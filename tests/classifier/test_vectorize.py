"""The fast word n-gram transform gives exactly the fitted vectorizer's own matrix."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from classifier import seed_examples
from classifier.vectorize import WordNgramTransform

_TEXTS = [e.text for e in seed_examples()[:400]]
_VECTORIZER = TfidfVectorizer(
    token_pattern=r"\S+", ngram_range=(1, 2), min_df=2, sublinear_tf=True, dtype=np.float32
).fit(_TEXTS)
_WORDS = sorted(_VECTORIZER.vocabulary_)[:40]


def _assert_same(texts: list[str]) -> None:
    fast = WordNgramTransform(_VECTORIZER).transform(texts)
    slow = _VECTORIZER.transform(texts)
    assert fast.dtype == slow.dtype and type(fast) is type(slow)
    for attr in ("indptr", "indices", "data"):
        np.testing.assert_array_equal(getattr(fast, attr), getattr(slow, attr))


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(_WORDS) | st.text(alphabet="aAbK_#2 \t\u00a0\u2003", max_size=6),
            max_size=12,
        ).map(" ".join),
        min_size=1,
        max_size=6,
    )
)
def test_fast_word_transform_equals_sklearn(texts: list[str]) -> None:
    _assert_same(texts)


def test_fast_word_transform_on_posts() -> None:
    _assert_same(_TEXTS)


def test_other_word_vectorizers_are_refused() -> None:
    other = TfidfVectorizer(ngram_range=(1, 3)).fit(_TEXTS[:50])
    assert not WordNgramTransform.handles(other)
    with pytest.raises(ValueError, match="WordNgramTransform"):
        WordNgramTransform(other)
