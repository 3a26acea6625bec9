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
    # From sync code `to_deployment` returns the deployment itself (Prefect's dual API).
    built: list[Any] = [
        nightly.to_deployment(
            name="nightly",
            schedule=Cron(NIGHTLY_CRON, timezone=zone),
            parameters={"time_limit_s": time_limit_s, "fan_out": False},
            description="Crawl every enabled source, triage, recheck, export, summarise.",
        ),
        export.to_deployment(
            name="export",
            schedule=Interval(EXPORT_EVERY, timezone=zone),
            description="Deliver approved cases from the outbox.",
        ),
        retrain.to_deployment(
            name="retrain",
            schedule=Cron(RETRAIN_CRON, timezone=zone),
            description="Retrain on decisions; promote only if not worse.",
        ),
        purge.to_deployment(
            name="purge",
            schedule=Cron(PURGE_CRON, timezone=zone),
            description="Purge never-flagged posts past the retention period.",
        ),
        crawl_source.to_deployment(
            name="crawl-source",
            parameters={"time_limit_s": time_limit_s},
            description="One source's crawl; the nightly run fans out to it on workers.",
        ),
    ]
    return cast(list[RunnerDeployment], built)
