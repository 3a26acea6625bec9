"""Formal reports, evidence bundles and the complaint-system adapters."""
