"""A build writes into a folder beside the site folder and takes its place only once it
has succeeded, so a build that fails, for any reason and at any stage, leaves the
site folder as it was.

mkdocs empties the site folder right after ``on_pre_build`` and writes pages into
it one by one: a failure after that (a template, a worker, git, another plugin,
a warning under ``--strict``) would leave a half-built site, or none. Here the
build's ``site_dir`` is ``<site>.policy-timeline-staging``; the last
``on_post_build`` swaps the two folders, and a failure removes the staging
folder instead. Only what these names point at is ever removed, and a
symbolic link in their place is unlinked, never followed.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

STAGING_SUFFIX = ".policy-timeline-staging"
OLD_SUFFIX = ".policy-timeline-old"


class WarningCounter(logging.Handler):
    """Counts what mkdocs' loggers say at WARNING and above: under ``--strict``
    mkdocs aborts after ``on_post_build`` when any was said, so the swap must not
    happen then."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _remove(path: Path) -> None:
    """Remove ``path`` whatever it is; a symbolic link is unlinked, not followed."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


class StagedSiteDir:
    """The site folder a build writes into, then swaps in (``commit``) or drops
    (``abandon``)."""

    def __init__(self, site_dir: str) -> None:
        self.target = Path(site_dir)
        self.staging = self.target.with_name(self.target.name + STAGING_SUFFIX)
        self.old = self.target.with_name(self.target.name + OLD_SUFFIX)
        self.counter = WarningCounter()

    def begin(self, strict: bool) -> str:
        """Make an empty staging folder (a leftover of a killed build is removed) and
        return it as the build's site_dir."""
        for leftover in (self.staging, self.old):
            _remove(leftover)
        self.staging.mkdir(parents=True)
        if strict:
            logging.getLogger("mkdocs").addHandler(self.counter)
        return str(self.staging)

    def finish(self) -> bool:
        """Put the staging folder in the site folder's place, unless a warning under
        --strict will abort the build; whether it did."""
        logging.getLogger("mkdocs").removeHandler(self.counter)
        if self.counter.count:
            self.abandon()
            return False
        if self.target.exists() or self.target.is_symlink():
            os.replace(self.target, self.old)
        os.replace(self.staging, self.target)
        _remove(self.old)
        return True

    def abandon(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)
        _remove(self.staging)
