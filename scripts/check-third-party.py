#!/usr/bin/env python3
"""Fail when a tracked file is someone else's data or carries another project's licence.

Third-party data lives in ../shared (tests and training read it in place) or comes from
packages; only the vendored front-end assets in ALLOWED may carry their own licence here.
A file fails when it
- is named like a licence (LICENSE, COPYING, NOTICE, *.LICENSE*);
- contains the text of a licence (MIT, Apache, GPL, BSD, MPL, Creative Commons, SPDX tags);
- sits under a path named after a known third-party dataset;
- is a byte copy of a file in ../shared (checked when ../shared is present).

    scripts/check-third-party.py [--root DIR] [--shared DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Vendored front-end assets and fonts, shipped with their own licence on purpose.
ALLOWED: dict[str, str] = {
    "review_ui/static/htmx.min.js": "htmx (BSD-2-Clause)",
    "review_ui/static/htmx.LICENSE.txt": "htmx licence",
    "review_ui/static/vendor/chart.umd.min.js": "Chart.js (MIT)",
    "review_ui/static/vendor/chart.js.LICENSE.md": "Chart.js licence",
    "review_ui/static/vendor/chart.js.SOURCE.md": "Chart.js provenance",
    "complaints/fonts/DejaVuSans.ttf": "DejaVu fonts (Bitstream Vera licence)",
    "complaints/fonts/DejaVuSans-Bold.ttf": "DejaVu fonts",
    "complaints/fonts/DejaVuSansMono.ttf": "DejaVu fonts",
    "complaints/fonts/LICENSE": "DejaVu fonts licence",
    "complaints/fonts/SOURCE.md": "DejaVu fonts provenance",
    "scripts/check-third-party.py": "this checker names what it looks for",
}

LICENCE_NAME = re.compile(r"(^|[./_-])(licen[cs]e|copying|notice)([./_-]|$)", re.IGNORECASE)

# Phrases that only a licence's own text contains (not a mention such as "MIT" in a table).
LICENCE_TEXT = re.compile(
    "|".join(
        [
            r"Permission is hereby granted, free of charge",
            r"Licensed under the Apache License",
            r"Apache License,?\s+Version 2\.0",
            r"GNU (Lesser |Affero )?General Public License",
            r"Redistribution and use in source and binary forms",
            r"Mozilla Public License",
            r"Creative Commons (Attribution|Legal Code)",
            r"creativecommons\.org/licenses",
            r"SPDX-License-Identifier",
            r"THE SOFTWARE IS PROVIDED \"AS IS\"",
        ]
    ),
    re.IGNORECASE,
)

# Path parts that name public datasets this project reads from ../shared, never copies.
DATASET_NAMES = re.compile(
    r"nusax|indonlu|smsa|colloquial-lexicon|inforformal-formal|stopwords-id|wilayah"
    r"|partisan-real|gesture-images|fixtures-real|fixtures/real|/vendor/",
    re.IGNORECASE,
)

TEXT_LIMIT = 2_000_000  # licence texts sit at the top of a file or are the whole file


def tracked_files(root: Path) -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z"], check=True, capture_output=True
    ).stdout
    return [p for p in out.decode().split("\0") if p and (root / p).is_file()]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shared_digests(shared: Path, sizes: set[int]) -> dict[str, str]:
    """sha256 -> path for files in ../shared whose size matches a tracked file's."""
    found: dict[str, str] = {}
    if not shared.is_dir():
        return found
    for path in shared.rglob("*"):
        if path.is_file() and path.stat().st_size in sizes:
            found[_digest(path)] = str(path.relative_to(shared))
    return found


def problems(root: Path, files: Iterable[str], shared: Path) -> Iterator[str]:
    files = [f for f in files if f not in ALLOWED]
    sizes = {(root / f).stat().st_size for f in files}
    copies = shared_digests(shared, sizes - {0})
    for name in files:
        path = root / name
        if LICENCE_NAME.search(Path(name).name):
            yield f"{name}: a licence file of another project"
        if DATASET_NAMES.search("/" + name):
            yield f"{name}: named after a third-party dataset (read it from ../shared)"
        data = path.read_bytes()
        if data and (copy := copies.get(hashlib.sha256(data).hexdigest())):
            yield f"{name}: a copy of ../shared/{copy}"
        match = LICENCE_TEXT.search(data[:TEXT_LIMIT].decode("utf-8", "replace"))
        if match:
            yield f"{name}: carries licence text ({match.group(0)!r})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--shared", type=Path, default=None, help="default: <root>/../shared")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    shared = args.shared or root.parent / "shared"
    found = list(problems(root, tracked_files(root), shared))
    for line in found:
        print(line)
    if found:
        print(
            f"\n{len(found)} third-party problem(s). Real data belongs in ../shared; vendored "
            "front-end assets go in ALLOWED in scripts/check-third-party.py.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
