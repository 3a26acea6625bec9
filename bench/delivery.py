"""Outbox delivery throughput against the mock complaint server, as a ratio to raw HTTP.

    .venv/bin/python bench/delivery.py                 # 1,000 approved cases, SQLite
    .venv/bin/python bench/delivery.py --cases 300 --fault-rate 0.3

Builds approved cases in a throwaway SQLite database (one real case through the state
machine, then copies of its outbox row under new numbers), starts the mock receiver in a
subprocess, and times in the same run:
  1. the baseline: the same payloads POSTed straight to the mock with httpx (no database);
  2. deliver_pending, one worker (claim, send, settle: three transactions per row);
  3. deliver_pending with --concurrency workers;
  4. the same with --fault-rate faults (500/503/slow/drop/timeout) until all delivered.
Each run gets a fresh mock and fresh outbox rows. Figures: deliveries per second and the
ratio to the baseline.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from copy import deepcopy
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import httpx  # noqa: E402
from sqlalchemy import delete, select, update  # noqa: E402


def start_mock(db: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    cmd = [sys.executable, "-m", "complaints.mock_server", "--db", str(db), *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("listening on "), line
    return proc, line.split()[-1]


def seed(n: int) -> list[dict[str, Any]]:
    """n approved cases with outbox rows; returns their payloads."""
    import casekit as k

    from pantau import casefile
    from pantau.db import session_scope
    from pantau.models import Case, CaseStatus, Outbox

    with session_scope() as s:
        w = k.world(s)
        template = k.approved_case(s, w, 2)
        row = s.scalars(select(Outbox).where(Outbox.case_id == template.id)).one()
        payloads = []
        for i in range(n):
            payload = deepcopy(row.payload)
            payload["number"] = f"BENCH/{i:06d}"
            case = Case(
                number=payload["number"],
                office_code=template.office_code,
                civil_servant_id=template.civil_servant_id,
                violation_codes=template.violation_codes,
                position_category=template.position_category,
                agency=template.agency,
                region_code=template.region_code,
                status=CaseStatus.APPROVED,
                created_by_id=template.created_by_id,
                approved_by_id=template.approved_by_id,
                approved_at=template.approved_at,
            )
            s.add(case)
            s.flush()
            s.add(
                Outbox(
                    case_id=case.id,
                    destination="siapnet",
                    payload=payload,
                    idempotency_key=casefile.idempotency_key(payload),
                )
            )
            payloads.append(payload)
        s.delete(row)
    return payloads


def reset_outbox() -> None:
    from pantau.db import session_scope
    from pantau.models import Case, CaseEvent, CaseStatus, Outbox, OutboxStatus
    from pantau.timeutil import utcnow

    with session_scope() as s:
        s.execute(
            update(Outbox).values(
                status=OutboxStatus.PENDING, attempts=0, next_attempt_at=utcnow(), receipt=None,
                delivered_at=None, last_error=None, claim_token=None,
            )
        )  # fmt: skip
        s.execute(
            update(Case).where(Case.number.like("BENCH/%")).values(status=CaseStatus.APPROVED)
        )
        s.execute(delete(CaseEvent).where(CaseEvent.kind == "exported"))


def raw_baseline(url: str, payloads: list[dict[str, Any]]) -> float:
    from complaints.adapters.siapnet import SiapnetAdapter
    from pantau import casefile

    adapter = SiapnetAdapter(url, "", 20)
    started = time.perf_counter()
    with httpx.Client(timeout=20) as client:
        for p in payloads:
            headers = {"Idempotency-Key": casefile.idempotency_key(p)}
            client.post(url + adapter.path, json=adapter.to_request(p), headers=headers)
    return time.perf_counter() - started


def run_delivery(url: str, n: int, concurrency: int) -> tuple[float, int]:
    from complaints.delivery import deliver_pending
    from pantau.settings import get_settings

    os.environ["PANTAU_COMPLAINT_BASE_URL"] = url
    get_settings.cache_clear()
    started, delivered, rounds = time.perf_counter(), 0, 0
    while delivered < n and rounds < 50:
        stats = deliver_pending(limit=n * 10, concurrency=concurrency)
        delivered += stats.delivered
        rounds += 1
    return time.perf_counter() - started, delivered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--fault-rate", type=float, default=0.3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pantau-bench-delivery-"))
    os.environ.update(
        PANTAU_DATA_DIR=str(tmp / "var"),
        PANTAU_DATABASE_URL=f"sqlite:///{tmp / 'bench.db'}",
        PANTAU_COMPLAINT_DESTINATION="siapnet",
        PANTAU_COMPLAINT_TIMEOUT_S="0.5",
        PANTAU_OUTBOX_BACKOFF_BASE_S="0.001",
        PANTAU_OUTBOX_BACKOFF_MAX_S="0.01",
        PANTAU_OUTBOX_MAX_ATTEMPTS="50",
    )
    from pantau import migrate

    migrate.upgrade()
    t0 = time.perf_counter()
    payloads = seed(args.cases)
    print(f"seeded {args.cases} approved cases in {time.perf_counter() - t0:.1f} s")

    results: list[tuple[str, float]] = []
    proc, url = start_mock(tmp / "mock-raw.db")
    base = raw_baseline(url, payloads)
    proc.terminate()
    results.append(("raw httpx POSTs (baseline)", base))
    runs = [
        ("deliver_pending, 1 worker", 1, ()),
        (f"deliver_pending, {args.concurrency} workers", args.concurrency, ()),
        (
            f"... with {args.fault_rate:.0%} faults",
            args.concurrency,
            ("--fault-rate", str(args.fault_rate), "--retry-after", "0", "--hang-s", "1",
             "--slow-s", "0.05", "--seed", "7"),
        ),
    ]  # fmt: skip
    for i, (label, workers, mock_args) in enumerate(runs):
        reset_outbox()
        proc, url = start_mock(tmp / f"mock-{i}.db", *mock_args)
        took, delivered = run_delivery(url, args.cases, workers)
        proc.terminate()
        assert delivered == args.cases, f"{label}: {delivered} of {args.cases} delivered"
        results.append((label, took))
    print(f"\n{'run':<40} {'seconds':>8} {'per s':>8} {'vs baseline':>12}")
    for label, took in results:
        print(f"{label:<40} {took:8.2f} {args.cases / took:8.0f} {base / took:11.2f}x")


if __name__ == "__main__":
    main()
