"""Batch scoring: normalise, run spaCy and the matchers, score, explain, rank."""

from __future__ import annotations

import gc
import math
import multiprocessing as mp
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import numpy as np
import scipy.sparse as sp

from classifier.asn import asn_score
from classifier.features import Analysis, analyse
from classifier.matchers import RegistryIndex, generic_matcher
from classifier.model import PartisanModel
from classifier.normalize import Normalized, Normalizer
from classifier.pipeline import build_nlp
from classifier.registry import Registry
from classifier.schema import PostInput, Score

MAX_CHARS = 20_000  # longer texts are scored on their head: campaign calls are not buried
TOP_FEATURES = 5
CHUNK = 5000
PARALLEL_MIN = 4000  # below this, starting workers costs more than it saves


class Featurizer:
    """Holds the spaCy pipeline and the matchers built for each registry seen."""

    def __init__(self, slang_table: dict[str, str] | None = None) -> None:
        self.nlp = build_nlp()
        self._slang = slang_table
        self._base = Normalizer(slang_table=slang_table)
        self.generic = generic_matcher(self.nlp, self._base)
        lemmatizer: Any = self.nlp.get_pipe("cached_lookup_lemmatizer")
        self._lemma_table = lemmatizer.lookups.get_table("lemma_lookup")
        self._indexes: dict[Registry, tuple[Normalizer, RegistryIndex]] = {}

    def _for(self, registry: Registry | None) -> tuple[Normalizer, RegistryIndex | None]:
        if registry is None or not registry.candidates:
            return self._base, None
        if registry not in self._indexes:
            words = [
                w for c in registry.candidates for n in (*c.names, *c.nicknames) for w in n.split()
            ]
            normalizer = Normalizer(words, slang_table=self._slang)
            self._indexes[registry] = (normalizer, RegistryIndex(self.nlp, registry, normalizer))
        return self._indexes[registry]

    def analyse(
        self, texts: Iterable[str], registry: Registry | None
    ) -> list[tuple[Normalized, Analysis]]:
        normalizer, index = self._for(registry)
        # The normaliser tokenises and the lemmas are table lookups, so posts need no spaCy
        # Doc (see classifier.phrases); only the token matcher's windows build small ones.
        table, generic = self._lemma_table, self.generic
        result = []
        for text in texts:
            norm = normalizer(_clean(text))
            result.append((norm, analyse(norm, table, generic, index)))
        return result


_FEATURIZER: Featurizer | None = None


def featurizer() -> Featurizer:
    global _FEATURIZER
    if _FEATURIZER is None:
        _FEATURIZER = Featurizer()
    return _FEATURIZER


def _clean(text: object) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return str(text or "")[:MAX_CHARS]


def score_posts(
    model: PartisanModel,
    posts: Sequence[PostInput],
    registry: Registry | None = None,
    *,
    n_process: int = 1,
) -> list[Score]:
    """Score every post: partisan and ASN scores, flag, matches, features, reasons.

    With `n_process` > 1 a large batch is split across forked worker processes.
    """
    if n_process > 1 and len(posts) >= PARALLEL_MIN and "fork" in mp.get_all_start_methods():
        return _score_parallel(model, posts, registry, n_process)
    with paused_gc():
        return _score_chunks(model, posts, registry)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector: scoring allocates millions of small acyclic objects, and
    collections triggered by that churn (each walking the loaded model and spaCy's
    vocabulary) cost about a fifth of the time. Triage pauses it for a whole batch."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _score_chunks(
    model: PartisanModel, posts: Sequence[PostInput], registry: Registry | None
) -> list[Score]:
    """Score in chunks so the sparse matrices of one chunk are all that is held at once."""
    scores: list[Score] = []
    for start in range(0, len(posts), CHUNK):
        scores.extend(_score_batch(model, posts[start : start + CHUNK], registry))
    return scores


_JOB: tuple[PartisanModel, Sequence[PostInput], Registry | None] | None = None


def _score_range(bounds: tuple[int, int]) -> list[Score]:
    assert _JOB is not None
    model, posts, registry = _JOB
    with paused_gc():
        return _score_chunks(model, posts[bounds[0] : bounds[1]], registry)


