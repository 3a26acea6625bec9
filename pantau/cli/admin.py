"""Core commands: database, users, registries and the audit log."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import select

from pantau import migrate
from pantau.cli.groups import audit_app, db_app, import_app, users_app
from pantau.cli.output import console, fail
from pantau.db import session_scope
from pantau.models import Role, User
from pantau.regions import RegionListError, parse_regions, save_regions
from pantau.registries import ImportRejected, import_candidates, import_civil_servants
from pantau.settings import get_settings
from pantau.users import UserError, create_user, disable_user, get_by_username

FileArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Check the file and report; write nothing.")
]


def register(app: typer.Typer) -> None:
    """Core groups are defined in pantau.cli.groups; importing this module fills them."""


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create the database or bring it to the newest schema."""
    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    migrate.upgrade()
    console.print(f"database ready at revision {migrate.head_revision()}")


@db_app.command("check")
def db_check() -> None:
    """Check that the database is at the newest schema and matches the code."""
    problems = migrate.check()
    if problems:
        fail("\n".join(problems))
    console.print("database schema is current")


@users_app.command("add")
def users_add(
    username: str,
    role: Annotated[Role, typer.Option(help="analyst, supervisor or admin")],
    full_name: Annotated[str, typer.Option("--name", help="Full name shown in the UI")] = "",
    region: Annotated[
        str, typer.Option(help="Region-code scope, e.g. 35 or 35.78; empty means national")
    ] = "",
    password: Annotated[
        str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)
    ] = "",
) -> None:
    """Add a user who can log in to the review UI."""
    try:
        with session_scope() as session:
            user = create_user(
                session, username, full_name or username, role, password, region or None
            )
            console.print(
                f"added {user.username} ({user.role.value}, {user.region_scope or 'national'})"
            )
    except UserError as exc:
        fail(str(exc))


@users_app.command("list")
def users_list() -> None:
    """List users with their role, region scope and whether they are active."""
    table = Table("username", "name", "role", "region", "active")
    with session_scope() as session:
        for u in session.scalars(select(User).order_by(User.username)):
            table.add_row(
                u.username,
                u.full_name,
                u.role.value,
                u.region_scope or "national",
                "yes" if u.active else "no",
            )
    console.print(table)


@users_app.command("disable")
def users_disable(username: str) -> None:
    """Stop a user from logging in (their history stays)."""
    with session_scope() as session:
        user = get_by_username(session, username)
        if user is None:
            fail(f"no user {username!r}")
        try:
            disable_user(session, user)
        except UserError as exc:
            fail(str(exc))
    console.print(f"disabled {username}")


def _run_import(kind: str, path: Path, dry_run: bool) -> None:
    importer = import_civil_servants if kind == "civil-servants" else import_candidates
    try:
        with session_scope() as session:
            report = importer(session, path.read_bytes(), dry_run=dry_run)
    except ImportRejected as exc:
        fail(str(exc))
    verb = "would import" if dry_run else "imported"
    console.print(
        f"{verb} {report.total} rows from {path.name}: {report.created} new, "
        f"{report.updated} updated, {report.unchanged} unchanged"
    )


@import_app.command("civil-servants")
def import_civil_servants_cmd(file: FileArg, dry_run: DryRun = False) -> None:
    """Load the ASN registry: nip,name,agency,position,position_category,employment_type,
    region_code. A file with any bad row is rejected whole."""
    _run_import("civil-servants", file, dry_run)


@import_app.command("candidates")
def import_candidates_cmd(file: FileArg, dry_run: DryRun = False) -> None:
    """Load contests and candidate pairs, one row per pair; ';' separates multiple values.
    A file with any bad row is rejected whole."""
    _run_import("candidates", file, dry_run)


@import_app.command("regions")
def import_regions_cmd(file: FileArg, dry_run: DryRun = False) -> None:
    """Load the official Kemendagri list (CSV kode,nama; districts and villages are ignored).
    It replaces the packaged list for validation and region names, e.g. after a split."""
    try:
        names = parse_regions(file.read_bytes()) if dry_run else save_regions(file.read_bytes())
    except RegionListError as exc:
        fail(str(exc))
    count = sum(1 for code in names if "." in code)
    verb = "would import" if dry_run else "imported"
    console.print(f"{verb} {len(names) - count} provinces and {count} regencies/cities")


@audit_app.command("verify")
def audit_verify() -> None:
    """Re-hash the audit chain and check it against the latest signed checkpoint."""
    from pantau import audit_anchor

    try:
        latest = audit_anchor.latest_checkpoint()
    except (ValueError, TypeError) as exc:
        fail(f"latest audit checkpoint is not valid: {exc}")
    with session_scope() as session:
        result = audit_anchor.verify_against(session, latest[0] if latest else None)
    if not result.ok:
        fail(f"{result.broken} ({result.checked} events before it are intact)")
    console.print(f"audit chain intact: {result.checked} events")
    if latest is None:
        console.print("no checkpoint yet: truncation and full rewrites cannot be detected")
    else:
        cp, path = latest
        console.print(f"matches checkpoint {path.name} ({cp.count} events at {cp.at})")


@audit_app.command("checkpoint")
def audit_checkpoint() -> None:
    """Sign the chain's current head into <data_dir>/audit-checkpoints (nightly does this)."""
    from pantau import audit_anchor

    with session_scope() as session:
        cp, path = audit_anchor.write_checkpoint(session)
    console.print(f"checkpoint {path}: {cp.count} events, head {cp.head_hash[:16]}")
