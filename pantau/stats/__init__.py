"""Dashboard aggregates: headline figures, breakdowns, review performance, neutrality."""

from pantau.stats.dashboard import Dashboard, Figure, build
from pantau.stats.period import Filters, Period, StatsError, local_today, resolve_region
from pantau.stats.rollup import RefreshReport, refresh
from pantau.stats.tables import Table, to_csv, to_xlsx

__all__ = [
    "Dashboard",
    "Figure",
    "Filters",
    "Period",
    "RefreshReport",
    "StatsError",
    "Table",
    "build",
    "local_today",
    "refresh",
    "resolve_region",
    "to_csv",
    "to_xlsx",
]
