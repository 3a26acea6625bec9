"""Training, threshold choice and evaluation; pure functions over lists of examples."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
import spacy
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, confusion_matrix

from classifier.corpus import (
    Example,
    data_hash,
    hold_out_groups,
    read_jsonl,
    real_negatives,
    seed_registry,
    split,
)
from classifier.fitting import fit_calibrated, threshold_for
from classifier.model import PartisanModel
from classifier.registry import Registry
from classifier.scoring import featurizer

TARGET_RECALL = 0.90  # the stated recall, reached on validation phrasings never trained on
VALIDATION_SHARE = 0.15  # whole phrasing groups, for the threshold
TEST_SHARE = 0.15  # random posts from the training groups, for the held-out figures
REGISTRY_DROPOUT = 0.25  # share of training posts featurised without a registry


def featurise(
    examples: Sequence[Example], registry: Registry | None
) -> tuple[list[str], list[list[float]]]:
    analysed = featurizer().analyse((e.text for e in examples), registry)
    return [a.text for _, a in analysed], [a.vector for _, a in analysed]


def _featurise_with_dropout(
    examples: Sequence[Example], registry: Registry | None, seed: int
) -> tuple[list[str], list[list[float]]]:
    """Some posts see no registry, so the model also works when none is given."""
    rng = random.Random(seed)
    drop = [rng.random() < REGISTRY_DROPOUT for _ in examples]
    texts: list[str] = [""] * len(examples)
    vectors: list[list[float]] = [[] for _ in examples]
    for flag in (False, True):
        rows = [i for i, d in enumerate(drop) if d == flag]
        part_texts, part_vectors = featurise(
            [examples[i] for i in rows], None if flag else registry
        )
        for i, text, vector in zip(rows, part_texts, part_vectors, strict=True):
            texts[i], vectors[i] = text, vector
    return texts, vectors


def train(
    examples: Sequence[Example],
    registry: Registry | None = None,
    *,
    validation: Sequence[Example] = (),
    target_recall: float = TARGET_RECALL,
    seed: int = 0,
    small: bool = False,
) -> PartisanModel:
    """Fit a calibrated model and choose its partisan threshold.

    Calibration folds hold out whole phrasing groups when the examples have enough of
    them; the threshold is then chosen on those out-of-fold scores together with
    `validation`: both are posts phrased unlike anything their model was fitted on.
    """
    texts, vectors = _featurise_with_dropout(examples, registry, seed)
    labels = np.array([e.partisan for e in examples])
    model = _new_model(small)
    model.word.fit(texts)
    model.char.fit(texts)
    matrix = model.matrix(texts, vectors)
    fitted = fit_calibrated(matrix, examples, folds=3 if small else 5, seed=seed)
    model.clf, held = fitted.clf, fitted.held_out
    model.stance = _fit_stance(matrix, examples)
    model.metadata = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "data_hash": data_hash(examples),
        "n_train": len(examples),
        "n_train_partisan": int(labels.sum()),
        "sklearn_version": sklearn.__version__,
        "spacy_version": spacy.__version__,
        "registry_dropout": REGISTRY_DROPOUT,
        "target_recall": target_recall,
        "threshold_data": {"out_of_fold": len(held), "validation": len(validation)},
    }
    model.metadata["version"] = (
        f"partisan-{model.metadata['created'][:10]}-{model.metadata['data_hash'][:8]}"
    )
    if validation:
        scores = predict(model, validation, registry)
        held += [(e.partisan, float(s)) for e, s in zip(validation, scores, strict=True)]
    model._held = held  # type: ignore[attr-defined]  # DEV
    if held:
        pairs = np.array(held, dtype=np.float64)
        model.thresholds["partisan"] = threshold_for(pairs[:, 0], pairs[:, 1], target_recall)
    return model


def _new_model(small: bool) -> PartisanModel:
    max_features = (2_000, 3_000) if small else (20_000, 30_000)
    return PartisanModel(
        word=TfidfVectorizer(
            token_pattern=r"\S+", ngram_range=(1, 2), min_df=2, max_features=max_features[0],
            sublinear_tf=True, dtype=np.float32,
        ),
        char=TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), min_df=2, max_features=max_features[1],
            sublinear_tf=True, dtype=np.float32,
        ),
        clf=LogisticRegression(),  # replaced by fit_calibrated
    )  # fmt: skip


def _fit_stance(matrix: Any, examples: Sequence[Example]) -> LogisticRegression | None:
    rows = [i for i, e in enumerate(examples) if e.partisan and e.stance in ("support", "attack")]
    labels = [examples[i].stance for i in rows]
    if len(set(labels)) < 2:
        return None
    stance = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000)
    stance.fit(matrix[rows], labels)
    return stance


def predict(
    model: PartisanModel, examples: Sequence[Example], registry: Registry | None
) -> np.ndarray:
    texts, vectors = featurise(examples, registry)
    return model.partisan_proba(model.matrix(texts, vectors))


def choose_threshold(
    model: PartisanModel,
    validation: Sequence[Example],
    registry: Registry | None,
    target_recall: float,
) -> float:
    """The threshold with the best validation F1 among those whose recall reaches the target."""
    labels = np.array([e.partisan for e in validation])
    return threshold_for(labels, predict(model, validation, registry), target_recall)


def evaluate(
    model: PartisanModel, examples: Sequence[Example], registry: Registry | None = None
) -> dict[str, Any]:
    """Precision, recall, F1, PR-AUC, flag rate and confusion matrix at the saved threshold."""
    labels = np.array([e.partisan for e in examples], dtype=int)
    scores = predict(model, examples, registry) if examples else np.array([])
    threshold = model.thresholds["partisan"]
    predicted = (scores >= threshold).astype(int)
    tn, fp, fn, tp = (int(v) for v in confusion_matrix(labels, predicted, labels=[0, 1]).ravel())
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    has_both = 0 < labels.sum() < len(labels)
    return {
        "n": len(examples),
        "positives": int(labels.sum()),
        "threshold": threshold,
        "precision": _round(precision),
        "recall": _round(recall),
        "f1": _round(f1),
        "pr_auc": _round(float(average_precision_score(labels, scores))) if has_both else None,
        "flag_rate": _round(float(predicted.mean())) if len(predicted) else None,
        "confusion": {"tn": tn, "fp": fp, "fn": fn, "tp": tp},
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def train_from_corpus(
    seed_path: str | Path | None = None,
    extra_examples: Sequence[Example] | None = None,
    split_seed: int = 0,
    registry: Registry | None = None,
    target_recall: float = TARGET_RECALL,
) -> tuple[PartisanModel, dict[str, Any]]:
    """Train on the seed corpus plus real negatives; metrics go into the model's metadata.

    The seed corpus is cut three ways: validation is whole phrasing groups held out (15%),
    where the threshold is chosen; test is 15% random posts of the other groups; the
    model trains on the rest.

    `extra_examples` defaults to the vendored SmSA and NusaX training posts; the vendored
    validation posts (no overlap with them) are always measured for the flag rate.
    """
    seed = (
        read_jsonl(seed_path)
        if seed_path
        else read_jsonl(Path(__file__).parent / "data" / "seed.jsonl")
    )
    registry = registry if registry is not None else seed_registry()
    real_train, real_valid = real_negatives()
    extra = list(real_train if extra_examples is None else extra_examples)
    train_part, valid_part, test_part = three_way_split(seed, split_seed)
    model = train(
        train_part + extra,
        registry,
        validation=valid_part,
        target_recall=target_recall,
        seed=split_seed,
    )
    metrics = {
        "validation": evaluate(model, valid_part, registry),
        "test": evaluate(model, test_part, registry),
        "real_valid": evaluate(model, real_valid, registry),
        "split_seed": split_seed,
    }
    model.metadata["metrics"] = metrics
    return model, metrics


def three_way_split(
    examples: Sequence[Example], seed: int = 0
) -> tuple[list[Example], list[Example], list[Example]]:
    """(train, validation, test): validation is held-out phrasing groups when the corpus has
    enough of them (four per class), else a random stratified share like the test."""
    groups_per_class = min(len({e.group for e in examples if e.partisan == k}) for k in (0, 1))
    if groups_per_class < 4:
        return split(examples, (1 - VALIDATION_SHARE - TEST_SHARE, VALIDATION_SHARE), seed)
    rest, validation = hold_out_groups(examples, VALIDATION_SHARE, seed=seed)
    train_share = 1 - TEST_SHARE / (1 - VALIDATION_SHARE)
    train_part, _, test_part = split(rest, (train_share, 0.0), seed)
    return train_part, validation, test_part


def evaluate_jsonl(
    model: PartisanModel, path: str | Path, registry: Registry | None = None
) -> dict[str, Any]:
    """Evaluate on a `{"text", "partisan"}` JSONL file at the model's saved threshold."""
    return evaluate(model, read_jsonl(path), registry)
