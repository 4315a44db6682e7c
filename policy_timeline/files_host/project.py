"""A site's settings read from its ``mkdocs.yml`` without running mkdocs: for engines
that run no plugin (Zensical), which read the same file.

The plugin's options are validated by the plugin's own config classes
(``PolicyTimelineConfig``), so they are read the same way by both hosts;
the site's name, address, repository and edit link come from the same keys
mkdocs reads. YAML tags mkdocs knows (``!ENV``, ``!relative``) are read as
mkdocs reads them; any other tag is kept as a plain value.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from policy_timeline.build import Build, prepare
from policy_timeline.options import PolicyTimelineConfig, analysis_settings, site_settings
from policy_timeline.source.settings import SiteSettings

PLUGIN = "policy-timeline"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's YAML: !ENV as mkdocs reads it, other tags as plain values."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names: list[Any]
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        names = loader.construct_sequence(node)
    else:
        return None
    *keys, default = names if len(names) > 1 else [*names, None]
    for key in keys:
        value = os.environ.get(str(key))
        if value is not None:
            return yaml.safe_load(value) if value else value
    return default


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _plain)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


# Files with their sizes and modification times: what changed since last looked.
FilesState = tuple[tuple[str, int, int], ...]


def files_state(paths: list[Path]) -> FilesState:
    """The files under each of ``paths`` (a folder, or a file itself) with their sizes
    and times: a preview generates again, and the macros prepare again, when it changes."""
    state = []
    for root in paths:
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file():
                stat = path.stat()
                state.append((path.as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(state)


class SiteConfigError(Exception):
    """The site's mkdocs.yml cannot be read, or the plugin's options are wrong."""


def read_config(config_file: Path) -> dict[str, Any]:
    """``config_file`` with its ``INHERIT`` chain merged, as a plain dict."""
    try:
        with open(config_file, encoding="utf-8") as handle:
            config = yaml.load(handle, Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise SiteConfigError(f"{config_file}: {error}") from None
    parent = config.pop("INHERIT", None)
    if parent:
        return _merged(read_config(config_file.parent / str(parent)), config)
    return config


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` on ``base``, mapping by mapping, as mkdocs merges an INHERIT chain."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def plugin_options(config: dict[str, Any]) -> dict[str, Any] | None:
    """The ``policy-timeline`` plugin's options as mkdocs.yml lists them; None when the
    site does not use the plugin."""
    for entry in config.get("plugins") or []:
        if entry == PLUGIN:
            return {}
        if isinstance(entry, dict) and PLUGIN in entry:
            return dict(entry[PLUGIN] or {})
    return None


@dataclass(frozen=True)
class SiteProject:
    """What a host that runs no plugin needs to know of a site."""

    root: Path  # the folder of mkdocs.yml
    config: dict[str, Any]
    options: PolicyTimelineConfig

    @property
    def events_dir(self) -> Path:
        return self.root / (os.environ.get("TIMELINE_EVENTS_DIR") or self.options.events_dir)

    @property
    def custom_dir(self) -> Path | None:
        custom = (self.config.get("theme") or {}).get("custom_dir")
        return self.root / str(custom) if custom else None

    @property
    def docs_dir(self) -> Path:
        return self.root / str(self.config.get("docs_dir") or "docs")

    def site_settings(self) -> SiteSettings:
        """What the pages are told of the site, read from its mkdocs.yml as the plugin
        reads it: its name, addresses, language and interface strings."""
        config = self.config
        return site_settings(
            name=str(config.get("site_name") or ""),
            url=config.get("site_url") or None,
            repo_url=config.get("repo_url") or None,
            edit_uri=config.get("edit_uri"),
            author=self.options.citation_author,
            custom_dir=self.custom_dir,
            language=(config.get("theme") or {}).get("language"),
            messages=self.options.messages,
        )

    def prepare(self, *, report: Any = None) -> Build:
        return prepare(
            self.events_dir,
            settings=analysis_settings(self.options.analysis),
            site=self.site_settings(),
            report=report,
        )


def read_project(config_file: Path) -> SiteProject:
    """The site whose configuration is ``config_file``; SiteConfigError with what is
    wrong when its plugin options do not validate."""
    config = read_config(config_file)
    options = PolicyTimelineConfig()
    options.load_dict(plugin_options(config) or {})
    errors, _warnings = options.validate()
    if errors:
        said = "; ".join(f"{name}: {error}" for name, error in errors)
        raise SiteConfigError(f"{config_file}: plugins: {PLUGIN}: {said}")
    return SiteProject(config_file.resolve().parent, config, options)
