#!/bin/sh
# The whole check a clean clone must pass: system packages, lint, then the suite.
# Database tests run on SQLite and on a throwaway PostgreSQL cluster that
# tests/pg_cluster.py starts on a loopback port in a temp dir and stops afterwards.
#
#   scripts/test.sh [pytest args]          everything (what CI runs)
#   scripts/test.sh --fast [pytest args]   inner loop: no lint, no slow/browser/Prefect-server tiers
#
# Tests run in PANTAU_TEST_WORKERS pytest-xdist workers (default: one per core, at least 2);
# PANTAU_TEST_WORKERS=0 runs them in this process.
set -e
cd "$(dirname "$0")/.."
BIN=.venv/bin
WORKERS=${PANTAU_TEST_WORKERS:-$(nproc 2>/dev/null || echo 2)}
[ "$WORKERS" -ge 2 ] 2>/dev/null || [ "$WORKERS" = 0 ] || WORKERS=2
start=$(date +%s)
scripts/system-deps.sh
if [ "$1" = "--fast" ]; then
    shift
    $BIN/python -m pytest -n "$WORKERS" --dist worksteal \
        -m "not slow and not browser and not prefect_server" "$@"
    echo "make test-fast took $(( $(date +%s) - start ))s"
    exit 0
fi
$BIN/ruff check .
$BIN/mypy
$BIN/lint-imports
$BIN/python scripts/check-third-party.py
$BIN/python -m pytest -n "$WORKERS" --dist worksteal "$@"
echo "make test took $(( $(date +%s) - start ))s (after install)"
