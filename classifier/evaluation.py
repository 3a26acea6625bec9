"""Real-data evaluation: grouped cross-validation, cross-contest splits, everyday flag
rate, neutrality and stance. Pure functions over featurised examples; printing is in
classifier.report.

Every figure is measured on posts none of the scoring models was fitted on: thresholds
come from each model's own calibration folds, never from the test folds.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import GroupKFold

from classifier import datasets
from classifier.corpus import Example, seed_examples, seed_registry
from classifier.model import PartisanModel
from classifier.registry import Registry
from classifier.scoring import Featurizer
from classifier.training import (
    REGISTRY_DROPOUT,
    Features,
    RegistryFor,
    featurise,
    fit,
    metrics_at,
    precision_at_recall,
    predict_features,
)

FOLDS = 5
EVERYDAY_CAP = 4000  # everyday training posts drawn (of ~10,700): easy negatives, and time
INNER_FOLDS = 3  # calibration folds inside each cross-validation model (time)
OLD_CONTESTS = ("smsa-train", "smsa-valid", "smsa-test")  # the 2017–2018 comments


@dataclass
class RealData:
    """The labelled real posts, everyday posts and the seed corpus, with their registries."""

    labelled: list[Example]
    everyday_train: list[Example]
    everyday_valid: list[Example]
    seed: list[Example]
    pilpres2024: Registry
    older: Registry
    seed_reg: Registry = field(default_factory=seed_registry)

    @classmethod
    def load(cls, root: Path) -> RealData:
        train, valid = datasets.everyday(root)
        return cls(
            labelled=datasets.partisan_real(root),
            everyday_train=random.Random(0).sample(train, min(EVERYDAY_CAP, len(train))),
            everyday_valid=valid,
            seed=seed_examples(),
            pilpres2024=datasets.pilpres2024_registry(root),
            older=datasets.registry_2017_2019(),
        )

    def registry_for(self, example: Example) -> Registry | None:
        """The registry a user would have loaded when the post was written."""
        if example.source == "seed":
            return self.seed_reg
        if example.source.startswith("smsa-") and example.group != "real":
            return self.older
        return self.pilpres2024  # Pilpres 2024 posts and everyday posts


@dataclass
class Featurised:
    """Each pool featurised once: for training (registry dropout) and for testing."""

    labelled_train: Features
    labelled_test: Features
    everyday_train: Features
    seed_train: Features | None
    everyday_with_registry: Features
    everyday_without_registry: Features

    @classmethod
    def build(
        cls,
        data: RealData,
        using: Featurizer | None = None,
        slotted: bool = True,
        with_seed: bool = False,
    ) -> Featurised:
        """`slotted=False`: n-gram text read without a registry (names stay words), for
        the ablation; the matcher features still see the registry."""

        def train(examples: Sequence[Example]) -> Features:
            features = featurise(
                examples, data.registry_for, dropout=REGISTRY_DROPOUT, seed=0, using=using
            )
            return features if slotted else _unslot(features, examples, using)

        def test(examples: Sequence[Example], registry: RegistryFor) -> Features:
            features = featurise(examples, registry, using=using)
            return features if slotted else _unslot(features, examples, using)

        return cls(
            labelled_train=train(data.labelled),
            labelled_test=test(data.labelled, data.registry_for),
            everyday_train=train(data.everyday_train),
            seed_train=train(data.seed) if with_seed else None,
            everyday_with_registry=test(data.everyday_valid, data.pilpres2024),
            everyday_without_registry=test(data.everyday_valid, None),
        )


def _unslot(features: Features, examples: Sequence[Example], using: Featurizer | None) -> Features:
    plain = featurise(examples, None, using=using)
    return Features(plain.texts, features.vectors)


# A variant turns (examples, features) into what one model is fitted on: ablations.
Transform = Callable[[Features], Features]


def _same(features: Features) -> Features:
    return features


@dataclass
class Variant:
    name: str
    use_seed: bool = False
    transform: Transform = _same


def _concat(*parts: Features) -> Features:
    return Features([t for p in parts for t in p.texts], [v for p in parts for v in p.vectors])


def train_on(
    data: RealData, feats: Featurised, rows: Sequence[int], variant: Variant
) -> PartisanModel:
    """Fit on the given labelled rows, the everyday posts, and the seed corpus if asked."""
    examples = [data.labelled[i] for i in rows] + data.everyday_train
    parts = [feats.labelled_train.take(rows), feats.everyday_train]
    if variant.use_seed:
        assert feats.seed_train is not None, "featurise with with_seed=True"
        examples += data.seed
        parts.append(feats.seed_train)
    return fit(examples, variant.transform(_concat(*parts)), folds=INNER_FOLDS)


@dataclass
class OutOfFold:
    """Scores, decisions and stance of each labelled post from a model that never saw it."""

    scores: np.ndarray
    flagged: np.ndarray
    attack: np.ndarray  # P(attack); NaN where the model has no stance part
    models: list[PartisanModel]


def cross_validate(
    data: RealData, feats: Featurised, variant: Variant, folds: int = FOLDS
) -> OutOfFold:
    """GroupKFold over near-duplicate groups: no near-copy sits on both sides."""
    n = len(data.labelled)
    scores, flagged, attack = np.zeros(n), np.zeros(n, dtype=bool), np.full(n, np.nan)
    groups = [e.group for e in data.labelled]
    models = []
    for train_rows, test_rows in GroupKFold(n_splits=folds).split(np.zeros(n), groups=groups):
        model = train_on(data, feats, list(train_rows), variant)
        test = variant.transform(feats.labelled_test.take(list(test_rows)))
        matrix = model.matrix(test.texts, test.vectors)
        scores[test_rows] = model.partisan_proba(matrix)
        flagged[test_rows] = scores[test_rows] >= model.thresholds["partisan"]
        attacks = model.attack_proba(matrix)
        if attacks is not None:
            attack[test_rows] = attacks
        models.append(model)
    return OutOfFold(scores, flagged, attack, models)


def summary(labels: np.ndarray, scores: np.ndarray, flagged: np.ndarray) -> dict[str, Any]:
    """Metrics of out-of-fold decisions (each at its own model's threshold)."""
    figures = metrics_at(labels, flagged.astype(float), 0.5)
    ranking = metrics_at(labels, scores, 0.5)
    figures["pr_auc"], figures["recall_at_p80"] = ranking["pr_auc"], ranking["recall_at_p80"]
    # The targets read "precision P at recall R": the best any one threshold reaches.
    figures["precision_at_r85"] = round(precision_at_recall(labels, scores, 0.85), 4)
    return figures


def cross_contest(data: RealData, feats: Featurised, variant: Variant) -> list[dict[str, Any]]:
    """Train without the 2017–2018 comments and test on them, and the reverse."""
    old = np.array([e.source in OLD_CONTESTS for e in data.labelled])
    labels = np.array([e.partisan for e in data.labelled])
    results = []
    for name, test_mask in (("test on 2017-2018", old), ("test on Pilpres 2024", ~old)):
        model = train_on(data, feats, list(np.flatnonzero(~test_mask)), variant)
        test = variant.transform(feats.labelled_test.take(list(np.flatnonzero(test_mask))))
        scores = predict_features(model, test)
        flagged = scores >= model.thresholds["partisan"]
        results.append({"split": name, **summary(labels[test_mask], scores, flagged)})
    return results


def everyday_rates(model: PartisanModel, feats: Featurised, variant: Variant) -> dict[str, float]:
    """Share of everyday posts (NusaX + SmSA validation) flagged partisan."""
    rates = {}
    for name, part in (
        ("with_registry", feats.everyday_with_registry),
        ("without_registry", feats.everyday_without_registry),
    ):
        scores = predict_features(model, variant.transform(part))
        rates[name] = round(float(np.mean(scores >= model.thresholds["partisan"])), 4)
    return rates


NEUTRALITY_MIN_POSTS = 10  # pairs with fewer single-pair partisan posts are listed, not compared


def neutrality(data: RealData, oof: OutOfFold, entities: list[list[str]]) -> dict[str, Any]:
    """Recall among partisan posts that name exactly one pair, grouped by that pair.

    The gap compares pairs of the same contest (each with at least NEUTRALITY_MIN_POSTS
    posts): rivals are what neutrality is about; contests differ in register and era.
    """
    hits: dict[str, list[bool]] = defaultdict(list)
    for i, example in enumerate(data.labelled):
        if example.partisan and len(entities[i]) == 1:
            hits[entities[i][0]].append(bool(oof.flagged[i]))
    recall = {k: {"n": len(v), "recall": round(float(np.mean(v)), 4)} for k, v in hits.items()}
    by_contest: dict[str, list[float]] = defaultdict(list)
    for pair, figures in recall.items():
        if figures["n"] >= NEUTRALITY_MIN_POSTS:
            by_contest[pair.split("#")[0]].append(figures["recall"])
    gaps = {c: round(max(v) - min(v), 4) for c, v in by_contest.items() if len(v) >= 2}
    return {
        "by_pair": dict(sorted(recall.items())),
        "gap_within_contest": gaps,
        "gap": max(gaps.values()) if gaps else None,
    }


def pair_entities(data: RealData, using: Featurizer) -> list[list[str]]:
    """The pairs each labelled post names (candidates, numbers; parties left out)."""
    found: list[list[str]] = []
    for example in data.labelled:
        [(_, analysis)] = using.analyse([example.text], data.registry_for(example))
        found.append(analysis.entities)
    return found


def stance_accuracy(data: RealData, oof: OutOfFold) -> dict[str, Any]:
    """Support/attack accuracy on partisan posts, from out-of-fold stance models."""
    rows = [
        i
        for i, e in enumerate(data.labelled)
        if e.stance in ("support", "attack") and not np.isnan(oof.attack[i])
    ]
    truth = np.array([data.labelled[i].stance == "attack" for i in rows])
    guess = oof.attack[rows] >= 0.5
    by = {
        s: round(float(np.mean(guess[truth == (s == "attack")] == (s == "attack"))), 4)
        for s in ("support", "attack")
    }
    return {"n": len(rows), "accuracy": round(float(np.mean(guess == truth)), 4), **by}
