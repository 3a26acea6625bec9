"""`pantau train` and `pantau evaluate`: wired to the classifier package."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """The classifier commands are added here once the classifier lands."""
