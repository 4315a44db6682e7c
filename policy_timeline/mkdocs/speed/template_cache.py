"""The engine's compiled templates kept between builds on this machine.

A build shortcut (ARCHITECTURE.md): every build made a new Jinja environment
and compiled the engine's templates again (37 of them for the shipped site;
0.16-0.24 s of CPU, a quarter of the build's fixed cost over the bare engine).
Jinja's own bytecode cache (``jinja2.FileSystemBytecodeCache``, public API)
keeps each compiled template in the user's cache folder
(``$XDG_CACHE_HOME/policy-timeline/jinja``, by default
``~/.cache/policy-timeline/jinja``), under a name made from the template's
path, and uses it only while the template's source has the same checksum and
the same Jinja and Python made it: a template edited, or overridden from a
site's ``custom_dir``, is compiled again. The first build on a machine (a CI
run) compiles them all, as before.

Nothing executable is read from a path a commit can create: the folder is used
only when no folder above it holds a ``.git`` (an ``XDG_CACHE_HOME`` inside a
checkout, where a commit could plant a compiled template, is refused; the
template cache this engine once kept in the checkout's ``.cache/`` was removed
for that), and only when it is a folder of this user's that only they can
write to. Otherwise, and with the shortcuts off, every build compiles its
templates, as the core does by itself.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import stat
from pathlib import Path

import jinja2

# Compiled templates kept at most: each checkout's path has its own (37 for the
# engine's templates, more with a site's overrides), and clean clones in new
# folders, a CI's for instance, would add theirs forever. Past this, the folder is
# emptied and filled again by the builds that follow.
MAX_KEPT = 1000


def cache_folder() -> Path | None:
    """Where the compiled templates are kept: ``$XDG_CACHE_HOME/policy-timeline/jinja``
    (``~/.cache`` when it is not set, or not an absolute path, as the XDG spec says);
    None when neither gives an absolute path (no home: a container's unnamed user)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path(os.path.expanduser("~")) / ".cache"
    return root / "policy-timeline" / "jinja" if root.is_absolute() else None


class _KeptWhenPossible(jinja2.FileSystemBytecodeCache):
    """Jinja's cache, except that a compiled template it cannot write (a full disk, its
    folder emptied by another build) is not kept, instead of failing the build."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache(folder: Path | None = None) -> jinja2.BytecodeCache | None:
    """Jinja's bytecode cache in ``folder`` (:func:`cache_folder`), made if need be, or
    None when it cannot be used safely: in a git checkout, not a folder, not this
    user's, writable by others, or not writable by them."""
    folder = folder or cache_folder()
    if folder is None:
        return None
    folder = folder.absolute()
    if in_a_checkout(folder):
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) or not os.access(folder, os.W_OK):
        return None
    cache = _KeptWhenPossible(str(folder))
    if _count(folder, MAX_KEPT + 1) > MAX_KEPT:
        cache.clear()
    return cache


def _count(folder: Path, limit: int) -> int:
    """How many entries ``folder`` has, counted up to ``limit``."""
    with os.scandir(folder) as entries:
        return sum(1 for _ in itertools.islice(entries, limit))


def in_a_checkout(folder: Path) -> bool:
    """Whether ``folder`` or a folder above it holds a ``.git`` (a work tree, or a
    repository of its own): a path a commit could create."""
    return any(os.path.lexists(place / ".git") for place in (folder, *folder.parents))
