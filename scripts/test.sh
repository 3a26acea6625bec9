#!/bin/sh
# The whole check a clean clone must pass: system packages, lint, then the suite.
# Database tests run on SQLite and on a throwaway PostgreSQL cluster that
# tests/pg_cluster.py starts on a loopback port in a temp dir and stops afterwards.
set -e
cd "$(dirname "$0")/.."
scripts/system-deps.sh
BIN=.venv/bin
start=$(date +%s)
$BIN/ruff check .
$BIN/mypy
$BIN/lint-imports
$BIN/python -m pytest "$@"
echo "make test took $(( $(date +%s) - start ))s (after install)"
