"""A live view of a nightly run, read from the database while the flow works."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from rich.console import Console, Group
from rich.live import Live
from rich.spinner import Spinner
from rich.table import Table
from sqlalchemy import func, select

from pantau.db import session_scope
from pantau.models import Classification, CrawlRun, ReviewItem, Source
from pantau.timeutil import utcnow

REFRESH_S = 0.5


def snapshot(since: datetime) -> Table:
    """Crawl runs begun since `since`, and how far triage has got."""
    table = Table(
        "sumber",
        "status",
        "halaman",
        "baru",
        "diperbarui",
        "galat",
        title="Pantau: jalan malam",
        title_justify="left",
    )
    with session_scope() as session:
        runs = (
            session.execute(
                select(Source.name, CrawlRun)
                .join(CrawlRun.source)
                .where(CrawlRun.started_at >= since)
                .order_by(CrawlRun.id)
            )
            .tuples()
            .all()
        )
        for name, run in runs:
            table.add_row(
                name,
                run.status.value,
                str(run.pages),
                str(run.posts_new),
                str(run.posts_updated),
                str(run.errors),
            )
        scored = (
            session.scalar(
                select(func.count(Classification.id)).where(Classification.created_at >= since)
            )
            or 0
        )
        queued = (
            session.scalar(select(func.count(ReviewItem.id)).where(ReviewItem.created_at >= since))
            or 0
        )
    table.caption = f"dinilai {scored} · masuk antrean {queued}"
    return table


def run_with_progress(work: Callable[[], Any], console: Console) -> Any:
    """Run `work` in a thread and redraw the snapshot until it ends; re-raise its error."""
    since = utcnow()
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed back to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="nightly", daemon=True)
    thread.start()
    with Live(console=console, refresh_per_second=4, transient=False) as live:
        while thread.is_alive():
            live.update(Group(Spinner("dots", text="berjalan…"), snapshot(since)))
            thread.join(REFRESH_S)
        live.update(snapshot(since))
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
