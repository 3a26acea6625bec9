"""The router registry: app.py includes every router in ROUTERS, in this order.

One module per resource. To add pages, write `review_ui/routers/<name>.py` with a
`router = APIRouter(...)` and add it to the list below with one line.
"""

from __future__ import annotations

from fastapi import APIRouter

from review_ui.routers import (
    accounts,
    admin,
    audit,
    auth,
    cases,
    dashboard,
    escalations,
    evidence,
    health,
    items,
    queue,
    reports,
)

ROUTERS: list[APIRouter] = [
    health.router,
    auth.router,
    queue.router,
    items.router,
    accounts.router,
    escalations.router,
    evidence.router,
    reports.router,
    dashboard.router,
    audit.router,
    admin.router,
    cases.router,
]
