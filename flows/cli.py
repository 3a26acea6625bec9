"""`pantau nightly`, `serve`, `triage`, `retrain`: the flows, run in-process or served."""

from __future__ import annotations

from typing import Annotated

import typer

from pantau.cli.output import console, fail


def register(app: typer.Typer) -> None:
    """Add this package's commands to the root `pantau` app."""
    app.command("nightly")(nightly_cmd)
    app.command("serve")(serve_cmd)
    app.command("triage")(triage_cmd)
    app.command("retrain")(retrain_cmd)


def nightly_cmd(
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source", help="Crawl only this source (repeatable); default every enabled one."
        ),
    ] = None,
    time_limit: Annotated[int, typer.Option(help="Seconds each crawl may run.")] = 3600,
) -> None:
    """Run the nightly job once, now, on this machine (no Prefect server needed)."""
    from flows.nightly import nightly, render_summary, summary_from_dict
    from flows.progress import run_with_progress

    result = run_with_progress(
        lambda: nightly(sources=source or None, time_limit_s=time_limit), console
    )
    summary = summary_from_dict(result)
    console.print(render_summary(summary), markup=False, highlight=False)
    if summary.failed_sources:
        raise typer.Exit(2)


def serve_cmd(
    time_limit: Annotated[int, typer.Option(help="Seconds each crawl may run.")] = 3600,
) -> None:
    """Serve the scheduled deployments: nightly 01:00, export every 15 min, retrain weekly,
    purge daily (times in PANTAU_TIMEZONE). Runs until stopped."""
    from prefect import serve

    from flows.deployments import build_deployments

    serve(*build_deployments(time_limit))


def triage_cmd(
    batch_size: Annotated[int | None, typer.Option(help="Posts per committed batch.")] = None,
) -> None:
    """Score every post the active model has not scored and fill the review queue."""
    from flows.triage import triage

    stats = triage(batch_size=batch_size)
    console.print(
        f"{stats.scored} scored, {stats.flagged} flagged, {stats.queued} queued, "
        f"{stats.duplicates} duplicates skipped"
    )


def retrain_cmd(
    small: Annotated[bool, typer.Option(help="Smaller vocabularies: quicker, less exact.")] = False,
) -> None:
    """Retrain on analysts' decisions and the datasets found; promote only if not worse."""
    from flows.retrain import retrain

    result = retrain(small=small)
    console.print(f"trained on: {', '.join(result.trained_on)}")
    verdict = "promoted" if result.promoted else "kept as a candidate (worse than active)"
    console.print(
        f"{result.candidate}: {verdict}; F1 {result.candidate_f1} vs "
        f"{result.active_f1} on {result.compared_on}"
    )
    if result.candidate_f1 is None:
        fail("the candidate could not be evaluated")