def _score_parallel(
    model: PartisanModel, posts: Sequence[PostInput], registry: Registry | None, n_process: int
) -> list[Score]:
    global _JOB
    featurizer()._for(registry)  # build once here so every forked worker inherits it
    _JOB = (model, posts, registry)
    step = -(-len(posts) // (n_process * 4))
    bounds = [(i, min(i + step, len(posts))) for i in range(0, len(posts), step)]
    try:
        # Forked workers share the loaded model and posts; only scores travel back.
        with mp.get_context("fork").Pool(n_process) as pool:
            parts = pool.map(_score_range, bounds)
    finally:
        _JOB = None
    return [score for part in parts for score in part]


def _score_batch(
    model: PartisanModel, posts: Sequence[PostInput], registry: Registry | None
) -> list[Score]:
    if not posts:
        return []
    analysed = featurizer().analyse((p.text for p in posts), registry)
    matrix = model.matrix([a.text for _, a in analysed], [a.vector for _, a in analysed])
    # Python floats (the same doubles): indexing numpy arrays per post is slow.
    partisan = model.partisan_proba(matrix).tolist()
    attack_array = model.attack_proba(matrix)
    attack = None if attack_array is None else attack_array.tolist()
    top = top_features(model, matrix)
    partisan_at, asn_at = model.thresholds["partisan"], model.thresholds["asn"]
    scores = []
    for row, (post, (_, analysis)) in enumerate(zip(posts, analysed, strict=True)):
        asn, reasons = asn_score(post.author)
        p = partisan[row]
        is_partisan = p >= partisan_at
        stance, stance_p = None, None
        if attack is not None:
            stance = ("attack" if attack[row] >= 0.5 else "support") if is_partisan else "none"
            if is_partisan:
                stance_p = round(max(attack[row], 1 - attack[row]), 4)
        scores.append(
            Score(
                partisan=round(p, 4),
                asn=asn,
                flagged=is_partisan and asn >= asn_at,
                matches=analysis.matches,
                features=top[row],
                asn_reasons=list(reasons),
                supported=analysis.entities if is_partisan else [],
                stance=stance,  # type: ignore[arg-type]
                model_version=model.version,
                stance_probability=stance_p,
            )
        )
    return scores


def top_features(model: PartisanModel, matrix: sp.csr_matrix) -> list[list[tuple[str, float]]]:
    """Per row, the features that pushed the score up most (value × weight > 0)."""
    weighted = matrix.multiply(model.coefficients()).tocsr()
    names = model.feature_names()
    result: list[list[tuple[str, float]]] = []
    for row in range(weighted.shape[0]):
        lo, hi = weighted.indptr[row], weighted.indptr[row + 1]
        values = weighted.data[lo:hi]
        if values.size == 0:
            result.append([])
            continue
        order = np.argsort(-values)[:TOP_FEATURES]
        cols = weighted.indices[lo:hi]
        result.append(
            [(str(names[cols[i]]), round(float(values[i]), 4)) for i in order if values[i] > 0]
        )
    return result


def priority(
    partisan: float,
    asn: float,
    followers: int | None,
    age_hours: float | None,
    in_campaign: bool,
) -> float:
    """Queue order in [0, 1]: partisan × ASN, scaled by reach, recency and campaign stage.

    reach   = 0.6 + 0.4 · min(1, log10(1 + followers) / 6)   (a million followers is full reach)
    recency = 0.5 + 0.5 · 2^(-age_hours / 48)                (half-life two days, floor one half)
    stage   = 1.0 inside a campaign period, else 0.8
    Unknown followers or age count as the middle of their range.
    """
    reach = (
        0.8 if followers is None else 0.6 + 0.4 * min(1.0, math.log10(1 + max(followers, 0)) / 6)
    )
    recency = 0.75 if age_hours is None else 0.5 + 0.5 * 2 ** (-max(age_hours, 0.0) / 48)
    stage = 1.0 if in_campaign else 0.8
    value = _unit(partisan) * _unit(asn) * reach * recency * stage
    return round(value, 6)


def _unit(value: float) -> float:
    return 0.0 if math.isnan(value) else min(max(value, 0.0), 1.0)


def age_in_hours(posted_at: datetime | None, now: datetime) -> float | None:
    return None if posted_at is None else (now - posted_at).total_seconds() / 3600
