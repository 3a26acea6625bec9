"""A fast, exact replacement for a fitted char_wb TfidfVectorizer's transform."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

_CACHE_LIMIT = 500_000


class CharNgramTransform:
    """Reproduces `vectorizer.transform` for analyzer="char_wb", caching n-grams per word.

    char_wb n-grams never cross a space, so a text's n-grams are the concatenation of its
    words' n-grams. Words repeat far more than texts do, so looking up each word's column
    indices once replaces most of the per-n-gram Python work of the stock transform.
    """

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        if vectorizer.analyzer != "char_wb":
            raise ValueError("CharNgramTransform needs a char_wb vectorizer")
        self._analyzer = vectorizer.build_analyzer()
        self._vocabulary: dict[str, int] = vectorizer.vocabulary_
        self._idf = np.asarray(vectorizer.idf_, dtype=np.float64)
        self._sublinear = bool(vectorizer.sublinear_tf)
        self._norm = vectorizer.norm
        self._dtype = vectorizer.dtype
        self._columns: dict[str, list[int]] = {}

    def _word_columns(self, word: str) -> list[int]:
        columns = self._columns.get(word)
        if columns is None:
            vocabulary = self._vocabulary
            columns = [vocabulary[g] for g in self._analyzer(word) if g in vocabulary]
            if len(self._columns) < _CACHE_LIMIT:
                self._columns[word] = columns
        return columns

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        indptr = [0]
        indices: list[int] = []
        known = self._columns.get
        for text in texts:
            for word in text.split():
                indices.extend(known(word) or self._word_columns(word))
            indptr.append(len(indices))
        shape = (len(texts), len(self._vocabulary))
        data = np.ones(len(indices), dtype=np.float64)
        matrix = sp.csr_matrix((data, np.asarray(indices, dtype=np.int32), indptr), shape=shape)
        matrix.sum_duplicates()
        if self._sublinear:
            np.log(matrix.data, out=matrix.data)
            matrix.data += 1
        matrix.data *= self._idf[matrix.indices]
        if self._norm and matrix.shape[0]:
            matrix = normalize(matrix, norm=self._norm, copy=False)
        return matrix.astype(self._dtype)


class WordNgramTransform:
    """Reproduces `vectorizer.transform` for a word vectorizer splitting on whitespace
    (token_pattern \\S+) into unigrams and bigrams.

    The counts are built with plain dict lookups instead of the stock analyzer chain
    (regex tokenizer, n-gram generator, per-document counter), then weighted by the
    vectorizer's own tf-idf step, so the result is the stock one.
    """

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        if not self.handles(vectorizer):
            raise ValueError("WordNgramTransform needs a lower-casing \\S+ (1, 2) vectorizer")
        self._vectorizer = vectorizer
        self._vocabulary: dict[str, int] = vectorizer.vocabulary_

    @staticmethod
    def handles(vectorizer: TfidfVectorizer) -> bool:
        """Whether this transform reproduces `vectorizer` (else use its own transform)."""
        v = vectorizer
        return (
            v.analyzer == "word"
            and v.token_pattern == r"\S+"
            and tuple(v.ngram_range) == (1, 2)
            and v.lowercase
            and v.preprocessor is None
            and v.tokenizer is None
            and v.stop_words is None
            and v.strip_accents is None
            and not v.binary
            and v.input == "content"
        )

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        column = self._vocabulary.get
        indptr = [0]
        indices: list[int] = []
        for text in texts:
            # str.split() and the regex \S+ split on the same (Unicode) whitespace.
            tokens = text.lower().split()
            grams = tokens + [f"{a} {b}" for a, b in pairwise(tokens)]
            indices.extend([c for c in map(column, grams) if c is not None])
            indptr.append(len(indices))
        # As CountVectorizer: counts in the vectorizer's dtype, indices sorted.
        data = np.ones(len(indices), dtype=self._vectorizer.dtype)
        shape = (len(texts), len(self._vocabulary))
        counts = sp.csr_matrix((data, np.asarray(indices, dtype=np.int32), indptr), shape=shape)
        counts.sum_duplicates()
        return self._vectorizer._tfidf.transform(counts, copy=False)
