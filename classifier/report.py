"""Train the bundled model and measure how well it generalises: `python -m classifier.report`."""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from classifier.corpus import (
    Example,
    real_negatives,
    seed_examples,
    seed_registry,
    split_by_group,
)
from classifier.model import bundled_model_path
from classifier.registry import Registry
from classifier.training import evaluate, train, train_from_corpus

HEADLINE = ("precision", "recall", "f1", "pr_auc", "flag_rate")


def held_out_split(
    train_part: Sequence[Example], test_part: Sequence[Example], registry: Registry, seed: int
) -> dict[str, Any]:
    """Train on one part (threshold on its group-held-out calibration folds) and evaluate on
    the other."""
    model = train(list(train_part) + real_negatives()[0], registry, seed=seed)
    return evaluate(model, test_part, registry)


def phrasing_group_split(seed: int = 1) -> list[dict[str, Any]]:
    """Half the phrasing families against the other half, both ways round."""
    registry = seed_registry()
    first, second = split_by_group(seed_examples(), seed=seed)
    return [held_out_split(a, b, registry, seed) for a, b in ((first, second), (second, first))]


def contest_split(seed: int = 2) -> dict[str, Any]:
    """Train on posts about half the contests, test on the others: unseen names and slogans."""
    registry = seed_registry()
    examples = seed_examples()
    contests = sorted({c.contest_code for c in registry.candidates})
    random.Random(seed).shuffle(contests)
    seen = set(contests[: len(contests) // 2])
    by_id = {e.id: e for e in examples}
    contest_of = _contest_of_examples()
    train_part = [e for e in examples if contest_of.get(e.id) in seen]
    test_part = [by_id[i] for i, c in contest_of.items() if c not in seen and i in by_id]
    result = held_out_split(train_part, test_part, registry, seed)
    result["train_contests"] = sorted(seen)
    return result


def _contest_of_examples() -> dict[str, str]:
    path = Path(__file__).parent / "data" / "seed.jsonl"
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {row["id"]: row.get("contest", "") for row in rows}


def _line(name: str, metrics: dict[str, Any]) -> str:
    cells = [f"{metrics.get(k):.3f}" if metrics.get(k) is not None else "  -  " for k in HEADLINE]
    return f"{name:<30} {metrics['n']:>6}  " + "  ".join(f"{c:>9}" for c in cells)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--save", type=Path, help="where to save the model trained on the 70% split"
    )
    parser.add_argument("--bundled", action="store_true", help="save it as the bundled model")
    parser.add_argument("--skip-splits", action="store_true", help="only the held-out split")
    parser.add_argument("--json", type=Path, help="also write all figures to this JSON file")
    args = parser.parse_args(argv)
    model, metrics = train_from_corpus()
    target = bundled_model_path() if args.bundled else args.save
    if target:
        model.save(target)
        print(f"saved {target} ({target.stat().st_size / 1e6:.1f} MB)", flush=True)
    print(f"threshold partisan={model.thresholds['partisan']:.4f}  version={model.version}")
    print(f"{'evaluation':<30} {'n':>6}  " + "  ".join(f"{k:>9}" for k in HEADLINE))
    print(_line("seed validation (threshold)", metrics["validation"]))
    print(_line("seed held-out test", metrics["test"]))
    print(_line("NusaX+SmSA valid (no overlap)", metrics["real_valid"]), flush=True)
    figures: dict[str, Any] = {"held_out": metrics}
    if not args.skip_splits:
        groups = phrasing_group_split()
        for i, group in enumerate(groups):
            print(_line(f"phrasing groups, half {i + 1}", group), flush=True)
        contest = contest_split()
        print(_line("unseen contests", contest), flush=True)
        figures.update(phrasing_groups=groups, contests=contest)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
