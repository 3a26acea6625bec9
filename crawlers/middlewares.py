"""Downloader middlewares: rate limits and back-off."""
