"""Throughput of classifier.score_posts against a bare hashing baseline, with peak memory.

Usage: .venv/bin/python bench/classify.py [--n 100000] [--n-process 1 2] [--seed 0]

Posts are real: the unlabelled Pilpres 2024 tweets of partisan-real-id and the everyday
SmSA/NusaX posts, read from the datasets directory ($PANTAU_DATASETS_DIR, default
../shared/datasets), about half each, and varied (joined, cut, suffixed) so that most
texts are unique. The bundled model and the Pilpres 2024 registry are used. Wall time
and CPU time are both reported: this machine is shared, and CPU time is the steadier
figure when others are busy.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import SGDClassifier

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifier import (
    Author,
    PartisanModel,
    PostInput,
    Registry,
    Score,
    datasets,
    load_bundled,
    score_posts,
)
from classifier.scoring import featurizer

SLICE = 10_000
BIOS = ["", "", "", "Guru SDN 4 | ASN", "Staf Dinas Perhubungan", "Mahasiswa", "PNS Pemkot"]


def tweets(root: Path) -> list[str]:
    path = datasets.require(root, datasets.PARTISAN_REAL) / "unlabelled-pilpres2024.jsonl"
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


def make_posts(n: int, seed: int, root: Path) -> list[PostInput]:
    rng = random.Random(seed)
    seed_texts = tweets(root)
    real_texts = [e.text for e in datasets.everyday(root)[0]]
    posts = []
    for i in range(n):
        text = rng.choice(seed_texts if rng.random() < 0.5 else real_texts)
        roll = rng.random()
        if roll < 0.2:
            text = f"{text} {rng.choice(seed_texts)}"
        elif roll < 0.4:
            words = text.split()
            text = " ".join(words[: rng.randint(1, len(words))])
        text = f"{text} #{rng.randint(0, 99999)}" if rng.random() < 0.5 else f"@u{i} {text}"
        author = Author(
            handle=f"akun{i % 5000}", bio=rng.choice(BIOS), followers=rng.randint(0, 10**5)
        )
        posts.append(PostInput(text, author))
    return posts


def baseline(root: Path) -> Callable[[list[str]], np.ndarray]:
    """HashingVectorizer (word 1-2 + char_wb 3-5) and a linear model; no spaCy, no matchers."""
    words = HashingVectorizer(ngram_range=(1, 2), n_features=2**20, alternate_sign=False)
    chars = HashingVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), n_features=2**20, alternate_sign=False
    )
    examples = datasets.partisan_real(root) + datasets.everyday(root)[0][:4000]
    texts = [e.text for e in examples]
    matrix = sp.hstack([words.transform(texts), chars.transform(texts)], format="csr")
    model = SGDClassifier(loss="log_loss", random_state=0).fit(
        matrix, [e.partisan for e in examples]
    )

    def run(raw: list[str]) -> np.ndarray:
        features = sp.hstack([words.transform(raw), chars.transform(raw)], format="csr")
        return model.predict_proba(features)[:, 1]

    return run


def timed(run: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), _cpu()
    run()
    return time.perf_counter() - wall, _cpu() - cpu


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--n-process", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--datasets", type=Path, default=datasets.default_root())
    args = parser.parse_args()

    started = time.perf_counter()
    model, registry = load_bundled(), datasets.pilpres2024_registry(args.datasets)
    featurizer()._for(registry)
    startup = time.perf_counter() - started
    posts = make_posts(args.n, args.seed, args.datasets)
    rss_before = _peak_mb(resource.RUSAGE_SELF)
    mean = np.mean([len(p.text) for p in posts])
    print(f"{args.n} posts, mean {mean:.0f} chars; model {model.version}; startup {startup:.1f}s")
    print(f"load average {os.getloadavg()[0]:.1f} (the machine may be shared)")

    # The machine may be shared, so the baseline and serial score_posts take turns on the
    # same 10k-post slices: both see the same contention, and their ratio stays meaningful.
    predict = baseline(args.datasets)
    base = [0.0, 0.0]
    ours = [0.0, 0.0]
    flagged = 0
    for start in range(0, args.n, SLICE):
        chunk = posts[start : start + SLICE]
        texts = [p.text for p in chunk]
        wall, cpu = timed(lambda: predict(texts))  # noqa: B023 - called at once
        base[0], base[1] = base[0] + wall, base[1] + cpu
        wall, cpu, scores = timed_scores(model, chunk, registry, 1)
        ours[0], ours[1] = ours[0] + wall, ours[1] + cpu
        flagged += sum(1 for s in scores if s.flagged)
    peak_serial = _peak_mb(resource.RUSAGE_SELF)
    rows: list[tuple[str, float, float]] = [
        ("baseline: hashing + SGD", base[0], base[1]),
        ("score_posts, n_process=1", ours[0], ours[1]),
    ]
    for n_process in [n for n in args.n_process if n > 1]:
        wall, cpu, _ = timed_scores(model, posts, registry, n_process)
        rows.append((f"score_posts, n_process={n_process} (alone)", wall, cpu))
    print_table(rows, args.n)
    print(
        f"\nflagged {flagged} of {args.n}. Peak RSS: {rss_before:.0f} MB before scoring, "
        f"{peak_serial:.0f} MB after the interleaved runs, "
        f"{_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB in the largest worker. "
        f"Load average now {os.getloadavg()[0]:.1f}."
    )


def timed_scores(
    model: PartisanModel, posts: list[PostInput], registry: Registry, n_process: int
) -> tuple[float, float, list[Score]]:
    scores: list[Score] = []
    wall, cpu = timed(
        lambda: scores.extend(score_posts(model, posts, registry, n_process=n_process))
    )
    return wall, cpu, scores


def print_table(rows: list[tuple[str, float, float]], n: int) -> None:
    header = ("method", "wall s", "posts/s", "CPU s", "posts/CPU s", "vs baseline")
    print("\n{:<38} {:>8} {:>9} {:>8} {:>12} {:>12}".format(*header))
    base_wall = rows[0][1]
    for name, wall, cpu in rows:
        ratio = base_wall / wall
        print(
            f"{name:<38} {wall:>8.1f} {n / wall:>9.0f} {cpu:>8.1f} {n / cpu:>12.0f} {ratio:>11.2f}x"
        )


if __name__ == "__main__":
    main()
