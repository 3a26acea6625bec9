"""Commands this package adds to `pantau` (through the `pantau.commands` entry point):
`pantau complaints ...`, `pantau import follow-up` and `pantau evidence verify-bundle`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau import outbox
from pantau.cases import CaseError
from pantau.cli.groups import evidence_app, import_app
from pantau.cli.output import console, errors, fail
from pantau.db import session_scope
from pantau.followup import import_follow_up
from pantau.models import Case, Outbox, OutboxStatus
from pantau.registries.csvio import ImportRejected

# Rendering, bundling and delivery are imported inside the commands: every `pantau` run
# loads this module, and fpdf2 alone takes most of a second to import.
FileArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)]
complaints_app = typer.Typer(
    help="Formal reports, evidence bundles and delivery to the complaint system.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add this package's commands to the root `pantau` app."""
    app.add_typer(complaints_app, name="complaints")
    import_app.command("follow-up")(import_follow_up_cmd)
    evidence_app.command("verify-bundle")(verify_bundle_cmd)


@complaints_app.command("deliver")
def deliver_cmd(
    limit: Annotated[int, typer.Option(help="At most this many deliveries in this run.")] = 500,
) -> None:
    """Deliver approved cases waiting in the outbox (safe to re-run, or to run twice)."""
    from complaints.delivery import deliver_pending

    stats = deliver_pending(limit=limit)
    console.print(
        f"delivered {stats.delivered} (already at the receiver: {stats.duplicates}), "
        f"retry later {stats.retried}, failed {stats.failed}, superseded {stats.superseded}"
    )
    for line in stats.errors[-10:]:
        console.print(f"  {line}", highlight=False)
    if stats.failed:
        raise typer.Exit(2)


def _case(session: Session, number: str) -> Case:
    case = session.scalars(select(Case).where(Case.number == number)).first()
    if case is None:
        fail(f"no case {number!r}")
    return case


@complaints_app.command("report")
def report_cmd(
    number: str,
    pdf: Annotated[Path | None, typer.Option(help="Write the PDF here.")] = None,
    html: Annotated[Path | None, typer.Option(help="Write the HTML here.")] = None,
) -> None:
    """Render a case's formal report (as approved, or the live draft before approval)."""
    from complaints.pdf import render_pdf
    from complaints.report import render_html

    if pdf is None and html is None:
        fail("give --pdf FILE and/or --html FILE")
    with session_scope() as session:
        payload = outbox.payload_for(session, _case(session, number))
    if pdf is not None:
        pdf.write_bytes(render_pdf(payload))
        console.print(f"wrote {pdf}")
    if html is not None:
        html.write_text(render_html(payload), encoding="utf-8")
        console.print(f"wrote {html}")


@complaints_app.command("bundle")
def bundle_cmd(number: str, out: Path) -> None:
    """Write a case's evidence bundle (ZIP) to OUT."""
    from complaints.bundle import BundleError, build_bundle

    try:
        with session_scope() as session:
            data = build_bundle(session, outbox.payload_for(session, _case(session, number)))
    except BundleError as exc:
        fail(str(exc))
    out.write_bytes(data)
    console.print(f"wrote {out} ({len(data)} bytes)")


@complaints_app.command("requeue")
def requeue_cmd(number: str) -> None:
    """Send a failed delivery round again (after fixing what made it fail)."""
    try:
        with session_scope() as session:
            case = _case(session, number)
            row = session.scalars(
                select(Outbox).where(
                    Outbox.case_id == case.id, Outbox.status == OutboxStatus.FAILED
                )
            ).first()
            if row is None:
                raise CaseError(f"case {number} has no failed delivery")
            outbox.requeue(session, row.id, "cli")
    except CaseError as exc:
        fail(str(exc))
    console.print(f"requeued the delivery of {number}")


def import_follow_up_cmd(
    file: FileArg,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check only; write nothing.")] = False,
) -> None:
    """Record follow-up from the receiving body: case_number,status,date,note. Status is
    acknowledged, recommendation_issued, sanctioned or closed. A file with any bad row is
    rejected whole; rows already recorded are skipped."""
    try:
        with session_scope() as session:
            report = import_follow_up(
                session, file.read_bytes(), f"import:{file.name}", dry_run=dry_run
            )
    except ImportRejected as exc:
        fail(str(exc))
    verb = "would record" if dry_run else "recorded"
    console.print(
        f"{verb} {report.recorded} follow-up rows from {file.name}; "
        f"{report.already_recorded} were already recorded"
    )


def verify_bundle_cmd(
    file: FileArg,
    public_key: Annotated[
        str | None,
        typer.Option(help="The office's Ed25519 public key (base64); default: this office's."),
    ] = None,
) -> None:
    """Check an evidence bundle on its own: the office's signature on manifest.json, every
    file against it, the evidence against the hashes recorded at capture, nothing missing
    and nothing extra."""
    from complaints.bundle import verify_bundle

    check = verify_bundle(file.read_bytes(), public_key)
    if not check.ok:
        for problem in check.problems:
            errors.print(f"  {problem}", highlight=False)
        fail(f"{file.name}: {len(check.problems)} problem(s); the bundle is NOT intact")
    console.print(
        f"{file.name}: bundle intact, case {check.case_number}, "
        f"{check.files_checked} files verified"
    )
