"""Two analysts claiming at once can never both win: real threads, real databases."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter

import factories as f
from sqlalchemy import func, select

from pantau import audit, review
from pantau.models import AuditEvent, ReviewItem, ReviewStatus, User

ROUNDS = 15


def _race(fresh_db, action, n_threads: int = 2) -> list[object]:
    barrier = threading.Barrier(n_threads)
    results: list[object] = [None] * n_threads

    def worker(i: int) -> None:
        with fresh_db.session() as session:
            barrier.wait()
            try:
                results[i] = action(session, i)
                session.commit()
            except review.ReviewError as exc:
                session.rollback()
                results[i] = exc

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def _setup(fresh_db, items: int):
    with fresh_db.session() as session:
        analysts = [f.user(session, scope="35.78") for _ in range(2)]
        ids = [f.review_item(session, priority=i / 100).id for i in range(items)]
        session.commit()
        return [a.id for a in analysts], ids


def test_racing_claims_on_one_item_have_exactly_one_winner(fresh_db):
    analyst_ids, item_ids = _setup(fresh_db, ROUNDS)
    for item_id in item_ids:

        def claim(session, i, item_id=item_id):
            user = session.get(User, analyst_ids[i])
            return review.claim(session, item_id, user).claimed_by_id

        results = _race(fresh_db, claim)
        winners = [r for r in results if isinstance(r, int)]
        losers = [r for r in results if isinstance(r, review.ReviewError)]
        assert len(winners) == 1 and len(losers) == 1, results
        with fresh_db.session() as session:
            item = session.get(ReviewItem, item_id)
            assert item.status is ReviewStatus.CLAIMED
            assert item.claimed_by_id == winners[0]


def test_racing_claim_next_never_hands_one_item_to_two_analysts(fresh_db):
    analyst_ids, _ = _setup(fresh_db, ROUNDS)
    taken: list[int] = []
    for _ in range(ROUNDS // 2):

        def take(session, i):
            user = session.get(User, analyst_ids[i])
            item = review.claim_next(session, user)
            return item.id if item else None

        taken += [r for r in _race(fresh_db, take) if isinstance(r, int)]
    counts = Counter(taken)
    assert counts and max(counts.values()) == 1, counts
    assert len(taken) == 2 * (ROUNDS // 2)
    with fresh_db.session() as session:
        claimed = session.scalar(
            select(func.count(ReviewItem.id)).where(ReviewItem.status == ReviewStatus.CLAIMED)
        )
        assert claimed == len(taken)
        assert audit.verify(session).ok


CLAIM_SCRIPT = """
import sys
from sqlalchemy.orm import Session
from pantau import review
from pantau.db import get_engine
from pantau.models import User
item_id, user_id = int(sys.argv[1]), int(sys.argv[2])
with Session(get_engine()) as s:
    try:
        review.claim(s, item_id, s.get(User, user_id))
        s.commit()
        print("won")
    except review.ReviewError as exc:
        print("lost:", exc)
"""


def test_racing_processes_have_exactly_one_winner(fresh_db):
    analyst_ids, item_ids = _setup(fresh_db, 3)
    for item_id in item_ids:
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", CLAIM_SCRIPT, str(item_id), str(uid)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for uid in analyst_ids
        ]
        outputs = [p.communicate(timeout=60)[0].strip() for p in procs]
        assert sorted(o.split(":")[0] for o in outputs) == ["lost", "won"], outputs
    with fresh_db.session() as session:
        claims = session.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.action == "review.claim")
        )
        assert claims == len(item_ids)
        assert audit.verify(session).ok
