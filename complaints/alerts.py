"""Telling people a delivery gave up: an optional webhook (the audit event and the UI
banner come from the outbox row itself)."""

from __future__ import annotations

import logging
from typing import Any

import httpx

log = logging.getLogger(__name__)


def post_webhook(url: str, event: dict[str, Any], *, timeout_s: float = 5.0) -> str | None:
    """POST the event as JSON; returns the error text instead of raising, because a dead
    alert channel must not stop the deliveries."""
    if not url:
        return None
    try:
        response = httpx.post(url, json=event, timeout=timeout_s)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        log.warning("alert webhook %s failed: %s", url, exc)
        return f"{type(exc).__name__}: {exc}"
    return None
