"""Schedules, asserted on the deployment objects and on prefect.yaml, which must agree."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import yaml

from flows.deployments import build_deployments

ROOT = Path(__file__).resolve().parents[2]


def _by_name() -> dict:
    return {d.name: d for d in build_deployments(time_limit_s=1800)}


def test_nightly_runs_at_one_in_the_morning_jakarta_time():
    nightly = _by_name()["nightly"]
    schedule = nightly.schedules[0].schedule
    assert (schedule.cron, schedule.timezone) == ("0 1 * * *", "Asia/Jakarta")
    assert nightly.parameters == {"time_limit_s": 1800, "fan_out": False}


def test_export_every_fifteen_minutes_retrain_weekly_purge_daily():
    deps = _by_name()
    assert deps["export"].schedules[0].schedule.interval == timedelta(minutes=15)
    retrain = deps["retrain"].schedules[0].schedule
    assert (retrain.cron, retrain.timezone) == ("0 3 * * 0", "Asia/Jakarta")
    assert deps["purge"].schedules[0].schedule.cron == "30 4 * * *"
    assert deps["crawl-source"].schedules == []
    assert deps["crawl-source"].parameters == {"time_limit_s": 1800}


def test_prefect_yaml_describes_the_same_schedules():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    yaml_deps = {d["name"]: d for d in spec["deployments"]}
    assert set(yaml_deps) == set(_by_name())
    for name, dep in _by_name().items():
        entry = yaml_deps[name]
        module, func = entry["entrypoint"].split(":")
        assert (ROOT / module).is_file()
        assert dep.entrypoint.endswith(f"{Path(module).name}:{func}") or func in dep.entrypoint
        for ours, theirs in zip(dep.schedules, entry.get("schedules", []), strict=True):
            if "cron" in theirs:
                assert ours.schedule.cron == theirs["cron"]
                assert ours.schedule.timezone == theirs["timezone"]
            else:
                assert ours.schedule.interval == timedelta(seconds=theirs["interval"])
    assert yaml_deps["nightly"]["parameters"]["fan_out"] is True
