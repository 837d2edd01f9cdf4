"""Time left for a wait, measured on the monotonic clock (a wall-clock change does not shorten it)."""

from __future__ import annotations

from time import monotonic

from ._sse import STREAM_READ_TIMEOUT

#: How long `create_and_wait` and `runs.wait` wait by default, in seconds (``None``: no limit).
DEFAULT_WAIT_TIMEOUT = 600.0


class Deadline:
    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout
        self._end = None if timeout is None else monotonic() + timeout

    def remaining(self) -> float | None:
        return None if self._end is None else max(0.0, self._end - monotonic())

    def expired(self) -> bool:
        remaining = self.remaining()
        return remaining is not None and remaining <= 0

    def stream_read_timeout(self) -> float:
        """A silent stream gives up at the deadline, or after three missed heartbeats."""
        remaining = self.remaining()
        return STREAM_READ_TIMEOUT if remaining is None else max(0.01, min(STREAM_READ_TIMEOUT, remaining))

    def nap(self, interval: float) -> float:
        """The pause before the next poll: the interval, cut short by the deadline."""
        remaining = self.remaining()
        return interval if remaining is None else min(interval, remaining)
