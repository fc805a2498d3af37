"""Offsets of normalised text without a copy per character: a stage that replaces a few pieces of its
input (an apostrophe run folded to one mark, a Cyrillic letter written as two Latin ones) gives its output's
offsets as the input's, spliced (:class:`Spliced`): runs copied one for one and single positions, looked up
by bisection when asked. Only the title's and each event's span are ever asked for (``NormText.to_original``),
so the arrays for every character of the article, which each stage used to build, are never made."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import overload


class Spliced(Sequence[int]):
    """``out[i] = base[ins[k] + (i - outs[k]) * steps[k]]`` for the piece ``k`` that holds ``i`` (the last
    piece starting at or before it): a copied run has step 1, one position repeated (a replaced character's
    offset for each character it became) step 0."""

    __slots__ = ("base", "ins", "n", "outs", "steps")

    def __init__(self, base: Sequence[int], outs: list[int], ins: list[int], steps: list[int],
                 n: int) -> None:
        self.base, self.outs, self.ins, self.steps, self.n = base, outs, ins, steps, n

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.n))]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        k = bisect_right(self.outs, i) - 1
        return self.base[self.ins[k] + (i - self.outs[k]) * self.steps[k]]

    def __iter__(self) -> Iterator[int]:
        return (self[i] for i in range(self.n))


class Splicer:
    """Builds the two :class:`Spliced` (starts and ends) of a stage's output, piece by piece in order."""

    __slots__ = ("e_ins", "n", "outs", "s_ins", "steps")

    def __init__(self) -> None:
        self.outs: list[int] = []
        self.s_ins: list[int] = []
        self.e_ins: list[int] = []
        self.steps: list[int] = []
        self.n = 0          # characters of the output so far

    def copy(self, a: int, b: int) -> None:
        """Input characters ``a..b-1`` kept one for one."""
        if b > a:
            self._piece(a, a, 1, b - a)

    def one(self, start: int, end: int, length: int) -> None:
        """``length`` output characters made from input ``start..end`` (their start's and end's offsets)."""
        if length > 0:
            self._piece(start, end, 0, length)

    def _piece(self, s_in: int, e_in: int, step: int, length: int) -> None:
        self.outs.append(self.n)
        self.s_ins.append(s_in)
        self.e_ins.append(e_in)
        self.steps.append(step)
        self.n += length

    def spliced(self, starts: Sequence[int], ends: Sequence[int]) -> tuple[Spliced, Spliced]:
        return (Spliced(starts, self.outs, self.s_ins, self.steps, self.n),
                Spliced(ends, self.outs, self.e_ins, self.steps, self.n))
