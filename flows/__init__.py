"""Prefect 3 flows and deployments: crawl, triage, recheck, export, retrain, nightly."""
