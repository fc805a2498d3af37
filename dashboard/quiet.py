"""Python's cyclic garbage collector held off while a bulk read builds its objects; the memory of a
dropped read handed back to the system (:func:`give_back`), and allocators that keep less of it
(:func:`lean_allocators`).

Reading the timeline at 100k events makes ~10^5 row tuples and lists in a few hundred milliseconds;
each allocation burst past the collector's thresholds starts a collection, and the oldest generation's
walks every object of the process (a page holds millions): measured on the first load after a write at
100k events, 2.4-3 s of 10.8 s went to the collector. The reads make no reference cycles of their own,
so the collector is paused for their duration and resumes (if it was on) when the last concurrent
read ends; what a read leaves behind is collected as usual afterwards.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache, wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_LOCK = threading.Lock()
_state = {"depth": 0, "enabled": False}     # reads under way, and whether the collector was on before


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the block; nested and concurrent blocks resume it after the last one."""
    with _LOCK:
        if _state["depth"] == 0:
            _state["enabled"] = gc.isenabled()
            gc.disable()
        _state["depth"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _state["depth"] -= 1
            if _state["depth"] == 0 and _state["enabled"]:
                gc.enable()


def quiet(fn: Callable[P, T]) -> Callable[P, T]:
    """``fn`` run with :func:`collector_paused`."""
    @wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        with collector_paused():
            return fn(*args, **kwargs)
    return run


def give_back() -> None:
    """Hand the memory a dropped read freed back to the system: pyarrow's pool (mimalloc keeps freed
    buffers) and glibc's heap (``malloc_trim``; nothing elsewhere). The next read then grows the process
    from what is live instead of from what the last read left behind: at 100k events a page's load after
    a write peaked ~15 MiB above its first load, on memory freed but kept by the allocators."""
    arrow = sys.modules.get("pyarrow")
    if arrow is not None:
        arrow.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, Windows, musl)."""
    return _libc("malloc_trim")


def _libc(name: str) -> Callable[..., int] | None:
    """A function of glibc, or None where the C library has none."""
    try:
        return getattr(ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6"), name)
    except (OSError, AttributeError):
        return None


M_MMAP_THRESHOLD = -3           # glibc's mallopt parameter numbers (malloc.h)
M_ARENA_MAX = -8
MMAP_THRESHOLD = 128 * 1024     # glibc's initial threshold, kept fixed
ARENAS = 2
# :func:`lean_allocators` as the environment of a process to start (the page's server: the wrapper execs
# into Streamlit with them, so they hold from the interpreter's first allocation and for every thread)
LEAN_ENV = {"MALLOC_MMAP_THRESHOLD_": str(MMAP_THRESHOLD), "MALLOC_ARENA_MAX": str(ARENAS),
            "ARROW_DEFAULT_MEMORY_POOL": "system"}


@lru_cache(maxsize=1)
def lean_allocators() -> None:
    """Allocators that give a dropped read's memory back rather than keep it for later (the page's
    process, once): pyarrow's buffers from the C library's malloc instead of its mimalloc pool (which
    kept ~35 MiB of freed buffers at 100k events), and glibc's threshold for serving a block by
    ``mmap`` fixed at 128 KiB (by default it rises to the largest block freed, up to 32 MiB, so a
    100k-row column freed once puts the next ones on the heap, where a freed one mostly stays), with
    at most two heaps (``M_ARENA_MAX``; Streamlit runs each rerun in a new thread, and a thread's heap
    keeps what it freed; set late, this one only bounds heaps not made yet). The same as :data:`LEAN_ENV`
    set before the process starts (at 100k events the page's peak 464 -> 421 MiB from the page's first
    run on, 406 MiB from the process's start); glibc's part only where glibc is the C library."""
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())
    mallopt = _libc("mallopt")
    if mallopt is not None:
        mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
        mallopt(M_ARENA_MAX, ARENAS)
