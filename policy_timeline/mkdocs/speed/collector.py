"""The build's own data made with Python's cyclic garbage collector paused, then frozen.

Checking and rendering the events makes hundreds of thousands of objects (the
events, the index, the layout, the pages' Markdown), nearly all of which live
to the end of the build, and almost no reference cycles: what the build lets go
of, reference counting frees at once. Python's collector does not know that,
and walks every one of them in each of its full passes, more often as there are
more of them: at 5,000 events, eight passes took 1.1 s and freed almost nothing
(ARCHITECTURE.md, "Build shortcuts"). So, while the plugin checks and renders:

- the collector is paused (``gc.disable``), and what exists once the work is
  done is frozen (``gc.freeze``: never walked again) before it is resumed;
  mkdocs' own objects, made after, are collected as before;
- what exists when worker processes are forked is frozen first, and each worker
  resumes its own collector (``in_worker``), as Python's documentation of
  ``gc.freeze`` advises: neither process walks what they share, and so neither
  copies the memory pages it would write while walking them;
- at the end of the build, or when it fails, the frozen objects go back to the
  collector (``release``), so that a ``mkdocs serve`` process frees one build's
  data once the next has replaced it.

And once the pages are written, the memory the C library holds free goes back
to the system before the theme's search writes its index
(:func:`give_back_free_memory`), which lowers the build's peak.

Build shortcuts: they change no byte of the site, only how often Python looks
for garbage and when free memory is returned. Off with the other shortcuts
(``build_shortcuts: false``).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import sys
from collections.abc import Iterator

# Whether long_lived has the collector paused, and whether this process froze objects
# it must give back (release). Process state, as the collector's own is.
_paused = False
_froze = False


@contextlib.contextmanager
def long_lived(active: bool = True) -> Iterator[None]:
    """Run the block with the collector paused, then freeze what it made and resume the
    collector; nothing when ``active`` is false or the collector was off already (a
    host that turned it off has its reasons)."""
    global _paused
    if not active or not gc.isenabled():
        yield
        return
    gc.disable()
    _paused = True
    try:
        yield
    finally:
        _paused = False
        freeze()
        gc.enable()


def freeze() -> None:
    """Freeze every object the collector tracks now: it never walks them again until
    :func:`release`."""
    global _froze
    gc.freeze()
    _froze = True


def before_fork() -> None:
    """Called before worker processes are forked: with the collector paused by
    :func:`long_lived`, freeze what they will share with this process."""
    if _paused:
        freeze()


def in_worker() -> None:
    """A forked worker's first step: its own collector runs (over what it makes; what it
    shares with the build's process stays frozen)."""
    gc.enable()


def release() -> None:
    """Give what this process froze back to the collector: the build is over."""
    global _froze
    if _froze:
        gc.unfreeze()
        _froze = False


def give_back_free_memory() -> None:
    """Hand the memory the C library holds free back to the system (glibc's public
    ``malloc_trim``; nothing elsewhere). Called once the pages are written, before the
    theme's search writes its index: each page's HTML, made and let go, leaves the
    heap with free room it keeps (40 MB at 5,000 ``own`` events), and the index's
    JSON was made on top of it, the build's peak of memory (with this, 283-286 MB
    instead of 295-312 MB there; ARCHITECTURE.md)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):  # a C library without it (musl)
        return
    trim(0)
