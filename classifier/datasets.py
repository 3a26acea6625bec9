"""Real data read from the shared datasets directory: never copied into the repository.

The caller passes the directory (`pantau` reads it from its `datasets_dir` setting, the
report from `--datasets`); `default_root()` is the same default for code run outside
pantau: `$PANTAU_DATASETS_DIR`, else `../shared/datasets` beside the checkout.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from classifier.corpus import Example
from classifier.registry import Registry

PARTISAN_REAL = "partisan-real-id"
SMSA = "indonlu-smsa"
NUSAX = "nusax-sentiment-id"
# The older contests of partisan-real-id's SmSA comments, written here from public facts.
REGISTRY_2017_2019 = Path(__file__).parent / "data" / "registry-2017-2019.csv"


class DatasetsMissing(FileNotFoundError):
    """The shared datasets directory (or one dataset in it) is not there."""


def default_root() -> Path:
    env = os.environ.get("PANTAU_DATASETS_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"


def require(root: Path, name: str) -> Path:
    folder = Path(root) / name
    if not folder.is_dir():
        raise DatasetsMissing(
            f"dataset {name!r} not found under {root}: set PANTAU_DATASETS_DIR to the shared "
            "datasets directory (by default ../shared/datasets beside the checkout)"
        )
    return folder


def available(root: Path) -> list[str]:
    """The datasets this module can use that are present under `root`."""
    return [n for n in (PARTISAN_REAL, SMSA, NUSAX) if (Path(root) / n).is_dir()]


def key(text: str) -> str:
    """The overlap key from the dataset notes: lower case, alphanumerics only."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


_NOISE = re.compile(r"@\w+|https?://\S+|#\w+")


def _near_keys(text: str) -> list[str]:
    """Keys under which near-duplicates collide: the text without mentions, links and
    hashtags, and its head and tail (reposted headlines differ in what is appended)."""
    core = key(_NOISE.sub(" ", text))
    if len(core) < 12:
        return [f"full:{key(text)}"]
    return [f"full:{core}", f"head:{core[:40]}", f"tail:{core[-40:]}"]


def near_duplicate_groups(texts: Sequence[str]) -> list[int]:
    """A group id per text; texts sharing any near key end up in one group (union-find)."""
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, text in enumerate(texts):
        for k in _near_keys(text):
            if k in first:
                parent[find(i)] = find(first[k])
            else:
                first[k] = i
    return [find(i) for i in range(len(texts))]


def partisan_real(root: Path) -> list[Example]:
    """The hand-labelled real posts; `group` is the near-duplicate group, `source` the
    dataset's (`pilpres2024`, `smsa-train|valid|test`)."""
    path = require(root, PARTISAN_REAL) / "posts.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    groups = near_duplicate_groups([r["text"] for r in rows])
    return [
        Example(
            text=r["text"],
            partisan=int(r["partisan"]),
            stance=r.get("stance") or "none",
            group=f"near-{g}",
            source=r["source"],
            id=r["id"],
        )
        for r, g in zip(rows, groups, strict=True)
    ]


def pilpres2024_registry(root: Path) -> Registry:
    return Registry.from_csv(require(root, PARTISAN_REAL) / "registry-pilpres2024.csv")


def registry_2017_2019() -> Registry:
    return Registry.from_csv(REGISTRY_2017_2019)


def registry_for(example: Example, root: Path) -> Registry:
    return pilpres2024_registry(root) if example.source == "pilpres2024" else registry_2017_2019()


def _smsa(root: Path, name: str) -> list[Example]:
    path = require(root, SMSA) / f"{name}_preprocess.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        Example(r[0], 0, group="real", source=f"smsa-{name}") for r in rows if r and r[0].strip()
    ]


def _nusax(root: Path, name: str) -> list[Example]:
    with (require(root, NUSAX) / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [Example(r["text"], 0, group="real", source=f"nusax-{name}") for r in rows]


def everyday(root: Path) -> tuple[list[Example], list[Example]]:
    """(train, validation) everyday posts from SmSA and NusaX, as non-partisan.

    NusaX sentences were drawn from SmSA, so validation (SmSA valid + NusaX valid) drops
    every text whose overlap key occurs in either training file. Comments that
    partisan-real-id labelled (some partisan) are dropped from both: they are labelled
    data, not everyday talk.
    """
    root = Path(root)
    labelled = (
        {key(e.text) for e in partisan_real(root)} if (root / PARTISAN_REAL).is_dir() else set()
    )
    have = available(root)
    if SMSA not in have and NUSAX not in have:
        require(root, SMSA)  # raises, naming the directory
    smsa = SMSA in have
    nusax = NUSAX in have
    train = _dedupe(
        (_smsa(root, "train") if smsa else []) + (_nusax(root, "train") if nusax else []),
        labelled,
    )
    seen = {key(e.text) for e in train} | labelled
    valid = _dedupe(
        (_smsa(root, "valid") if smsa else []) + (_nusax(root, "valid") if nusax else []), seen
    )
    return train, valid


def _dedupe(examples: Iterable[Example], exclude: set[str]) -> list[Example]:
    seen = set(exclude)
    unique = []
    for example in examples:
        k = key(example.text)
        if k and k not in seen:
            seen.add(k)
            unique.append(example)
    return unique


# The files training reads, per dataset (validation parts are only measured on).
TRAINING_FILES = {
    PARTISAN_REAL: ("posts.jsonl", "registry-pilpres2024.csv"),
    SMSA: ("train_preprocess.tsv",),
    NUSAX: ("train.csv",),
}


def file_hashes(root: Path, names: Iterable[str]) -> dict[str, str]:
    """sha256 of every training file of the named datasets, by path relative to `root`."""
    hashes = {}
    for name in names:
        for file in TRAINING_FILES.get(name, ()):
            path = Path(root) / name / file
            if path.is_file():
                hashes[f"{name}/{file}"] = hashlib.sha256(path.read_bytes()).hexdigest()
        if name == PARTISAN_REAL:  # its 2017–2018 rows are featurised with our own registry
            own = f"classifier/data/{REGISTRY_2017_2019.name}"
            hashes[own] = hashlib.sha256(REGISTRY_2017_2019.read_bytes()).hexdigest()
    return hashes
