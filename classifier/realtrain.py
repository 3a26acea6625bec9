"""Train on whatever real data is at hand: analysts' decisions plus the datasets found.

Used by `pantau train` and the retrain flow. The labelled real posts (partisan-real-id)
come first; SmSA/NusaX are everyday negatives; the invented seed corpus is used only
when no labelled real posts are found (it measured worse on real posts).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from classifier import datasets
from classifier.corpus import Example, seed_examples, seed_registry
from classifier.model import PartisanModel
from classifier.registry import Registry
from classifier.training import train


def training_set(
    root: Path, decisions: Sequence[Example] = (), registry: Registry | None = None
) -> tuple[list[Example], dict[str, Registry | None], list[str]]:
    """(examples, registry by example id, names of the data used)."""
    found = datasets.available(root)
    examples = list(decisions)
    registries: dict[str, Registry | None] = {e.id: registry for e in decisions}
    used = [f"{len(decisions)} analyst decisions"] if decisions else []
    if datasets.PARTISAN_REAL in found:
        older, pilpres = datasets.registry_2017_2019(), datasets.pilpres2024_registry(root)
        for example in datasets.partisan_real(root):
            examples.append(example)
            registries[example.id] = pilpres if example.source == "pilpres2024" else older
        used.append(datasets.PARTISAN_REAL)
    else:
        seed_reg = seed_registry()
        for example in seed_examples():
            examples.append(example)
            registries[example.id] = seed_reg
        used.append("invented seed corpus (no labelled real posts found)")
    if datasets.SMSA in found or datasets.NUSAX in found:
        everyday = datasets.everyday(root)[0]
        for i, example in enumerate(everyday):
            example = Example(example.text, 0, group="real", source=example.source,
                              id=f"everyday-{i}")  # fmt: skip
            examples.append(example)
            registries[example.id] = registry
        used += [n for n in (datasets.SMSA, datasets.NUSAX) if n in found]
    return examples, registries, used


def train_available(
    root: Path,
    decisions: Sequence[Example] = (),
    registry: Registry | None = None,
    *,
    small: bool = False,
) -> tuple[PartisanModel, list[str]]:
    """Train on the decisions and the datasets under `root`; says which data it used."""
    examples, registries, used = training_set(root, decisions, registry)
    model = train(examples, lambda e: registries.get(e.id), small=small)
    model.metadata["trained_on"] = used
    model.metadata["data_files"] = datasets.file_hashes(
        root, [n for n in datasets.available(root) if any(n in u for u in used)]
    )
    return model, used
