"""dashboard.quiet.give_back: the memory a dropped read freed goes back to the system, so the next read
grows the process from what is live (glibc keeps freed heap memory until ``malloc_trim``)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from dashboard.quiet import LEAN_ENV, _malloc_trim, give_back

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


LEAN = textwrap.dedent("""
    import sys
    import pyarrow as pa
    from dashboard.quiet import lean_allocators

    def rss():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024

    if sys.argv[1] == "lean":
        lean_allocators()
    pa.array(range(10_000)).sum()
    print(pa.default_memory_pool().backend_name)
    for size in (8_000_000, 4_000_000):    # by default glibc's mmap threshold rises to a freed block's size
        block = bytearray(size)
        del block
    blocks = [bytearray(600_000) for _ in range(200)]   # ~120 MB in blocks a 100k-row column's size
    kept = blocks[::16]         # one in 16 kept: on the heap, the others' memory could not shrink it
    del blocks
    print(rss())
""")


def _lean_run(mode: str) -> tuple[str, int]:
    out = subprocess.run([sys.executable, "-c", LEAN, mode], capture_output=True, text=True, check=True,
                         env={k: v for k, v in os.environ.items() if k not in LEAN_ENV})
    pool, rss = out.stdout.split()
    return pool, int(rss)


@pytest.mark.skipif(_malloc_trim() is None, reason="glibc's allocator only")
def test_lean_allocators_give_freed_column_sized_blocks_back_and_arrow_uses_malloc():
    (lean_pool, lean), (default_pool, default) = _lean_run("lean"), _lean_run("default")
    assert (lean_pool, default_pool) == ("system", "mimalloc")
    assert default - lean > 60, (lean, default)      # ~110 MiB of freed blocks kept by default

