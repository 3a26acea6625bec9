"""Loading recorded and invented responses from tests/fixtures."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture
def fixture() -> Callable[[str], bytes]:
    """fixture("real/mastodon/x.json") -> the file's bytes."""
    return lambda name: (FIXTURES / name).read_bytes()


@pytest.fixture
def meta_headers() -> Callable[[str], dict[str, str]]:
    """Response headers recorded beside a real fixture, with lower-cased names."""

    def load(name: str) -> dict[str, str]:
        meta: dict[str, Any] = json.loads((FIXTURES / name).read_text())
        return {k.lower(): v if isinstance(v, str) else v[0] for k, v in meta["headers"].items()}

    return load
