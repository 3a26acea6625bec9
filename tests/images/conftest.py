"""Image tests import their helpers (hands, photos, media_server) from this folder."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# Before Prefect is imported (flows.images): a throwaway Prefect home, as in tests/flows.
if os.environ.get("PYTEST_XDIST_WORKER") or "PREFECT_HOME" not in os.environ:
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="pantau-prefect-")

sys.path.insert(0, str(Path(__file__).parent))
