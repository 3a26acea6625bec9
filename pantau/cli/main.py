"""Entry point: the core command groups plus whatever the installed packages contribute."""

from __future__ import annotations

from importlib.metadata import entry_points

import typer

from pantau.cli import admin, models, retention, stats
from pantau.cli.groups import audit_app, db_app, evidence_app, import_app, users_app

app = typer.Typer(
    name="pantau",
    help="Pantau finds civil servants (ASN) who campaign on social media and turns "
    "confirmed findings into cases for Bawaslu.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(import_app, name="import")
app.add_typer(audit_app, name="audit")
app.add_typer(evidence_app, name="evidence")
admin.register(app)
models.register(app)
retention.register(app)
stats.register(app)


def load_plugins(root: typer.Typer) -> None:
    """Crawlers, flows, complaints and the web UI add their commands through the
    `pantau.commands` entry point group, so `pantau` never imports them directly."""
    for ep in entry_points(group="pantau.commands"):
        ep.load()(root)


def main() -> None:
    load_plugins(app)
    app()
