"""In-memory login throttle per username and per client address.

It decides before any database work, so a throttled attempt holds no connection, no
transaction and no lock, and never sleeps: it is refused at once with how long to wait.
The hard limit is the lockout counted in the database (review_ui.logins); this throttle
only makes guessing slow. It is per process: each uvicorn worker keeps its own memory.
"""

from __future__ import annotations

import threading
import time
from collections import deque

MAX_DELAY_S = 5.0
_MAX_KEYS = 50_000  # bound the memory an attacker spraying names can take


class LoginThrottle:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, deque[float]] = {}

    def wait_s(self, keys: list[str], delay_s: float, window_s: float) -> float:
        """Seconds until any of these keys may try again (0 means now)."""
        now = time.time()
        wait = 0.0
        with self._lock:
            for key in keys:
                times = self._recent(key, now, window_s)
                if times:
                    allowed_at = times[-1] + min(delay_s * len(times), MAX_DELAY_S)
                    wait = max(wait, allowed_at - now)
        return wait

    def locked_until(self, key: str, max_failures: int, window_s: float) -> float | None:
        """For names with no account: the epoch time a lock like the database one ends.

        Unknown names lock exactly like real ones, so the lock message reveals nothing.
        """
        with self._lock:
            times = self._recent(key, time.time(), window_s)
            return times[-1] + window_s if len(times) >= max_failures else None

    def fail(self, keys: list[str], window_s: float) -> int:
        """Note a failure for every key; returns the first key's count in the window."""
        now = time.time()
        with self._lock:
            if len(self._failures) > _MAX_KEYS:
                self._failures.clear()
            counts = []
            for key in keys:
                times = self._recent(key, now, window_s)
                times.append(now)
                self._failures[key] = times
                counts.append(len(times))
        return counts[0]

    def clear(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def reset(self) -> None:
        with self._lock:
            self._failures.clear()

    def _recent(self, key: str, now: float, window_s: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and now - times[0] > window_s:
            times.popleft()
        return times


THROTTLE = LoginThrottle()
