"""Where the third-party data the tests read lives: `../shared` beside the checkout.

The repository carries no copies of other projects' data. CI always has `../shared`;
a newcomer's clone may not, and then the tests that need it skip with one reason.

    from shared_data import FIXTURES_REAL, requires_shared

    @requires_shared
    def test_real_feed() -> None: ...

or for a whole module: `pytestmark = requires_shared`.
`PANTAU_SHARED_DIR` points somewhere else (e.g. a copy on another disk).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PANTAU_SHARED_DIR") or REPO.parent / "shared").resolve()
FIXTURES_REAL = SHARED / "fixtures-real"
DATASETS = SHARED / "datasets"

SKIP_REASON = f"needs the shared real data at {SHARED} (absent on this checkout)"


def shared_present(*parts: str) -> bool:
    """True when SHARED/<parts...> exists (e.g. shared_present("datasets", "wilayah-id"))."""
    return SHARED.joinpath(*parts).exists()


requires_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=SKIP_REASON)


def requires(*parts: str) -> pytest.MarkDecorator:
    """Skip marker for one part of ../shared, with the same one-line reason."""
    path = SHARED.joinpath(*parts)
    return pytest.mark.skipif(not path.exists(), reason=f"needs the shared real data at {path}")
