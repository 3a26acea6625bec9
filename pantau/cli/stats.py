"""`pantau stats refresh`: bring the dashboard's daily rollup up to yesterday."""

from __future__ import annotations

from typing import Annotated

import typer

from pantau.cli.output import console
from pantau.db import session_scope
from pantau.stats import refresh

stats_app = typer.Typer(help="Dashboard aggregates.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(stats_app, name="stats")


@stats_app.command("refresh")
def refresh_cmd(
    full: Annotated[
        bool, typer.Option("--full", help="Recount every day from the tables as they are now.")
    ] = False,
) -> None:
    """Roll up every finished day (local time) not rolled up yet; the nightly flow runs this."""
    with session_scope() as session:
        report = refresh(session, full=full)
    if report.days == 0:
        console.print("rollup already up to date")
        return
    console.print(
        f"rolled up {report.days} day(s), {report.first} to {report.last}: {report.rows} rows"
    )
