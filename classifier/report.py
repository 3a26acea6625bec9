"""Measure the classifier on real posts and (with --bundled) retrain the bundled model:
`python -m classifier.report [--datasets DIR] [--ablation] [--bundled]`.

Prints Markdown tables: grouped cross-validation on partisan-real-id, the cross-contest
split, the everyday flag rate with and without a registry, neutrality by pair, stance
accuracy and (with --ablation) one row per feature group left out.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from classifier import datasets
from classifier.evaluation import (
    Featurised,
    RealData,
    Variant,
    cross_contest,
    cross_validate,
    everyday_rates,
    neutrality,
    pair_entities,
    stance_accuracy,
    summary,
)
from classifier.features import FEATURE_NAMES
from classifier.lexicon import ELECTION_SLANG
from classifier.model import PartisanModel, bundled_model_path
from classifier.scoring import Featurizer, featurizer
from classifier.style import STYLE_FEATURES
from classifier.training import Features, fit

HEADER = (
    "precision | recall | PR-AUC | recall at P 0.80 | precision at R 0.85 | "
    "everyday flagged, registry | no registry"
)
USE_SEED = False  # the seed corpus hurt on real posts (ablation in classifier/README.md)
ABLATION_FOLDS = 3


def zero(names: Sequence[str]) -> Any:
    """A transform that blanks the named matcher/style columns."""
    columns = [FEATURE_NAMES.index(n) for n in names]

    def transform(features: Features) -> Features:
        vectors = []
        for vector in features.vectors:
            row = list(vector)
            for c in columns:
                row[c] = 0.0
            vectors.append(row)
        return Features(features.texts, vectors)

    return transform


def cv_row(data: RealData, feats: Featurised, variant: Variant, folds: int = 5) -> dict[str, Any]:
    oof = cross_validate(data, feats, variant, folds)
    labels = np.array([e.partisan for e in data.labelled])
    row = summary(labels, oof.scores, oof.flagged)
    rates = [everyday_rates(m, feats, variant) for m in oof.models]
    for key in ("with_registry", "without_registry"):
        row[f"everyday_{key}"] = round(float(np.mean([r[key] for r in rates])), 4)
    row["oof"] = oof
    return row


def _cells(row: dict[str, Any]) -> str:
    keys = ("precision", "recall", "pr_auc", "recall_at_p80", "precision_at_r85")
    cells = [f"{row[k]:.3f}" if row.get(k) is not None else "-" for k in keys]
    rates = ("everyday_with_registry", "everyday_without_registry")
    cells += [f"{100 * row[k]:.1f}%" for k in rates if k in row]
    return " | ".join(cells)


def indocollex(root: Path) -> dict[str, str] | None:
    """The IndoCollex table from the datasets directory: measured against, never shipped."""
    path = root / "colloquial-lexicon-id" / "inforformal-formal-Indonesian-dictionary.tsv"
    if not path.is_file():
        return None
    table: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            informal, formal = row["informal"].strip().lower(), row["formal"].strip().lower()
            if informal and formal and not any(ch.isdigit() for ch in informal + formal):
                table[informal] = formal
    return {**table, **ELECTION_SLANG}


def ablation(data: RealData, feats: Featurised, root: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    seed = USE_SEED
    variants = [
        ("all features (as bundled)", lambda: feats, Variant("all", use_seed=seed)),
        ("seed corpus in/out", lambda: feats, Variant("seed", use_seed=not seed)),
        ("- news-style features", lambda: feats,
         Variant("style", use_seed=seed, transform=zero(STYLE_FEATURES))),
        ("- matcher, cue and style features", lambda: feats,
         Variant("match", use_seed=seed, transform=zero(FEATURE_NAMES))),
        ("- slotting (names as words)", lambda: Featurised.build(data, slotted=False,
         with_seed=True), Variant("unslotted", use_seed=seed)),
        ("- everyday slang table", lambda: Featurised.build(
            data, using=Featurizer(dict(ELECTION_SLANG)), with_seed=True),
         Variant("no-slang", use_seed=seed)),
    ]  # fmt: skip
    # Three folds instead of five: the ablation trains many models on a shared machine.
    for name, build, v in variants:
        yield name, cv_row(data, build(), v, ABLATION_FOLDS)
    table = indocollex(root)
    if table is not None:
        collex = Featurised.build(data, using=Featurizer(table), with_seed=True)
        variant = Variant("indocollex", use_seed=seed)
        yield "IndoCollex slang instead of ours", cv_row(data, collex, variant, ABLATION_FOLDS)


def real_data_figures(data: RealData, feats: Featurised, figures: dict[str, Any]) -> None:
    """Cross-validation, cross-contest, neutrality and stance: printed and kept in `figures`."""
    variant = Variant("bundled", use_seed=USE_SEED)
    cv = cv_row(data, feats, variant)
    oof = cv.pop("oof")
    figures["cross_validation"] = cv
    print(f"| evaluation | n | {HEADER} |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| grouped {len(oof.models)}-fold CV, partisan-real-id | {cv['n']} | {_cells(cv)} |")
    for row in cross_contest(data, feats, variant):
        print(f"| cross-contest: {row['split']} | {row['n']} | {_cells(row)} | | |")
        figures.setdefault("cross_contest", []).append(row)
    figures["neutrality"] = neutrality(data, oof, pair_entities(data, featurizer()))
    figures["stance"] = stance_accuracy(data, oof)
    print("\n| pair named alone | partisan posts | recall (out of fold) |\n|---|---|---|")
    for pair, row in figures["neutrality"]["by_pair"].items():
        print(f"| {pair} | {row['n']} | {row['recall']:.3f} |")
    print(f"\nneutrality gap within a contest: {figures['neutrality']['gap_within_contest']}")
    stance = figures["stance"]
    print(
        f"stance on {stance['n']} real partisan posts: accuracy {stance['accuracy']:.3f} "
        f"(support {stance['support']:.3f}, attack {stance['attack']:.3f})",
        flush=True,
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--datasets", type=Path, default=datasets.default_root())
    parser.add_argument("--ablation", action="store_true", help="also the ablation table")
    parser.add_argument("--bundled", action="store_true", help="retrain the bundled model")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--only-ablation", action="store_true", help="skip the main figures")
    args = parser.parse_args(argv)
    root: Path = args.datasets
    data = RealData.load(root)
    feats = Featurised.build(data, with_seed=USE_SEED or args.ablation)
    figures: dict[str, Any] = {}
    if not args.only_ablation:
        real_data_figures(data, feats, figures)
    if args.ablation:
        print(f"\n| variant ({ABLATION_FOLDS}-fold CV) | {HEADER} |")
        print("|---|---|---|---|---|---|---|---|")
        for name, row in ablation(data, feats, root):
            row.pop("oof")
            print(f"| {name} | {_cells(row)} |", flush=True)
            figures.setdefault("ablation", []).append({"variant": name, **row})
    if args.bundled:
        model = train_bundled(data, feats, root, figures)
        path = model.save(bundled_model_path())
        print(f"\nsaved {path} ({path.stat().st_size / 1e6:.1f} MB), version {model.version}, "
              f"threshold {model.thresholds['partisan']:.4f}")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str) + "\n")


def train_bundled(
    data: RealData, feats: Featurised, root: Path, figures: dict[str, Any]
) -> PartisanModel:
    """Fit on every labelled real post and the everyday posts; record data hashes and figures."""
    examples = data.labelled + data.everyday_train
    parts = [feats.labelled_train, feats.everyday_train]
    if USE_SEED and feats.seed_train is not None:
        examples += data.seed
        parts.append(feats.seed_train)
    model = fit(examples, Features([t for p in parts for t in p.texts],
                                   [v for p in parts for v in p.vectors]))  # fmt: skip
    rates = everyday_rates(model, feats, Variant("bundled"))
    model.metadata["everyday_flag_rate"] = rates
    model.metadata["data_files"] = datasets.file_hashes(
        root, [datasets.PARTISAN_REAL, datasets.SMSA, datasets.NUSAX]
    )
    model.metadata["metrics"] = {k: v for k, v in figures.items() if k != "ablation"}
    model.metadata["licence"] = "CC BY-SA 4.0 (trained with NusaX; see classifier/README.md)"
    return model


if __name__ == "__main__":
    main()
