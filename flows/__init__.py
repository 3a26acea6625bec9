"""Prefect 3 flows and deployments: crawl, triage, recheck, export, retrain, nightly."""

import os as _os

# Prefect reads these when it is first imported, so they are set before any flow module
# imports it. An operator's own PREFECT_* values win (setdefault).
_os.environ.setdefault(
    "PREFECT_HOME",
    _os.path.abspath(_os.path.join(_os.environ.get("PANTAU_DATA_DIR", "var"), "prefect")),
)
_os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# On 2 cores the ephemeral server takes 8-13 s to start; the default limit is 20 s.
_os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
_os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
