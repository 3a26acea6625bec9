"""Helpers the receivers' field mappings share: dates in the office's zone, flat lists."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pantau.settings import get_settings
from pantau.timeutil import local


def report_date(payload: dict[str, Any]) -> str:
    """The report's date (approval day, in the office's zone) as YYYY-MM-DD."""
    stamp = payload["approved_at"] or payload["created_at"]
    return local(datetime.fromisoformat(stamp), get_settings().timezone).date().isoformat()


def evidence(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {**ev, "post_url": post["url"], "platform": post["platform"]}
        for post in payload["posts"]
        for ev in post["evidence"]
    ]


def approver_name(payload: dict[str, Any]) -> str:
    return (payload.get("approved_by") or {}).get("name", "")
