"""`pantau purge`: retention of posts that were never flagged (UU 27/2022 purpose limitation)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from pantau.cli.output import console, fail
from pantau.retention import PurgeReport, run_purge
from pantau.settings import get_settings

LABELS = {
    "posts": "posts",
    "raw_payloads": "raw payloads",
    "versions": "post versions",
    "classifications": "classifications",
    "evidence": "evidence rows",
    "evidence_files": "evidence files deleted",
    "evidence_files_kept": "evidence files kept (shared with kept posts)",
    "accounts": "accounts left without posts",
    "quarantine": "quarantined inputs",
}


def register(app: typer.Typer) -> None:
    app.command("purge")(purge)


def purge(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Count what would be purged; change nothing.")
    ] = False,
    max_posts: Annotated[
        int | None, typer.Option(help="Stop after this many posts (the rest go next time).")
    ] = None,
) -> None:
    """Purge posts never flagged and older than PANTAU_RETENTION_DAYS, with their raw
    payloads, versions, classifications and the evidence that belongs to them alone.
    Evidence of flagged posts and of cases is never purged."""
    if max_posts is not None and max_posts < 1:
        fail("--max-posts must be at least 1")
    try:
        report = run_purge(dry_run=dry_run, max_posts=max_posts)
    except ValueError as exc:
        fail(str(exc))
    _print(report)


def _print(report: PurgeReport) -> None:
    days = get_settings().retention_days
    verb = "would purge" if report.dry_run else "purged"
    console.print(
        f"{verb}: data first seen before {report.cutoff:%Y-%m-%d %H:%M} UTC (retention {days} days)"
    )
    table = Table("what", "count")
    for key, value in report.counts().items():
        table.add_row(LABELS[key], str(value))
    console.print(table)
    if not report.complete:
        console.print("stopped at --max-posts; run again to purge the rest")
