"""Commands this package adds to `pantau` (through the `pantau.commands` entry point)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this package's commands to the root `pantau` app."""
