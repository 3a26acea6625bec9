"""A triage killed between batches, then run again: nothing lost, nothing doubled."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import factories as f
import pytest
from sqlalchemy import func, select

from flows.triage import triage
from pantau.models import Classification, Post, ReviewItem

BATCH = 20
POSTS = 600
# The same committed batches the flow runs, without a Prefect server to start first. It
# says when each batch is in and pauses a little, so the kill cannot miss the window
# between the first batch and the last on a fast or a busy machine.
WORKER = f"""
import time
from flows.triage import triage_next_batch
while triage_next_batch.fn({BATCH}) is not None:
    print("batch", flush=True)
    time.sleep(0.1)
"""

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]


def _seed_posts(registries) -> None:
    with registries.session() as session:
        for n in range(POSTS // 2):
            asn = f.account(session, bio=f"ASN Dinas Pendidikan Kota Surabaya, guru ke-{n}")
            f.post(session, asn, f"Ayo coblos nomor 2, Cak Hendrik pasti menang! #Hendi2 ({n})")
            f.post(session, asn, f"Rapat koordinasi dinas hari ke-{n} berjalan lancar.")
        session.commit()


def _counts(registries) -> tuple[int, int, int]:
    with registries.session() as session:
        scored = session.scalar(select(func.count(Classification.id))) or 0
        distinct = session.scalar(select(func.count(func.distinct(Classification.post_id)))) or 0
        items = session.scalar(select(func.count(ReviewItem.id))) or 0
        return scored, distinct, items


def test_killed_between_batches_then_rerun(registries):
    _seed_posts(registries)
    proc = subprocess.Popen(
        [sys.executable, "-c", WORKER],
        env=dict(os.environ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    if first != "batch\n":
        proc.wait(timeout=30)
        assert proc.stderr is not None
        pytest.fail(f"the worker died before its first batch:\n{proc.stderr.read()[-3000:]}")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    scored, _, _ = _counts(registries)
    assert BATCH <= scored < POSTS, "the kill must land between the first and the last batch"
    assert scored % BATCH == 0, "a batch is committed whole or not at all"

    stats = triage(batch_size=BATCH)

    before = scored
    scored, distinct, items = _counts(registries)
    assert scored == distinct == POSTS
    assert stats.scored == POSTS - before
    with registries.session() as session:
        flagged = (
            session.scalar(
                select(func.count(Classification.id)).where(Classification.flagged.is_(True))
            )
            or 0
        )
        assert items == flagged >= POSTS // 2 - 5
        per_post = session.execute(
            select(ReviewItem.post_id, func.count())
            .group_by(ReviewItem.post_id)
            .having(func.count() > 1)
        ).all()
        assert per_post == []
        assert session.scalar(select(func.count(Post.id))) == POSTS
