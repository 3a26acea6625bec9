"""Concurrent writers on a real database: case numbers never repeat, an item joins one case."""

from __future__ import annotations

import threading

import casekit as k
from sqlalchemy import select

from pantau import cases
from pantau.case_intake import create_case
from pantau.db import session_scope
from pantau.models import Case, User


def _run_threads(target, n: int) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(n)

    def run(i: int) -> None:
        barrier.wait()
        try:
            target(i)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors


def test_concurrent_case_creation_hands_out_unique_consecutive_numbers(fresh_db):
    per_thread, threads = 4, 3
    with session_scope() as s:
        w = k.world(s)
        items = [k.confirmed_item(s, w.analyst, w.account).id for _ in range(per_thread * threads)]
        analyst_id = w.analyst.id

    def work(i: int) -> None:
        for item_id in items[i::threads]:
            with session_scope() as s:
                create_case(s, s.get_one(User, analyst_id), [item_id])

    assert _run_threads(work, threads) == []
    with session_scope() as s:
        numbers = s.scalars(select(Case.number)).all()
    seqs = sorted(int(n.rsplit("/", 1)[1]) for n in numbers)
    assert seqs == list(range(1, per_thread * threads + 1))


def test_two_analysts_grouping_the_same_item_get_one_case(fresh_db):
    with session_scope() as s:
        w = k.world(s)
        item_id = k.confirmed_item(s, w.analyst, w.account).id
        analyst_id = w.analyst.id

    def work(_: int) -> None:
        with session_scope() as s:
            create_case(s, s.get_one(User, analyst_id), [item_id])

    errors = _run_threads(work, 2)
    assert len(errors) == 1 and isinstance(errors[0], cases.InvalidTransition)
    with session_scope() as s:
        assert len(s.scalars(select(Case)).all()) == 1
