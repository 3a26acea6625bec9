"""Fitting the partisan classifier so that it is judged on phrasings it never saw.

Folds hold out whole phrasing groups. Each fold's model scores the groups it was not
fitted on; those out-of-fold scores calibrate the final model (Platt scaling) and are
where the threshold is chosen. A linear model followed by a sigmoid on its decision
value is again a linear model, so the calibration is folded into the final model's
weights: one logistic regression, as fast as an uncalibrated one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve
from sklearn.model_selection import GroupKFold, StratifiedKFold
from threadpoolctl import threadpool_limits

from classifier.corpus import Example

C = 1.0  # inverse regularisation: stronger than sklearn's default generalises across phrasings
REAL_WEIGHT = 1.0  # everyday posts' total weight against each labelled class, see sample_weights
UNGROUPED = ("", "real")


@dataclass
class Fitted:
    """The calibrated model and the out-of-fold scores of grouped posts: (label, score)."""

    clf: LogisticRegression
    held_out: list[tuple[int, float]]


def fit_calibrated(matrix: Any, examples: Sequence[Example], folds: int, seed: int = 0) -> Fitted:
    labels = np.array([e.partisan for e in examples])
    weights = sample_weights(examples)
    splits = group_folds(examples, folds)
    grouped = not isinstance(splits, int)
    if isinstance(splits, int):
        splits = list(
            StratifiedKFold(splits, shuffle=True, random_state=seed).split(labels, labels)
        )
    decision = np.zeros(len(labels))
    for train_rows, test_rows in splits:
        fold_model = _fit(matrix, labels, weights, train_rows)
        decision[test_rows] = fold_model.decision_function(matrix[test_rows])
    final = _fit(matrix, labels, weights, np.arange(len(labels)))
    platt = LogisticRegression(C=1e4).fit(decision[:, None], labels, sample_weight=weights)
    slope, shift = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    final.coef_ = final.coef_ * slope
    final.intercept_ = final.intercept_ * slope + shift
    held: list[tuple[int, float]] = []
    if grouped:
        scores = platt.predict_proba(decision[:, None])[:, 1]
        held = [
            (int(labels[i]), float(scores[i]))
            for i, e in enumerate(examples)
            if e.group not in UNGROUPED
        ]
    return Fitted(final, held)


def _fit(matrix: Any, labels: np.ndarray, weights: np.ndarray, rows: Any) -> LogisticRegression:
    model = LogisticRegression(C=C, max_iter=2000)
    # One BLAS thread: on a shared machine, spinning BLAS threads made fits 10x slower.
    with threadpool_limits(limits=1):
        return model.fit(matrix[rows], labels[rows], sample_weight=weights[rows])


def sample_weights(examples: Sequence[Example]) -> np.ndarray:
    """Partisan posts, written negatives and real posts weigh 1 : 1 : REAL_WEIGHT in total.

    Balancing only the two classes would let the many easy real posts outweigh the few
    written hard negatives (news, Bawaslu, questions naming a candidate) several times.
    """
    kinds = np.array([2 if e.group == "real" else e.partisan for e in examples])
    totals = {0: 1.0, 1: 1.0, 2: REAL_WEIGHT}
    weights = np.zeros(len(examples))
    for kind, total in totals.items():
        mask = kinds == kind
        if mask.any():
            weights[mask] = total * len(examples) / (3 * mask.sum())
    return weights


def group_folds(examples: Sequence[Example], folds: int) -> int | list[tuple[Any, Any]]:
    """Folds that hold out whole phrasing groups; real and ungrouped posts are dealt into
    the folds one by one. Too few groups: `folds`, for plain stratified folds."""
    groups = {e.group for e in examples if e.group not in UNGROUPED}
    per_class = min(
        len({e.group for e in examples if e.group in groups and e.partisan == k}) for k in (0, 1)
    )
    if per_class < 2 * folds:
        return folds
    grouped = np.array([i for i, e in enumerate(examples) if e.group in groups])
    fold_of = np.arange(len(examples)) % folds
    names = [examples[i].group for i in grouped]
    for fold, (_, rows) in enumerate(GroupKFold(n_splits=folds).split(names, groups=names)):
        fold_of[grouped[rows]] = fold
    return [(np.flatnonzero(fold_of != k), np.flatnonzero(fold_of == k)) for k in range(folds)]


def threshold_for(labels: np.ndarray, scores: np.ndarray, target_recall: float) -> float:
    """The threshold with the best precision among those whose recall reaches the target.

    Best precision, not best F1: the target is stated as precision at a recall, and on
    real posts the F1 choice overshot the recall by two to three points at the cost of a
    point of precision (classifier/README.md, ablation notes).
    """
    if labels.sum() == 0:
        return 0.5
    precision, recall, thresholds = precision_recall_curve(labels, scores)
    best, best_precision = float(thresholds.min()), -1.0
    for p, r, t in zip(precision[:-1], recall[:-1], thresholds, strict=True):
        if r >= target_recall and p >= best_precision:  # ties: the highest such threshold
            best, best_precision = float(t), p
    # Rounded down: rounding up could leave out the very post the threshold was chosen at.
    return math.floor(best * 1e6) / 1e6
