"""Labelled examples: the seed corpus, JSONL files, splits. Real data: classifier.datasets."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from classifier.registry import Registry
from classifier.schema import Author

DATA = Path(__file__).parent / "data"
SEED_PATH = DATA / "seed.jsonl"
SEED_REGISTRY_PATH = DATA / "seed_registry.csv"


@dataclass(frozen=True)
class Example:
    """One labelled post."""

    text: str
    partisan: int
    stance: str = "none"
    group: str = ""
    source: str = "seed"
    id: str = ""
    author: Author = field(default_factory=Author)


def read_jsonl(path: str | Path, source: str = "") -> list[Example]:
    """Read `{"text", "partisan", ...}` lines; `author` and the rest are optional."""
    examples = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            author = row.get("author") or {}
            fields = Author.__dataclass_fields__
            examples.append(
                Example(
                    text=str(row["text"]),
                    partisan=int(row["partisan"]),
                    stance=str(row.get("stance") or ("support" if row["partisan"] else "none")),
                    group=str(row.get("phrasing_group", "")),
                    source=source or str(row.get("source", Path(path).stem)),
                    id=str(row.get("id", f"{Path(path).stem}:{number}")),
                    author=Author(**{k: v for k, v in author.items() if k in fields}),
                )
            )
    return examples


def seed_examples() -> list[Example]:
    return read_jsonl(SEED_PATH, source="seed")


def seed_registry() -> Registry:
    """The invented registry the seed corpus was written against (demo contests and more)."""
    return Registry.from_csv(SEED_REGISTRY_PATH)


def split(
    examples: Sequence[Example], fractions: tuple[float, float] = (0.7, 0.15), seed: int = 0
) -> tuple[list[Example], list[Example], list[Example]]:
    """Stratified random (train, validation, test) split."""
    rng = random.Random(seed)
    parts: tuple[list[Example], list[Example], list[Example]] = ([], [], [])
    for label in (0, 1):
        subset = [e for e in examples if e.partisan == label]
        rng.shuffle(subset)
        a = round(len(subset) * fractions[0])
        b = a + round(len(subset) * fractions[1])
        parts[0].extend(subset[:a])
        parts[1].extend(subset[a:b])
        parts[2].extend(subset[b:])
    return parts


def hold_out_groups(
    examples: Sequence[Example], fraction: float = 0.15, seed: int = 0
) -> tuple[list[Example], list[Example]]:
    """(rest, held): whole phrasing groups of each class held out, about `fraction` of posts.

    Thresholds chosen on phrasings the model never saw carry over to real posts better
    than thresholds chosen on near-copies of the training posts.
    """
    rng = random.Random(seed)
    held: set[str] = set()
    for label in (0, 1):
        subset = [e for e in examples if e.partisan == label]
        sizes: dict[str, int] = {}
        for example in subset:
            sizes[example.group] = sizes.get(example.group, 0) + 1
        groups = sorted(sizes)
        rng.shuffle(groups)
        taken = 0
        for group in groups:
            if taken >= fraction * len(subset):
                break
            held.add(group)
            taken += sizes[group]
    return [e for e in examples if e.group not in held], [e for e in examples if e.group in held]


def split_by_group(
    examples: Sequence[Example], seed: int = 0
) -> tuple[list[Example], list[Example]]:
    """Half the phrasing groups of each class against the other half."""
    rng = random.Random(seed)
    first: set[str] = set()
    for label in (0, 1):
        groups = sorted({e.group for e in examples if e.partisan == label})
        rng.shuffle(groups)
        first.update(groups[: len(groups) // 2])
    return [e for e in examples if e.group in first], [e for e in examples if e.group not in first]


def data_hash(examples: Iterable[Example]) -> str:
    digest = hashlib.sha256()
    for example in examples:
        digest.update(f"{example.partisan}\t{example.text}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
