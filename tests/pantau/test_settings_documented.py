"""Every setting is documented in README.md's configuration table (as datasette checks its own)."""

from __future__ import annotations

import re
from pathlib import Path

from pantau.settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def _documented() -> set[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return set(re.findall(r"`(PANTAU_[A-Z0-9_]+)`", "\n".join(rows)))


def test_every_setting_has_a_row_in_the_readme_configuration_table() -> None:
    prefix = Settings.model_config.get("env_prefix", "")
    names = {f"{prefix}{field}".upper() for field in Settings.model_fields}
    missing = sorted(names - _documented())
    assert not missing, "document in README.md's Configuration table: " + ", ".join(missing)


def test_the_table_names_no_setting_that_does_not_exist() -> None:
    prefix = Settings.model_config.get("env_prefix", "")
    names = {f"{prefix}{field}".upper() for field in Settings.model_fields}
    # The demo's own ports are read by scripts/demo.py, not by Settings.
    stale = sorted(_documented() - names - {"PANTAU_DEMO_WEB_PORT", "PANTAU_DEMO_REPLAY_PORT"})
    assert not stale, "README.md documents settings that do not exist: " + ", ".join(stale)
