"""Pantau: find civil servants who campaign on social media."""

__version__ = "0.1.0"
