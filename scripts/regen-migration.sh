#!/bin/sh
# Until the first release the schema is one migration: regenerate it from the models.
# After a release, replace this with `alembic revision --autogenerate` for each change.
set -e
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
rm -f pantau/migrations/versions/0001_initial_schema.py
.venv/bin/python - "$tmp" <<'PY'
import sys
from alembic import command
from pantau.migrate import alembic_config
command.revision(alembic_config(f"sqlite:///{sys.argv[1]}/empty.db"), message="initial schema",
                 autogenerate=True, rev_id="0001")
PY
rm -rf "$tmp"
.venv/bin/ruff format -q pantau/migrations/versions/0001_initial_schema.py
