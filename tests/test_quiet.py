"""dashboard.quiet.give_back: the memory a dropped read freed goes back to the system, so the next read
grows the process from what is live (glibc keeps freed heap memory until ``malloc_trim``)."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from dashboard.quiet import _malloc_trim, give_back

FREED = textwrap.dedent("""
    import sys
    from dashboard.quiet import give_back

    def rss():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024

    blocks = [bytes(2000) for _ in range(60_000)]     # ~120 MB on glibc's heap (past pymalloc's sizes)
    kept = blocks[::16]          # one block in 16 kept: the heap cannot shrink from its top alone
    del blocks
    before = rss()
    if sys.argv[1] == "give-back":
        give_back()
    print(before, rss())
""")


def _rss_before_after(mode: str) -> tuple[int, int]:
    out = subprocess.run([sys.executable, "-c", FREED, mode], capture_output=True, text=True, check=True)
    before, after = out.stdout.split()
    return int(before), int(after)


@pytest.mark.skipif(_malloc_trim() is None, reason="no malloc_trim in this C library (glibc only)")
@pytest.mark.parametrize("mode, given_back", [("give-back", True), ("keep", False)],
                         ids=["given-back", "kept"])
def test_freed_heap_memory_goes_back_to_the_system_only_when_given_back(mode, given_back):
    before, after = _rss_before_after(mode)
    assert (before - after > 50) is given_back, (before, after)


def test_give_back_runs_without_pyarrow_or_a_trim(monkeypatch):
    """Where pyarrow is not imported and the C library has no ``malloc_trim``, nothing is done."""
    monkeypatch.delitem(sys.modules, "pyarrow", raising=False)
    _malloc_trim.cache_clear()
    monkeypatch.setattr("ctypes.CDLL", lambda *a, **k: object())     # a C library without malloc_trim
    try:
        give_back()
        assert _malloc_trim() is None
    finally:
        _malloc_trim.cache_clear()
