"""Retention: only never-flagged posts older than the limit go, and the audit chain holds."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import factories as f
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau import audit
from pantau.models import (
    Account,
    AuditEvent,
    Case,
    Classification,
    CrawlRun,
    Evidence,
    EvidenceKind,
    Post,
    PostKind,
    PostVersion,
    Quarantine,
    Role,
    Source,
    case_posts,
)
from pantau.retention import ACTION, purge, remove_files
from pantau.timeutil import utcnow

OLD, YOUNG = timedelta(days=40), timedelta(days=10)


@dataclass
class World:
    posts: dict[str, int]
    files: dict[str, Path]
    lonely_account: int
    run_id: int


def _evidence(session: Session, post: Post, evidence_dir: Path, name: str, run: int | None) -> Path:
    path = evidence_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_bytes(b"WARC/1.1 rekaan")
    session.add(
        Evidence(
            post_id=post.id,
            crawl_run_id=run,
            kind=EvidenceKind.WARC,
            path=name,
            offset=0,
            length=15,
            sha256=hashlib.sha256(b"WARC/1.1 rekaan").hexdigest(),
            size=15,
        )
    )
    return path


def _classify(session: Session, post: Post, flagged: bool) -> None:
    session.add(
        Classification(
            post_id=post.id,
            model_version="m1",
            partisan_score=0.9 if flagged else 0.1,
            asn_score=0.5,
            priority=0.1,
            flagged=flagged,
        )
    )


def build(session: Session, evidence_dir: Path) -> World:
    now = utcnow()
    old, young = now - OLD, now - YOUNG
    lonely = f.account(session, first_seen_at=old)
    busy = f.account(session, first_seen_at=old)
    source = Source(platform="mastodon", name="uji", config={})
    session.add(source)
    session.flush()
    run = CrawlRun(source_id=source.id, warc_path="warc/run-a.warc.gz", warc_sha256="0" * 64)
    session.add(run)
    session.flush()
    p = {
        "old_plain": f.post(session, lonely, first_seen_at=old, raw={"id": "1", "content": "x"}),
        "old_shared": f.post(session, busy, first_seen_at=old),
        "old_item": f.review_item(session).post,
        "old_case": f.post(session, busy, first_seen_at=old),
        "old_flag_only": f.post(session, busy, first_seen_at=old),
        "old_parent": f.post(session, busy, first_seen_at=old),
        "young": f.post(session, busy, first_seen_at=young),
    }
    p["old_item"].first_seen_at = old
    p["repost"] = f.review_item(
        session, post=f.post(session, busy, kind=PostKind.REPOST, parent_id=p["old_parent"].id)
    ).post
    p["old_child"] = f.post(session, busy, first_seen_at=old, parent_id=p["young"].id)
    for post in (p["old_plain"], p["old_plain"], p["old_shared"]):
        session.add(PostVersion(post_id=post.id, text=post.text, content_hash=post.content_hash))
    _classify(session, p["old_plain"], flagged=False)
    _classify(session, p["old_flag_only"], flagged=True)
    files = {
        "run": _evidence(session, p["old_plain"], evidence_dir, "warc/run-a.warc.gz", run.id),
        "shared": _evidence(session, p["old_shared"], evidence_dir, "warc/run-b.warc.gz", None),
        "flagged": _evidence(session, p["old_item"], evidence_dir, "warc/run-c.warc.gz", None),
    }
    _evidence(session, p["young"], evidence_dir, "warc/run-b.warc.gz", None)
    cs = f.civil_servant(session)
    boss = f.user(session, Role.SUPERVISOR)
    case = Case(
        number="UJI/1",
        civil_servant_id=cs.id,
        position_category="PELAKSANA",
        agency="Dinas Rekaan",
        region_code="35.78",
        created_by_id=boss.id,
    )
    session.add(case)
    session.flush()
    session.execute(case_posts.insert().values(case_id=case.id, post_id=p["old_case"].id))
    session.add_all(
        [
            Quarantine(platform="mastodon", reason="rusak", raw=b"{", captured_at=old),
            Quarantine(platform="mastodon", reason="rusak", raw=b"{", captured_at=young),
        ]
    )
    session.flush()
    return World({k: v.id for k, v in p.items()}, files, lonely.id, run.id)


KEPT = {"old_item", "old_case", "old_flag_only", "old_parent", "young", "repost"}
GONE = {"old_plain", "old_shared", "old_child"}


def _remaining(session: Session, world: World) -> set[str]:
    ids = set(session.scalars(select(Post.id)))
    return {name for name, pid in world.posts.items() if pid in ids}


def test_dry_run_counts_and_changes_nothing(session: Session, tmp_path: Path) -> None:
    world = build(session, tmp_path)
    events = session.scalar(select(func.count(AuditEvent.id)))
    report = purge(session, retention_days=30, dry_run=True)
    assert report.counts() == {
        "posts": 3,
        "raw_payloads": 1,
        "versions": 3,
        "classifications": 1,
        "evidence": 2,
        "evidence_files": 1,
        "evidence_files_kept": 1,
        "accounts": 1,
        "quarantine": 1,
    }
    assert report.files == ["warc/run-a.warc.gz"]
    assert _remaining(session, world) == KEPT | GONE
    assert session.scalar(select(func.count(AuditEvent.id))) == events
    assert remove_files(report, tmp_path) == 0
    assert all(p.exists() for p in world.files.values())


def test_purge_removes_only_unflagged_old_posts(session: Session, tmp_path: Path) -> None:
    world = build(session, tmp_path)
    report = purge(session, retention_days=30, actor="system")
    assert _remaining(session, world) == KEPT
    assert report.posts == 3 and report.versions == 3 and report.evidence == 2
    assert session.get(Account, world.lonely_account) is None
    assert session.scalar(select(func.count(Quarantine.id))) == 1
    young_parent = session.get(Post, world.posts["young"])
    assert young_parent is not None
    # Unlink the run that named the deleted WARC, so `pantau evidence verify` stays clean.
    run = session.get(CrawlRun, world.run_id)
    session.refresh(run)
    assert run is not None and run.warc_path is None
    assert report.runs_unlinked == [
        {"run": world.run_id, "path": "warc/run-a.warc.gz", "sha256": "0" * 64}
    ]
    # Evidence of the flagged post and the file shared with a kept post both stay.
    kept_paths = set(session.scalars(select(Evidence.path)))
    assert kept_paths == {"warc/run-b.warc.gz", "warc/run-c.warc.gz"}
    assert remove_files(report, tmp_path) == 1
    assert not world.files["run"].exists()
    assert world.files["shared"].exists() and world.files["flagged"].exists()
    event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event is not None and event.action == ACTION
    assert event.details["posts"] == 3 and event.details["evidence_files"] == 1
    assert audit.verify(session).ok
    again = purge(session, retention_days=30)
    assert again.posts == 0 and again.files == []
    assert audit.verify(session).ok


def test_max_posts_stops_early(session: Session, tmp_path: Path) -> None:
    world = build(session, tmp_path)
    report = purge(session, retention_days=30, max_posts=2)
    assert report.posts == 2 and not report.complete
    assert len(_remaining(session, world) & GONE) == 1


def test_refuses_a_retention_below_one_day(session: Session) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        purge(session, retention_days=0)


def test_remove_files_stays_inside_the_evidence_dir(tmp_path: Path) -> None:
    outside = tmp_path / "rahasia.txt"
    outside.write_text("jangan dihapus")
    from pantau.retention import PurgeReport

    report = PurgeReport(utcnow(), 30, dry_run=False, files=["../rahasia.txt"])
    assert remove_files(report, tmp_path / "evidence") == 0
    assert outside.exists()


def pantau(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pantau", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )


def test_purge_command(fresh_db: Any) -> None:
    evidence_dir = fresh_db.settings.evidence_dir
    with fresh_db.session() as session:
        world = build(session, evidence_dir)
        session.commit()
    dry = pantau("purge", "--dry-run", PANTAU_RETENTION_DAYS="30")
    assert dry.returncode == 0, dry.stderr
    assert "would purge" in dry.stdout and world.files["run"].exists()
    done = pantau("purge", PANTAU_RETENTION_DAYS="30")
    assert done.returncode == 0, done.stderr
    assert "purged" in done.stdout
    assert not world.files["run"].exists() and world.files["shared"].exists()
    with fresh_db.session() as session:
        assert _remaining(session, world) == KEPT
        assert audit.verify(session).ok
    rolled = pantau("stats", "refresh")  # the dashboard rollup, from the same CLI
    assert rolled.returncode == 0 and "rolled up" in rolled.stdout, rolled.stderr
    bad = pantau("purge", "--max-posts", "0")
    assert bad.returncode != 0 and "at least 1" in bad.stderr
    zero = pantau("purge", PANTAU_RETENTION_DAYS="0")
    assert zero.returncode != 0 and "at least 1" in zero.stderr
