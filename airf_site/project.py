"""Project paths and settings: where content lives, the site URL, the injected build date.

Settings come from `mkdocs.yml` (site_url, site_name, `extra.airf`), read with a tolerant
YAML loader so MkDocs' `!!python/name:` tags do not need MkDocs to be imported.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import yaml

if TYPE_CHECKING:
    from airf_site.caches import BuildCaches

PARIS = ZoneInfo("Europe/Paris")


class _TolerantLoader(yaml.SafeLoader):
    """Ignores unknown tags (``!!python/name:...``, ``!ENV``) instead of failing."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    assert isinstance(node, yaml.MappingNode)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("", _unknown_tag)


def build_datetime(env: Mapping[str, str] | None = None) -> dt.datetime:
    """The build's "now", timezone-aware (Europe/Paris).

    `SOURCE_DATE_EPOCH` (reproducible-builds convention) or `AIRF_BUILD_DATE` (AAAA-MM-JJ)
    pin it so the same sources give the same bytes; otherwise the current time.
    """
    env = os.environ if env is None else env
    if env.get("AIRF_BUILD_DATE"):
        day = dt.date.fromisoformat(env["AIRF_BUILD_DATE"])
        return dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=PARIS)
    if env.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(env["SOURCE_DATE_EPOCH"]), tz=PARIS)
    return dt.datetime.now(tz=PARIS).replace(microsecond=0)


@dataclass
class Project:
    """A project checkout: root folder, settings and the build date."""

    root: Path
    settings: dict[str, Any] = field(default_factory=dict)
    now: dt.datetime = field(default_factory=build_datetime)
    # Kept across builds by a long-lived process (the live preview); None for one-shot builds.
    caches: BuildCaches | None = field(default=None, compare=False, repr=False)

    @classmethod
    def load(cls, root: str | Path = ".", now: dt.datetime | None = None,
             caches: BuildCaches | None = None) -> Project:
        """Read `mkdocs.yml` (if present) under `root`; `caches` as in airf_site/caches.py."""
        root = Path(root).resolve()
        settings: dict[str, Any] = {}
        config = root / "mkdocs.yml"
        if config.exists():
            settings = yaml.load(config.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
        return cls(root=root, settings=settings, now=now or build_datetime(), caches=caches)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def newsletters_dir(self) -> Path:
        return self.root / "newsletters"

    @property
    def report_dir(self) -> Path:
        return self.root / "annual_report"

    @property
    def layouts_dir(self) -> Path:
        return self.root / "layouts"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def site_url(self) -> str:
        """Public base URL, always ending with a slash."""
        url = str(self.settings.get("site_url") or "https://www.regions-francophones.org/")
        return url if url.endswith("/") else url + "/"

    @property
    def site_name(self) -> str:
        return str(self.settings.get("site_name") or "AIRF")

    @property
    def airf(self) -> dict[str, Any]:
        """The `extra.airf` block of mkdocs.yml: association facts, Brevo settings..."""
        return dict((self.settings.get("extra") or {}).get("airf") or {})

    def absolute_url(self, path: str) -> str:
        """Site-relative path → absolute https URL on the public site."""
        return self.site_url + path.lstrip("/")
