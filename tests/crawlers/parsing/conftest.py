"""Loading invented responses from tests/fixtures and recorded real ones from ../shared.

`fixture("real/<platform>/<file>")` reads `../shared/fixtures-real/<platform>/<file>` in
place (the repository carries no copy); when ../shared is missing the test skips.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from shared_data import FIXTURES_REAL, SKIP_REASON

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
REAL_PREFIX = "real/"


def _path(name: str) -> Path:
    if not name.startswith(REAL_PREFIX):
        return FIXTURES / name
    if not FIXTURES_REAL.is_dir():
        pytest.skip(SKIP_REASON)
    return FIXTURES_REAL / name.removeprefix(REAL_PREFIX)


@pytest.fixture
def fixture() -> Callable[[str], bytes]:
    """fixture("real/mastodon/x.json") -> the file's bytes."""
    return lambda name: _path(name).read_bytes()


@pytest.fixture
def meta_headers() -> Callable[[str], dict[str, str]]:
    """Response headers recorded beside a real fixture, with lower-cased names."""

    def load(name: str) -> dict[str, str]:
        meta: dict[str, Any] = json.loads(_path(name).read_text())
        return {k.lower(): v if isinstance(v, str) else v[0] for k, v in meta["headers"].items()}

    return load
