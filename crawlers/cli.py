"""Commands this package adds to `pantau` (through the `pantau.commands` entry point)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy import select

from crawlers import evidence, imports
from crawlers.capture import CaptureError, capture_url
from crawlers.launch import LaunchError, run_crawl
from crawlers.recheck import recheck_cmd
from crawlers.sources import TARGET_KEYS, SourceConfigError, validate_config
from pantau import audit
from pantau.cli.groups import evidence_app, import_app
from pantau.cli.output import console, fail
from pantau.db import session_scope
from pantau.models import CrawlRun, Platform, Source
from pantau.settings import get_settings

sources_app = typer.Typer(help="Add and list crawl sources.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add this package's commands to the root `pantau` app."""
    app.add_typer(sources_app, name="sources")
    app.command("crawl")(crawl)
    app.command("capture")(capture)
    app.command("recheck")(recheck_cmd)
    app.command("media")(media_cmd)
    import_app.command("posts", help=_IMPORT_HELP)(import_posts)
    evidence_app.command("verify")(verify)


# -- crawl ----------------------------------------------------------------------------------


def crawl(
    source: Annotated[str, typer.Argument(help="Name of the source (see `pantau sources list`)")],
    full: Annotated[
        bool, typer.Option("--full", help="Sweep whole timelines again (finds older edits).")
    ] = False,
    max_pages: Annotated[int | None, typer.Option(help="Pages per target for this run.")] = None,
) -> None:
    """Crawl one source with Scrapy in a subprocess, showing its log as it runs."""
    console.print(f"[bold]crawling {escape(source)}[/]", highlight=False)

    def show(line: str) -> None:
        console.print(escape(line), highlight=False, soft_wrap=True)

    try:
        outcome = run_crawl(source, full=full, max_pages=max_pages, on_line=show)
    except LaunchError as exc:
        fail(str(exc))
    console.print(
        escape(f"run {outcome.run_id} {outcome.status}: {outcome.message}"), highlight=False
    )
    if not outcome.succeeded:
        raise typer.Exit(outcome.exit_code or 1)


# -- sources --------------------------------------------------------------------------------


def _parse_settings(pairs: list[str]) -> dict[str, str]:
    config: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            fail(f"expected KEY=VALUE, got {pair!r}")
        config[key.strip()] = value.strip()
    return config


@sources_app.command("add")
def sources_add(
    name: str,
    platform: Annotated[Platform, typer.Argument(help="mastodon, bluesky, telegram, rss, x …")],
    settings: Annotated[
        list[str] | None,
        typer.Argument(help="KEY=VALUE, lists comma-separated: accounts=a,b hashtags=pilkada"),
    ] = None,
    replace: Annotated[bool, typer.Option(help="Overwrite an existing source's config.")] = False,
    disabled: Annotated[bool, typer.Option(help="Add it switched off.")] = False,
) -> None:
    """Add a source (validated per platform), e.g. `pantau sources add kota mastodon
    instance=https://mastodon.social accounts=budi hashtags=pilkada region_code=35.78`."""
    try:
        config = validate_config(platform.value, _parse_settings(settings or []))
    except SourceConfigError as exc:
        fail(str(exc))
    with session_scope() as session:
        row = session.scalar(select(Source).where(Source.name == name))
        if row is not None and not replace:
            fail(f"source {name!r} exists; use --replace to change it")
        if row is None:
            row = Source(name=name, platform=platform, config=config, enabled=not disabled)
            session.add(row)
        else:
            row.platform, row.config, row.enabled = platform, config, not disabled
        session.flush()
        audit.record(session, None, "source.saved", "source", row.id, {"config": config})
    console.print(f"source {name} saved: {json.dumps(config, ensure_ascii=False)}")


@sources_app.command("list")
def sources_list() -> None:
    """List sources with their targets and their last run."""
    table = Table("name", "platform", "enabled", "targets", "last run")
    with session_scope() as session:
        for src in session.scalars(select(Source).order_by(Source.name)):
            run = session.scalar(
                select(CrawlRun)
                .where(CrawlRun.source_id == src.id)
                .order_by(CrawlRun.id.desc())
                .limit(1)
            )
            keys = TARGET_KEYS.get(src.platform.value, ())
            targets = "; ".join(
                f"{k}: {', '.join(src.config.get(k, []))}" for k in keys if src.config.get(k)
            )
            last = f"{run.status.value} {run.started_at:%Y-%m-%d %H:%M}" if run else "never"
            table.add_row(
                src.name, src.platform.value, "yes" if src.enabled else "no", targets, last
            )
    console.print(table)


# -- capture, import, evidence -------------------------------------------------------------


def capture(url: str) -> None:
    """Capture one public post from its URL (a public report) and print its id."""
    try:
        with session_scope() as session:
            post_id = capture_url(session, url)
    except CaptureError as exc:
        fail(str(exc))
    console.print(post_id)


_IMPORT_HELP = (
    "Import posts from a CSV or JSONL export (Facebook, Instagram, TikTok research APIs). "
    "Columns: platform, post_id, account_id (required); account_handle, account_name, "
    "account_bio, account_followers, url, text, posted_at (ISO 8601 or epoch), kind "
    "(post/reply/repost/comment), parent_post_id, language, likes, shares, comments, views. "
    "Aliases such as id, user_id, username, message, caption, created_at, create_time and "
    "nested post_owner.id are accepted (crawlers/README.md). Rows that do not parse are "
    "reported by line number and quarantined; the others are imported."
)


def import_posts(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
) -> None:
    with session_scope() as session:
        report = imports.import_posts(session, file)
    console.print(
        f"{report.imported} imported, {report.updated} updated, {report.unchanged} unchanged, "
        f"{len(report.bad)} rejected"
    )
    for line, reason in report.bad[:200]:
        console.print(f"  line {line}: {escape(reason)}", highlight=False)
    if len(report.bad) > 200:
        console.print(f"  … and {len(report.bad) - 200} more (see the quarantine table)")
    if report.bad:
        raise typer.Exit(2)


def media_cmd(
    limit: Annotated[int | None, typer.Option(help="Posts to fetch images for.")] = None,
) -> None:
    """Fetch the images of crawled posts (before triage); bad files are quarantined."""
    from crawlers.media import capture_media  # loads Pillow only for this command

    with session_scope() as session:
        stats = capture_media(session, limit=limit)
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(stats.reasons.items())) or "none"
    console.print(
        f"images of {stats.posts} posts: {stats.stored} stored ({stats.reused} already known), "
        f"{stats.quarantined} quarantined ({escape(reasons)}); WARC {stats.warc or '-'}",
        highlight=False,
    )


def verify() -> None:
    """Re-hash every crawl WARC file and every evidence record; nonzero exit on a mismatch."""
    evidence_dir = get_settings().evidence_dir
    with session_scope() as session:
        report = evidence.verify(session, evidence_dir)
    for problem in report.mismatches:
        console.print(f"[red]MISMATCH[/] {escape(str(problem))}", highlight=False, soft_wrap=True)
    console.print(
        f"checked {report.files} WARC files and {report.records} records: "
        f"{len(report.mismatches)} mismatches"
    )
    if not report.ok:
        raise typer.Exit(1)
