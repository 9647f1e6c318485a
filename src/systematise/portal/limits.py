"""Rate limits: a token bucket per key (a State, an address), in memory.

One process serves the portal, so memory is the right place: a restart forgets the buckets,
which only ever lets someone in sooner, never locks anyone out.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    burst: int  # requests allowed at once
    per_second: float  # refill


class Buckets:
    """``allow(key)`` is True while ``key`` has a token left; tokens refill at ``rate``."""

    def __init__(self, rate: Rate, max_keys: int = 10_000) -> None:
        self.rate = rate
        self.max_keys = max_keys
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str) -> bool:
        moment = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.rate.burst), moment))
            tokens = min(float(self.rate.burst), tokens + (moment - last) * self.rate.per_second)
            allowed = tokens >= 1
            self._buckets[key] = (tokens - 1 if allowed else tokens, moment)
            if len(self._buckets) > self.max_keys:  # forget the fullest (oldest) buckets
                for stale in sorted(self._buckets, key=lambda k: self._buckets[k][1])[:1000]:
                    del self._buckets[stale]
            return allowed

    def blocked(self, key: str) -> bool:
        """True when ``key`` has no token left (nothing is spent: see :meth:`allow`)."""
        moment = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.rate.burst), moment))
        return min(float(self.rate.burst), tokens + (moment - last) * self.rate.per_second) < 1

    def retry_after(self, key: str) -> int:
        with self._lock:
            tokens, _ = self._buckets.get(key, (0.0, 0.0))
        return max(1, int((1 - tokens) / self.rate.per_second) + 1)
