"""Retention: purge posts that were never flagged once they are older than retention_days.

Pantau collects public posts only to find civil servants who campaign. A post that
was never flagged, never queued for review and never put in a case has served that
purpose once it is older than `settings.retention_days`, so it goes, with its raw
payload, its versions, its classifications and the evidence that belongs to it alone
(purpose limitation, UU 27/2022 on personal data protection). Evidence of flagged
posts and of cases is never touched.

Evidence files are shared: one WARC file per crawl run holds the pages of many posts.
A file is deleted only when every evidence row that names it belongs to a purged post;
otherwise only the rows go and the file stays for the posts still kept. Files are
removed after the transaction commits (`remove_files`), so a rollback never leaves
rows pointing at deleted files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, CompoundSelect, delete, exists, func, select, union, update
from sqlalchemy.orm import Session, aliased

from pantau import audit
from pantau.db import session_scope
from pantau.models import (
    Account,
    AsnStatus,
    Case,
    Classification,
    CrawlRun,
    Evidence,
    Post,
    PostVersion,
    Quarantine,
    ReviewItem,
    User,
    case_posts,
)
from pantau.settings import get_settings
from pantau.timeutil import utcnow

ACTION = "retention.purge"
BATCH = 500


@dataclass
class PurgeReport:
    cutoff: datetime
    retention_days: int
    dry_run: bool
    posts: int = 0
    raw_payloads: int = 0
    versions: int = 0
    classifications: int = 0
    evidence: int = 0
    accounts: int = 0
    quarantine: int = 0
    files: list[str] = field(default_factory=list)  # evidence-relative paths to delete
    files_kept: int = 0  # files shared with posts that stay
    runs_unlinked: list[dict[str, Any]] = field(default_factory=list)
    complete: bool = True  # False when max_posts stopped the run early

    def counts(self) -> dict[str, int]:
        return {
            "posts": self.posts,
            "raw_payloads": self.raw_payloads,
            "versions": self.versions,
            "classifications": self.classifications,
            "evidence": self.evidence,
            "evidence_files": len(self.files),
            "evidence_files_kept": self.files_kept,
            "accounts": self.accounts,
            "quarantine": self.quarantine,
        }


def protected_posts() -> CompoundSelect:
    """Ids of posts queued for review, in a case, or ever flagged by the classifier.

    As one set (NOT IN) rather than a probe per post: case_posts has no index on
    post_id alone, and the set is small next to the posts table.
    """
    return union(
        select(ReviewItem.post_id),
        select(case_posts.c.post_id),
        select(Classification.post_id).where(Classification.flagged.is_(True)),
    )


def purgeable(cutoff: datetime) -> ColumnElement[bool]:
    """Old, never flagged, and not the parent a flagged post shares or answers."""
    protected = protected_posts().subquery()
    child = aliased(Post)
    parents = select(child.parent_id).where(
        child.parent_id.is_not(None), child.id.in_(select(protected.c.post_id))
    )
    return (
        (Post.first_seen_at < cutoff)
        & Post.id.not_in(select(protected.c.post_id))
        & Post.id.not_in(parents)
    )


def _batches(session: Session, cutoff: datetime, max_posts: int | None) -> Iterator[list[int]]:
    """The purgeable ids, found in one pass (the protected sets are built once), in chunks."""
    query = select(Post.id).where(purgeable(cutoff)).order_by(Post.id)
    if max_posts is not None:
        query = query.limit(max_posts)
    ids = list(session.scalars(query))
    for i in range(0, len(ids), BATCH):
        yield ids[i : i + BATCH]


def _count(session: Session, column: Any, ids: Any, *extra: Any) -> int:
    return int(session.scalar(select(func.count()).where(column.in_(ids), *extra)) or 0)


def _purge_batch(
    session: Session, ids: list[int], report: PurgeReport, paths: Counter[str]
) -> None:
    report.posts += len(ids)
    report.raw_payloads += _count(session, Post.id, ids, Post.raw.is_not(None))
    report.versions += _count(session, PostVersion.post_id, ids)
    report.classifications += _count(session, Classification.post_id, ids)
    for path, n in session.execute(
        select(Evidence.path, func.count()).where(Evidence.post_id.in_(ids)).group_by(Evidence.path)
    ):
        paths[path] += n
        report.evidence += n
    # Children by id: SQLite scans the whole table to update the column it would search by.
    children = list(session.scalars(select(Post.id).where(Post.parent_id.in_(ids))))
    if children:
        session.execute(update(Post).where(Post.id.in_(children)).values(parent_id=None))
    for table, column in (
        (PostVersion, PostVersion.post_id),
        (Classification, Classification.post_id),
        (Evidence, Evidence.post_id),
        (Post, Post.id),
    ):
        statement = delete(table).where(column.in_(ids))
        session.execute(statement.execution_options(synchronize_session=False))


def _count_all(
    session: Session,
    cutoff: datetime,
    max_posts: int | None,
    report: PurgeReport,
    paths: Counter[str],
) -> None:
    """A dry run counts in one statement per table instead of walking batches."""
    ids = select(Post.id).where(purgeable(cutoff))
    if max_posts is not None:
        ids = ids.order_by(Post.id).limit(max_posts)
    doomed = select(ids.subquery().c.id)
    posts, raw = session.execute(
        select(func.count(), func.count(Post.raw)).where(Post.id.in_(doomed))
    ).one()
    report.posts, report.raw_payloads = int(posts), int(raw)
    report.versions = _count(session, PostVersion.post_id, doomed)
    report.classifications = _count(session, Classification.post_id, doomed)
    for path, n in session.execute(
        select(Evidence.path, func.count())
        .where(Evidence.post_id.in_(doomed))
        .group_by(Evidence.path)
    ):
        paths[path] += n
        report.evidence += n


def _deletable_files(session: Session, paths: Counter[str], report: PurgeReport) -> None:
    """A file goes only if every evidence row naming it was purged."""
    names = sorted(paths)
    for i in range(0, len(names), BATCH):
        chunk = names[i : i + BATCH]
        totals: dict[str, int] = {
            path: int(n)
            for path, n in session.execute(
                select(Evidence.path, func.count())
                .where(Evidence.path.in_(chunk))
                .group_by(Evidence.path)
            )
        }
        for name in chunk:
            # After real deletes the purged rows are gone, so "nothing left" is the test.
            left = totals.get(name, 0) - (paths[name] if report.dry_run else 0)
            if left > 0:
                report.files_kept += 1
            else:
                report.files.append(name)


def _unlink_runs(session: Session, report: PurgeReport) -> None:
    """Runs whose WARC file goes no longer point at it (`pantau evidence verify` agrees)."""
    runs = session.execute(
        select(CrawlRun.id, CrawlRun.warc_path, CrawlRun.warc_sha256).where(
            CrawlRun.warc_path.in_(report.files)
        )
    ).all()
    report.runs_unlinked = [{"run": r, "path": p, "sha256": h} for r, p, h in runs]
    if runs and not report.dry_run:
        session.execute(
            update(CrawlRun)
            .where(CrawlRun.id.in_([r for r, _, _ in runs]))
            .values(warc_path=None, warc_sha256=None)
        )


def _orphan_accounts(cutoff: datetime, *, dry_run: bool) -> ColumnElement[bool]:
    """Accounts left without posts that nobody linked to a civil servant or a case.

    A dry run has deleted nothing, so there "left without posts" means every post of
    the account is itself purgeable.
    """
    kept = (Post.account_id == Account.id, ~purgeable(cutoff)) if dry_run else ()
    return (
        (Account.first_seen_at < cutoff)
        & Account.civil_servant_id.is_(None)
        & Account.asn_status.in_([AsnStatus.UNKNOWN, AsnStatus.NOT_ASN])
        & ~exists().where(*(kept or (Post.account_id == Account.id,)))
        & ~exists().where(Case.account_id == Account.id)
    )


def _purge_rest(session: Session, cutoff: datetime, report: PurgeReport) -> None:
    report.quarantine = int(
        session.scalar(select(func.count()).where(Quarantine.captured_at < cutoff)) or 0
    )
    if report.dry_run:
        orphans = _orphan_accounts(cutoff, dry_run=True)
        report.accounts = int(session.scalar(select(func.count()).where(orphans)) or 0)
        return
    session.execute(delete(Quarantine).where(Quarantine.captured_at < cutoff))
    result = session.execute(
        delete(Account)
        .where(_orphan_accounts(cutoff, dry_run=False))
        .execution_options(synchronize_session=False)
    )
    report.accounts = int(result.rowcount or 0)  # type: ignore[attr-defined]


def purge(
    session: Session,
    *,
    now: datetime | None = None,
    retention_days: int | None = None,
    dry_run: bool = False,
    actor: User | str | None = None,
    max_posts: int | None = None,
) -> PurgeReport:
    """Purge (or, with dry_run, only count) what retention allows; the caller commits,
    then calls `remove_files(report)`. A real purge writes one audit event with counts."""
    days = get_settings().retention_days if retention_days is None else retention_days
    if days < 1:
        raise ValueError("retention_days must be at least 1")
    cutoff = (now or utcnow()) - timedelta(days=days)
    report = PurgeReport(cutoff, days, dry_run)
    paths: Counter[str] = Counter()
    if dry_run:
        _count_all(session, cutoff, max_posts, report, paths)
    else:
        for ids in _batches(session, cutoff, max_posts):
            _purge_batch(session, ids, report, paths)
    report.complete = max_posts is None or report.posts < max_posts
    _deletable_files(session, paths, report)
    _unlink_runs(session, report)
    _purge_rest(session, cutoff, report)
    if not dry_run:
        details = {
            "retention_days": days,
            "cutoff": cutoff.isoformat(),
            **report.counts(),
            "complete": report.complete,
            "runs_unlinked": report.runs_unlinked,
        }
        audit.record(session, actor, ACTION, "retention", cutoff.date().isoformat(), details)
    return report


def remove_files(report: PurgeReport, evidence_dir: Path | None = None) -> int:
    """Delete the evidence files a committed purge released; missing files are skipped."""
    if report.dry_run:
        return 0
    root = (evidence_dir or get_settings().evidence_dir).resolve()
    removed = 0
    for name in report.files:
        path = (root / name).resolve()
        if root not in path.parents:
            continue  # never follow a stored path outside the evidence directory
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            continue
        # A quarantined image's reason notes (crawlers.media) go with its bytes.
        for note in path.parent.glob(f"{path.name}.*.json"):
            note.unlink(missing_ok=True)
    return removed


def run_purge(
    *, dry_run: bool = False, actor: User | str | None = None, max_posts: int | None = None
) -> PurgeReport:
    """One purge in its own transaction, then the file removal (the CLI and flow use this)."""
    with session_scope() as session:
        report = purge(session, dry_run=dry_run, actor=actor, max_posts=max_posts)
    remove_files(report)
    return report
