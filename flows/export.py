"""export: deliver approved cases from the outbox to the complaint system.

Approving a case already wrote its outbox row in the same transaction, so this flow only
delivers; the delivery code makes each case arrive exactly once however often it runs.
"""

from __future__ import annotations

from prefect import flow, get_run_logger, task

from complaints.delivery import DeliveryStats, deliver_pending

# Rows per round; a round commits each delivery on its own, so a crash loses nothing.
ROUND = 100


@task(retries=2, retry_delay_seconds=30)
def deliver_round(limit: int, concurrency: int) -> DeliveryStats:
    return deliver_pending(limit=limit, concurrency=concurrency)


@flow(name="export")
def export(max_rounds: int = 50, concurrency: int = 4) -> DeliveryStats:
    """Deliver every due outbox row; rows waiting on back-off are left for a later run."""
    total = DeliveryStats()
    for _ in range(max_rounds):
        stats = deliver_round(ROUND, concurrency)
        total.merge(stats)
        if stats.claimed < ROUND:
            break
    if total.failed:
        get_run_logger().error(
            "export: %d deliveries failed for good: %s", total.failed, "; ".join(total.errors[:5])
        )
    return total
