"""Offline replay server: platform-shaped responses from a bundled sample set."""

from crawlers.replay.server import ReplayServer

__all__ = ["ReplayServer"]
