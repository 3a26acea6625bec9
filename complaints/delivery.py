"""Delivering the outbox: each due row is claimed, sent once with its idempotency key, and
settled (receipt, or backoff, or failed with an alert), each step in its own transaction.

Exactly once, end to end: a row is claimed and committed before anything is sent, so a
killed deliverer leaves it to be retried when the claim lease runs out; the receiver dedupes
on the idempotency key, and the first receipt stored wins. Two deliverers never send the
same row at the same time, because claiming is a guarded UPDATE.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from complaints import alerts
from complaints.adapters import Adapter, Delivery, DeliveryError, get_adapter
from complaints.bundle import BundleError, build_bundle
from pantau import outbox
from pantau.db import get_sessionmaker, unit_of_work
from pantau.models import OutboxStatus
from pantau.settings import get_settings
from pantau.timeutil import utcnow

SessionFactory = Callable[[], Session]


@dataclass
class DeliveryStats:
    claimed: int = 0
    delivered: int = 0
    duplicates: int = 0  # the receiver already had the key (an answer was lost before)
    retried: int = 0  # failed attempts left for a later run (backoff)
    failed: int = 0  # rows given up and alerted
    superseded: int = 0  # another deliverer settled the row first
    errors: list[str] = field(default_factory=list)

    def merge(self, other: DeliveryStats) -> None:
        for name in ("claimed", "delivered", "duplicates", "retried", "failed", "superseded"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)


def deliver_pending(
    session_factory: SessionFactory | None = None,
    *,
    now: datetime | None = None,
    limit: int = 100,
    adapters: Mapping[str, Adapter] | None = None,
    rng: random.Random | None = None,
    concurrency: int = 1,
) -> DeliveryStats:
    """Deliver up to `limit` due outbox rows and return what happened.

    `now` pins the clock for this run (tests, catch-up runs); `adapters` overrides the
    adapter per destination name (default: built from settings); `concurrency` threads
    deliver side by side, so one slow answer does not hold up the rest. Safe to run from
    several processes at once and to re-run after a crash.
    """
    factory = session_factory or get_sessionmaker()
    settings = get_settings()
    clock = (lambda: now) if now is not None else utcnow
    lock = threading.Lock()
    own: dict[str, Adapter] = {}
    budget = [limit]

    def adapter_for(name: str) -> Adapter:
        if adapters is not None and name in adapters:
            return adapters[name]
        with lock:
            if name not in own:
                own[name] = get_adapter(name, settings)
            return own[name]

    def worker(stats: DeliveryStats) -> None:
        while True:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            with unit_of_work(factory) as session:
                claim = outbox.claim_next(session, now=clock(), lease_s=settings.outbox_claim_s)
            if claim is None:
                return
            stats.claimed += 1
            _deliver_one(factory, claim, adapter_for, stats, clock, rng)

    total = DeliveryStats()
    with unit_of_work(factory) as session:
        exhausted = outbox.fail_exhausted(session, now=clock())
    for outbox_id in exhausted:
        total.failed += 1
        _alert({"outbox_id": outbox_id, "error": "percobaan terakhir tidak pernah selesai"})
    parts = [DeliveryStats() for _ in range(max(1, concurrency))]
    try:
        if len(parts) == 1:
            worker(parts[0])
        else:
            # Each worker claims rows until the budget or the due rows run out.
            with ThreadPoolExecutor(len(parts), thread_name_prefix="deliver") as pool:
                for done in [pool.submit(worker, part) for part in parts]:
                    done.result()
    finally:
        for adapter in own.values():
            adapter.close()
    for part in parts:
        total.merge(part)
    return total


def _deliver_one(
    factory: SessionFactory,
    claim: outbox.Claim,
    adapter_for: Callable[[str], Adapter],
    stats: DeliveryStats,
    clock: Callable[[], datetime],
    rng: random.Random | None,
) -> None:
    try:
        adapter = adapter_for(claim.destination)
        bundle = None
        if adapter.wants_bundle:
            with unit_of_work(factory) as session:
                bundle = build_bundle(session, claim.payload)
        delivery = Delivery(claim.case_number, claim.idempotency_key, claim.payload, bundle)
        receipt = adapter.deliver(delivery)
    except (DeliveryError, BundleError) as exc:
        retryable = isinstance(exc, DeliveryError) and exc.retryable
        retry_after = exc.retry_after_s if isinstance(exc, DeliveryError) else None
        _settle_failure(factory, claim, str(exc), retryable, retry_after, stats, clock, rng)
        return
    except Exception as exc:  # a bug or an unforeseen library error: retry, keep the text
        message = f"{type(exc).__name__}: {exc}"
        _settle_failure(factory, claim, message, True, None, stats, clock, rng)
        return
    with unit_of_work(factory) as session:
        stored = outbox.mark_delivered(session, claim, receipt.as_json(), now=clock())
    if stored:
        stats.delivered += 1
        stats.duplicates += int(receipt.duplicate)
    else:
        stats.superseded += 1


def _settle_failure(
    factory: SessionFactory,
    claim: outbox.Claim,
    error: str,
    retryable: bool,
    retry_after: float | None,
    stats: DeliveryStats,
    clock: Callable[[], datetime],
    rng: random.Random | None,
) -> None:
    stats.errors.append(f"{claim.case_number}: {error}")
    with unit_of_work(factory) as session:
        status = outbox.mark_failed_attempt(
            session,
            claim,
            error,
            now=clock(),
            retry_after_s=retry_after,
            permanent=not retryable,
            rng=rng,
        )
    if status is OutboxStatus.FAILED:
        stats.failed += 1
        _alert(
            {
                "outbox_id": claim.outbox_id,
                "case_number": claim.case_number,
                "destination": claim.destination,
                "attempts": claim.attempt,
                "error": error,
            }
        )
    elif status is OutboxStatus.PENDING:
        stats.retried += 1
    else:
        stats.superseded += 1


def _alert(details: dict[str, object]) -> None:
    url = get_settings().alert_webhook_url
    alerts.post_webhook(url, {"event": "pantau.delivery_failed", **details})
