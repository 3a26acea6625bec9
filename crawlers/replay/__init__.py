"""Offline replay server: platform-shaped responses from a bundled sample set."""
