"""Caches a long-lived process (the live preview, `airf serve`) keeps across builds.

A one-shot build never uses them. They are passed explicitly — `Project.load(root,
caches=BuildCaches())` — and read where the work happens: `templating.configure_env` gives
every Jinja environment (ours and MkDocs') the bytecode cache, `content.loader` parses front
matter through the memo. Outputs are unchanged: both are keyed on the exact source.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable
from typing import Any

import jinja2
import jinja2.bccache

MEMO_SIZE = 5000


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory (Jinja's own mechanism): MkDocs and our templating create
    a fresh Environment per build and would recompile every template (~30 % of a rebuild). Jinja
    checks each entry against the source's checksum, so an edited layout is recompiled."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class Memo:
    """Results of a pure function keyed on its (hashable) arguments, returned as deep copies
    so a caller changing a result never changes the cached one."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self.store: dict[tuple[Hashable, ...], Any] = {}

    def __call__(self, func: Callable[..., Any], *args: Hashable) -> Any:
        key = (func.__module__, func.__qualname__, *args)
        if key not in self.store:
            if len(self.store) >= self.size:
                self.store.clear()
            self.store[key] = func(*args)
        return copy.deepcopy(self.store[key])


class BuildCaches:
    """The preview's caches: compiled templates, and parsed front matter keyed on file bytes."""

    def __init__(self) -> None:
        self.templates = MemoryBytecodeCache()
        self.memo = Memo()
