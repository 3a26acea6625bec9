#!/bin/sh
# `make bench`: every benchmark at its documented size, one after the other (they would
# distort each other's figures if run together). Each prints ratios against a baseline
# measured in the same run; see the README's "Benchmarks" section for the last figures.
# Pass names to run only some: scripts/bench.sh classify nightly
set -e
cd "$(dirname "$0")/.."
scripts/system-deps.sh
ALL="classify crawl_ingest nightly review_queue dashboard delivery images"
for name in ${*:-$ALL}; do
    echo "== bench/$name.py"
    .venv/bin/python "bench/$name.py"
done
