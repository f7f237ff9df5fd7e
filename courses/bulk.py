"""Building large, acyclic structures (a course of 200 modules of 200 lessons) quickly."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["cyclic_gc_paused"]


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large package, outline or diff is built.

    Every few hundred new containers the collector runs, and its older generations traverse
    everything built so far: for a 40,000-lesson export that was three quarters of the time
    (1.1 s of CPU against 0.28 s paused). What is built holds no reference cycles, so nothing
    is left for the collector when it resumes; reference counting frees it as always.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
