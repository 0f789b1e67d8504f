"""Atomic output writing: build into a temporary folder, swap at the end.

A failed build must leave the previous output intact (the editor's last good site stays
online), so nothing is written in place.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
    """Exclusive lock per output folder: a second build of the same output waits its turn.

    The lock file lives in the system's temporary folder (named after the output's absolute
    path), so no extra file appears among the outputs.
    """
    digest = hashlib.sha256(str(target.resolve()).encode("utf-8")).hexdigest()[:24]
    folder = Path(tempfile.gettempdir()) / "airf-verrous"
    folder.mkdir(exist_ok=True)
    with open(folder / f"{digest}.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _clean_stale(parent: Path, name: str) -> None:
    """Remove the temporary folders a killed build left behind (we hold the lock: none is live)."""
    for stale in parent.glob(f".{name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in parent.glob(f".{name}.old*"):
        shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def atomic_dir(target: Path) -> Iterator[Path]:
    """Yield an empty temporary folder beside `target`; replace `target` with it on success.

    Builds of the same output are serialised by a lock; every temporary name is unique, and the
    leftovers of a killed build are removed by the next one.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target):
        _clean_stale(target.parent, target.name)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
        try:
            yield tmp
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        old = target.parent / f".{target.name}.old-{uuid.uuid4().hex}"
        if target.exists():
            os.replace(target, old)
        os.replace(tmp, target)
        os.chmod(target, 0o755)
        shutil.rmtree(old, ignore_errors=True)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with LF line endings, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
