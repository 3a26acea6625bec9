"""The partisan model: fitted scikit-learn parts, thresholds and metadata, stored with skops."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
import skops.io as sio
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from classifier.features import FEATURE_NAMES
from classifier.vectorize import CharNgramTransform, WordNgramTransform

# Only these modules may appear in an artifact; anything else is refused on load.
_TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "builtins.")
MATCH_FEATURE_SCALE = 3.0  # matcher features are few and binary: give them room against n-grams


@dataclass
class PartisanModel:
    """Vectorisers, the calibrated classifier and the stance model, plus what they need."""

    word: TfidfVectorizer
    char: TfidfVectorizer
    clf: LogisticRegression  # calibrated; see classifier.fitting
    stance: LogisticRegression | None = None
    thresholds: dict[str, float] = field(default_factory=lambda: {"partisan": 0.5, "asn": 0.5})
    metadata: dict[str, Any] = field(default_factory=dict)
    _fast_char: CharNgramTransform | None = field(default=None, init=False, repr=False)
    _fast_word: WordNgramTransform | None = field(default=None, init=False, repr=False)
    _coef: np.ndarray | None = field(default=None, init=False, repr=False)
    _names: np.ndarray | None = field(default=None, init=False, repr=False)

    @property
    def version(self) -> str:
        return str(self.metadata.get("version", "unversioned"))

    def matrix(self, texts: Sequence[str], vectors: Sequence[Sequence[float]]) -> sp.csr_matrix:
        values = np.asarray(vectors, dtype=np.float64).reshape(len(texts), -1)
        extra = sp.csr_matrix(values)
        if self._fast_char is None:
            self._fast_char = CharNgramTransform(self.char)
            if WordNgramTransform.handles(self.word):
                self._fast_word = WordNgramTransform(self.word)
        chars = self._fast_char.transform(texts)
        words = self._fast_word.transform(texts) if self._fast_word else self.word.transform(texts)
        blocks = [words, chars, extra * MATCH_FEATURE_SCALE]
        return sp.hstack(blocks, format="csr")

    def partisan_proba(self, matrix: sp.csr_matrix) -> np.ndarray:
        return self.clf.predict_proba(matrix)[:, 1]

    def attack_proba(self, matrix: sp.csr_matrix) -> np.ndarray | None:
        if self.stance is None:
            return None
        column = list(self.stance.classes_).index("attack")
        return self.stance.predict_proba(matrix)[:, column]

    def coefficients(self) -> np.ndarray:
        """The linear weights behind the score (calibration is folded into them)."""
        if self._coef is None:
            self._coef = np.ravel(self.clf.coef_)
        return self._coef

    def feature_names(self) -> np.ndarray:
        if self._names is None:
            words = [f"w:{n}" for n in self.word.get_feature_names_out()]
            chars = [f"c:{n}" for n in self.char.get_feature_names_out()]
            matchers = list(FEATURE_NAMES)
            self._names = np.asarray(words + chars + matchers, dtype=object)
        return self._names

    def save(self, path: str | Path) -> Path:
        """Write `path` (skops) and the metadata beside it as `path` with a .json suffix."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        parts = {"clf": self.clf, "stance": self.stance}
        for name in ("word", "char"):
            parts[name], parts[f"{name}_terms"] = _pack(getattr(self, name))
        sio.dump(parts, path, compression=8)
        meta = {**self.metadata, "thresholds": self.thresholds}
        metadata_path(path).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")
        return path

    @classmethod
    def load(cls, path: str | Path) -> PartisanModel:
        path = Path(path)
        untrusted = sio.get_untrusted_types(file=path)
        refused = [t for t in untrusted if not t.startswith(_TRUSTED_PREFIXES)]
        if refused:
            raise ValueError(f"refusing to load {path}: unexpected types {refused}")
        parts = sio.load(path, trusted=untrusted)
        meta = json.loads(metadata_path(path).read_text())
        thresholds = {k: float(v) for k, v in meta.pop("thresholds", {}).items()}
        return cls(
            word=_unpack(parts["word"], parts["word_terms"]),
            char=_unpack(parts["char"], parts["char_terms"]),
            clf=parts["clf"],
            stance=parts.get("stance"),
            thresholds={"partisan": 0.5, "asn": 0.5, **thresholds},
            metadata=meta,
        )


def _pack(vectorizer: TfidfVectorizer) -> tuple[TfidfVectorizer, np.ndarray]:
    """Split off the vocabulary as one string array: skops stores a dict entry by entry,
    which made a 50k-term vocabulary take a minute to load; an array loads at once."""
    packed = copy.copy(vectorizer)
    terms = np.empty(len(vectorizer.vocabulary_), dtype=object)
    for term, column in vectorizer.vocabulary_.items():
        terms[column] = term
    packed.vocabulary_ = {}
    # The terms cut by min_df/max_features: only for introspection, and most of the size.
    packed.stop_words_ = None
    return packed, terms.astype(str)


def _unpack(vectorizer: TfidfVectorizer, terms: np.ndarray) -> TfidfVectorizer:
    vectorizer.vocabulary_ = {str(term): column for column, term in enumerate(terms.tolist())}
    return vectorizer


def metadata_path(model_path: Path) -> Path:
    return model_path.with_suffix(".json")


def bundled_model_path() -> Path:
    """The small trained model shipped with the package."""
    return Path(__file__).parent / "data" / "model" / "partisan.skops"


def load_bundled() -> PartisanModel:
    return PartisanModel.load(bundled_model_path())
