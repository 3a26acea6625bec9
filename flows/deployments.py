"""The deployments `pantau serve` runs on one machine, mirrored by prefect.yaml for workers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron, Interval

from flows.crawl import crawl_source
from flows.export import export
from flows.housekeeping import purge
from flows.nightly import nightly
from flows.retrain import retrain
from pantau.settings import get_settings

NIGHTLY_CRON = "0 1 * * *"  # 01:00 in the office's zone, so the queue is ready at opening
RETRAIN_CRON = "0 3 * * 0"  # Sunday 03:00, after that night's crawl
PURGE_CRON = "30 4 * * *"
EXPORT_EVERY = timedelta(minutes=15)


def build_deployments(time_limit_s: int = 3600) -> list[RunnerDeployment]:
    zone = get_settings().timezone
    return [
        _deployment(
            nightly,
            name="nightly",
            schedule=Cron(NIGHTLY_CRON, timezone=zone),
            parameters={"time_limit_s": time_limit_s, "fan_out": False},
            description="Crawl every enabled source, triage, recheck, export, summarise.",
        ),
        _deployment(
            export,
            name="export",
            schedule=Interval(EXPORT_EVERY, timezone=zone),
            description="Deliver approved cases from the outbox.",
        ),
        _deployment(
            retrain,
            name="retrain",
            schedule=Cron(RETRAIN_CRON, timezone=zone),
            description="Retrain on decisions; promote only if not worse.",
        ),
        _deployment(
            purge,
            name="purge",
            schedule=Cron(PURGE_CRON, timezone=zone),
            description="Purge never-flagged posts past the retention period.",
        ),
        _deployment(
            crawl_source,
            name="crawl-source",
            parameters={"time_limit_s": time_limit_s},
            description="One source's crawl; the nightly run fans out to it on workers.",
        ),
    ]


def _deployment(flow: Any, **options: Any) -> RunnerDeployment:
    # `to_deployment` is dual sync/async: without `_sync=True` it hands back a coroutine
    # whenever an event loop runs in this thread (as under pytest after Prefect's harness).
    return cast(RunnerDeployment, flow.to_deployment(_sync=True, **options))
