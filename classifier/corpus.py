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


def data_hash(examples: Iterable[Example]) -> str:
    digest = hashlib.sha256()
    for example in examples:
        digest.update(f"{example.partisan}\t{example.text}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
