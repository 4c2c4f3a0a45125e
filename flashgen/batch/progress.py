"""How far a batch is: documents done of the total, the rate, the time left."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Throughput:
    """Counts work done against the clock since it was made.

    >>> t = Throughput(200, started=0.0)
    >>> t.done = 50
    >>> t.describe(now=10.0)
    'documents 50/200, 5.0/s, 30 s left'
    """

    total: int
    what: str = "documents"
    started: float = field(default_factory=time.monotonic)
    done: int = 0

    def rate(self, now: float | None = None) -> float:
        """Items per second so far (0 before the first is done)."""
        elapsed = (now if now is not None else time.monotonic()) - self.started
        return self.done / elapsed if self.done and elapsed > 0 else 0.0

    def remaining(self, now: float | None = None) -> float | None:
        """Seconds left at the rate so far, or None while there is no rate yet."""
        rate = self.rate(now)
        return (self.total - self.done) / rate if rate else None

    def describe(self, now: float | None = None) -> str:
        left = self.remaining(now)
        when = f", {_duration(left)} left" if left is not None and self.done < self.total else ""
        return f"{self.what} {self.done}/{self.total}, {self.rate(now):.1f}/s{when}"


def _duration(seconds: float) -> str:
    """``42 s``, ``3 min 20 s`` or ``2 h 05 min``: as precise as a wait needs."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def log_lines(write: Callable[[str], None], every: float = 10.0) -> Callable[[str, int, int], None]:
    """A pipeline progress callback for a log (stderr not a terminal): a line for the
    document map at most every ``every`` seconds, and one when it is done."""
    state: dict[str, Throughput] = {}
    last = [time.monotonic()]

    def report(stage: str, done: int, total: int) -> None:
        if stage != "reading" or total <= 1:
            return
        if stage not in state or done == 0:
            state[stage] = Throughput(total)
            last[0] = state[stage].started
        meter = state[stage]
        meter.done = done
        now = time.monotonic()
        if done == total or (done and now - last[0] >= every):
            last[0] = now
            write(meter.describe(now))

    return report
