"""Killing the deliverer (SIGKILL, a real subprocess) mid-delivery, then re-running it:
every case still arrives exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta

import casekit as k
from sqlalchemy import select

from complaints.delivery import deliver_pending
from pantau.db import session_scope
from pantau.models import Case, CaseStatus, Outbox, OutboxStatus
from pantau.timeutil import utcnow


def _wait_for(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_sigkill_mid_delivery_then_rerun_delivers_each_case_once(deliver_env, mock_server):
    # The 5th request is stored by the receiver, whose answer then hangs: the deliverer is
    # killed while waiting for it, so that case has arrived but we hold no receipt.
    mock = mock_server("--script", "ok,ok,ok,ok,timeout", "--hang-s", "60")
    deliver_env(
        complaint_destination="siapnet",
        complaint_base_url=mock.url,
        complaint_timeout_s=120,
        outbox_claim_s=300,
    )
    with session_scope() as s:
        numbers = [c.number for c in k.approved_cases(s, k.world(s), 12)]

    proc = subprocess.Popen(
        [sys.executable, "-m", "pantau", "complaints", "deliver"],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(lambda: len(mock.received()) == 5)
        time.sleep(0.3)
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)

    with session_scope() as s:
        rows = list(s.scalars(select(Outbox).order_by(Outbox.id)))
    statuses = Counter(r.status for r in rows)
    assert statuses == {OutboxStatus.DELIVERED: 4, OutboxStatus.PENDING: 8}
    in_flight = [r for r in rows if r.claim_token is not None]
    assert len(in_flight) == 1 and in_flight[0].attempts == 1

    # A re-run now leaves the in-flight row alone until its claim lease runs out...
    first = deliver_pending()
    assert (first.delivered, first.duplicates) == (7, 0)
    # ...and later picks it up: the receiver answers with the receipt it already issued.
    later = deliver_pending(now=utcnow() + timedelta(seconds=301))
    assert (later.delivered, later.duplicates) == (1, 1)

    received = mock.received()
    assert Counter(number for _, _, number in received) == Counter(numbers)
    with session_scope() as s:
        rows = list(s.scalars(select(Outbox)))
        assert {r.idempotency_key: r.receipt["receipt_id"] for r in rows} == {
            key: rid for key, rid, _ in received
        }
        assert set(s.scalars(select(Case.status))) == {CaseStatus.EXPORTED}
