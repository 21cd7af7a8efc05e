"""Sets of text spans that answer "inside?" and "overlaps?" in logarithmic time.

The linker asks such questions for every name it finds; a list of spans searched from the
start each time makes a text full of names quadratic.
"""

from bisect import bisect_right

__all__ = ["Occupied", "Spans"]


class Spans:
    """A fixed set of half-open spans (start, end), kept as their sorted, merged union.

    Empty spans are dropped: no index is inside one. Ask `overlaps` only about a non-empty
    span; for non-empty spans the union overlaps it exactly when one of them does.
    """

    def __init__(self, spans=()):
        merged = []
        for start, end in sorted(span for span in spans if span[0] < span[1]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def __bool__(self):
        return bool(self.starts)

    def _last_starting_by(self, index):
        return bisect_right(self.starts, index) - 1

    def covers(self, index):
        """Tell whether some span has start <= index < end."""
        found = self._last_starting_by(index)
        return found >= 0 and index < self.ends[found]

    def overlaps(self, start, end):
        """Tell whether some span shares a character with the non-empty span [start, end)."""
        found = self._last_starting_by(end - 1)
        return found >= 0 and start < self.ends[found]


class Occupied:
    """Characters of a text taken by spans added one at a time, for choosing among overlaps."""

    def __init__(self, length):
        self.taken = bytearray(length)

    def overlaps(self, start, end):
        """Tell whether a character of the non-empty span [start, end) is already taken."""
        return self.taken.find(1, start, end) >= 0

    def add(self, start, end):
        self.taken[start:end] = b"\x01" * (end - start)
