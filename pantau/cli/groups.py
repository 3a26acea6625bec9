"""Command groups that several packages add commands to (through the `pantau.commands` plugins)."""

from __future__ import annotations

import typer

db_app = typer.Typer(help="Create and check the database schema.", no_args_is_help=True)
users_app = typer.Typer(help="Add, list and disable Pantau users.", no_args_is_help=True)
import_app = typer.Typer(
    help="Load registries and posts from CSV or JSONL files.", no_args_is_help=True
)
audit_app = typer.Typer(help="Check the tamper-evident audit log.", no_args_is_help=True)
evidence_app = typer.Typer(
    help="Check preserved evidence and evidence bundles.", no_args_is_help=True
)
