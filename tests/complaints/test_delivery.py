"""Outbox delivery against the mock complaint server in a subprocess: exactly once, under
faults, with two deliverers, with backoff, failure alerts and the file adapter."""

from __future__ import annotations

import json
import threading
from collections import Counter
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import casekit as k
import pytest
from sqlalchemy import func, select

from complaints.bundle import verify_bundle
from complaints.delivery import deliver_pending
from pantau import outbox
from pantau.db import get_sessionmaker, session_scope
from pantau.models import AuditEvent, Case, CaseEvent, CaseStatus, Outbox, OutboxStatus
from pantau.timeutil import utcnow


def _approve_many(n: int, *, evidence: bool = False) -> list[str]:
    with session_scope() as s:
        w = k.world(s)
        if evidence:
            return [k.approved_case(s, w, 1, evidence=True).number for _ in range(n)]
        return [c.number for c in k.approved_cases(s, w, n)]


def _rows() -> list[Outbox]:
    with session_scope() as s:
        return list(s.scalars(select(Outbox).order_by(Outbox.id)))


def _assert_exactly_once(mock, numbers: list[str]) -> None:
    received = mock.received()
    assert Counter(number for _, _, number in received) == Counter(numbers)
    rows = _rows()
    assert all(r.status is OutboxStatus.DELIVERED for r in rows)
    # Our stored receipt is the receiver's one for that key, first and only.
    assert {r.idempotency_key: r.receipt["receipt_id"] for r in rows} == {
        key: rid for key, rid, _ in received
    }
    with session_scope() as s:
        assert set(s.scalars(select(Case.status))) == {CaseStatus.EXPORTED}
        exported = s.scalar(select(func.count(CaseEvent.id)).where(CaseEvent.kind == "exported"))
        assert exported == len(numbers)


@pytest.mark.slow
def test_200_cases_with_30_percent_faults_arrive_exactly_once(deliver_env, mock_server):
    mock = mock_server(
        "--fault-rate", "0.3", "--seed", "7", "--slow-s", "0.05", "--hang-s", "0.6",
        "--retry-after", "0", "--token", "rahasia",
    )  # fmt: skip
    deliver_env(
        complaint_destination="siapnet",
        complaint_base_url=mock.url,
        complaint_token="rahasia",
        complaint_timeout_s=0.25,
        outbox_backoff_base_s=0.001,
        outbox_backoff_max_s=0.01,
        outbox_max_attempts=40,
    )
    numbers = _approve_many(200)
    totals: Counter[str] = Counter()
    for _ in range(20):
        stats = deliver_pending(limit=2000, concurrency=4)
        totals.update(delivered=stats.delivered, duplicates=stats.duplicates)
        if not any(r.status is OutboxStatus.PENDING for r in _rows()):
            break
    _assert_exactly_once(mock, numbers)
    faults = Counter(fault for fault, _ in mock.requests())
    assert all(faults[kind] > 0 for kind in ("500", "503", "timeout", "slow", "drop")), faults
    # The receiver had stored these before we lost its answer (timeout, drop): it replayed.
    replays = sum(1 for _, status in mock.requests() if status == 200)
    assert totals["delivered"] == 200 and 0 < totals["duplicates"] <= replays


def test_two_deliverers_at_once_never_send_a_row_twice(deliver_env, mock_server):
    mock = mock_server("--fault-rate", "1", "--faults", "slow", "--slow-s", "0.02")
    deliver_env(complaint_destination="bkn", complaint_base_url=mock.url)
    numbers = _approve_many(30)
    results = []

    def run() -> None:
        results.append(deliver_pending(limit=100))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sum(r.claimed for r in results) == 30 and sum(r.delivered for r in results) == 30
    assert len(mock.requests()) == 30  # claiming kept the two apart: no request was repeated
    _assert_exactly_once(mock, numbers)


def test_failures_back_off_then_fail_with_audit_banner_and_webhook(deliver_env, mock_server):
    hooks: list[dict] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            hooks.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    hook = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    mock = mock_server("--fault-rate", "1", "--faults", "500")
    deliver_env(
        complaint_destination="lapor",
        complaint_base_url=mock.url,
        outbox_max_attempts=3,
        outbox_backoff_base_s=60,
        alert_webhook_url=f"http://127.0.0.1:{hook.server_address[1]}/alert",
    )
    [number] = _approve_many(1)
    t0 = utcnow()
    first = deliver_pending(now=t0)
    assert (first.claimed, first.retried) == (1, 1)
    [row] = _rows()
    delay = (row.next_attempt_at - t0).total_seconds()
    assert 30 <= delay <= 90 and row.attempts == 1 and "HTTP 500" in row.last_error
    assert deliver_pending(now=t0 + timedelta(seconds=20)).claimed == 0  # still backing off
    second = deliver_pending(now=t0 + timedelta(minutes=2))
    [row] = _rows()
    assert second.retried == 1 and (row.next_attempt_at - t0).total_seconds() > 120 + 59
    third = deliver_pending(now=t0 + timedelta(hours=1))
    [row] = _rows()
    assert third.failed == 1 and row.status is OutboxStatus.FAILED and row.attempts == 3
    hook.shutdown()
    assert [h["case_number"] for h in hooks] == [number]
    assert hooks[0]["event"] == "pantau.delivery_failed" and "HTTP 500" in hooks[0]["error"]
    with session_scope() as s:
        assert s.scalar(select(AuditEvent).where(AuditEvent.action == "outbox.failed"))
        assert outbox.failed_count(s) == 1 and outbox.failed_count(s, "31") == 0
        outbox.requeue(s, row.id, "tester")
    mock.configure(rate=0)
    assert deliver_pending().delivered == 1
    _assert_exactly_once(mock, [number])


def test_503_retry_after_is_honoured(deliver_env, mock_server):
    mock = mock_server("--script", "503", "--retry-after", "600")
    deliver_env(complaint_destination="siapnet", complaint_base_url=mock.url)
    _approve_many(1)
    t0 = utcnow()
    deliver_pending(now=t0)
    [row] = _rows()
    assert (row.next_attempt_at - t0).total_seconds() >= 600 and "HTTP 503" in row.last_error


def test_permanent_errors_fail_at_once(deliver_env, mock_server):
    mock = mock_server("--token", "yang-benar")
    deliver_env(complaint_destination="bkn", complaint_base_url=mock.url, complaint_token="salah")
    _approve_many(1)
    stats = deliver_pending()
    [row] = _rows()
    assert stats.failed == 1 and row.status is OutboxStatus.FAILED and row.attempts == 1
    assert "HTTP 401" in row.last_error and mock.received() == []


def test_missing_base_url_fails_with_a_clear_error(deliver_env):
    deliver_env(complaint_destination="siapnet", complaint_base_url="")
    _approve_many(1)
    assert deliver_pending().failed == 1
    [row] = _rows()
    assert "PANTAU_COMPLAINT_BASE_URL" in row.last_error


def test_file_adapter_writes_a_bundle_that_verifies(deliver_env, fresh_db):
    deliver_env(complaint_destination="file")
    [number] = _approve_many(1, evidence=True)
    stats = deliver_pending(get_sessionmaker())
    assert stats.delivered == 1
    [row] = _rows()
    path = fresh_db.settings.effective_export_dir / f"{number.replace('/', '-')}.zip"
    assert row.receipt["raw"]["path"] == str(path)
    check = verify_bundle(path.read_bytes())
    assert check.ok, check.problems
    assert check.case_number == number and check.files_checked >= 4
