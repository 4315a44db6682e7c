"""The interface's words in the site's language: message catalogues.

Every reader-facing string the engine writes (controls, counts, the card, the
toolbar, the keyboard help, generated pages' headings, the feed's and the
citation's labels, the preview's error page) is a key of a catalogue, never
text in code. The catalogues are the package's ``catalogues/<language>/*.yml``:
each a flat or nested YAML map, every file of a language's folder merged,
nested keys joined with dots (``timeline.showing``). Placeholders are
``{name}``; ``{{`` and ``}}`` are a brace. A plural is a key with sub-keys
``one`` and ``other`` (Chinese has ``other`` only); :meth:`Messages.plural`
picks one by the language's rule.

The language is the theme's (``theme.language``): ``zh``, ``zh-Hans``,
``zh_CN`` read the ``zh`` catalogue, a language without a catalogue reads
English, and any key missing from a catalogue is read from English's. A site
overrides single strings with the plugin's ``messages:`` option
(:func:`override_problems` says what is wrong with one).

Scripts read the strings they use from their view's ``data-messages``
attribute (:meth:`Messages.json`).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from policy_timeline.source.dates import YEAR, PartialDate
from policy_timeline.source.settings import SiteSettings

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "catalogues"
DEFAULT = "en"
# The languages the package ships complete catalogues of.
LANGUAGES = ("en", "zh", "fr", "de", "es")
PLURAL_FORMS = ("one", "other")

# {name}, or a doubled brace, which stands for one.
_FIELD = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


class CatalogueError(Exception):
    """A catalogue file that cannot be read as a map of strings."""


def base_language(tag: str | None) -> str:
    """The catalogue a language tag reads: ``zh-Hans``, ``zh_CN`` and ``ZH`` read
    ``zh``; a language without a catalogue (``pt-BR``) reads English."""
    base = re.split(r"[-_]", (tag or "").strip().lower(), maxsplit=1)[0]
    return base if base in LANGUAGES else DEFAULT


def flatten(tree: Mapping[Any, Any], where: str, prefix: str = "") -> dict[str, str]:
    """``{"a": {"b": "x"}}`` as ``{"a.b": "x"}``; CatalogueError naming ``where`` when a
    value is neither a string nor a map."""
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, where, name + "."))
        elif isinstance(value, str):
            flat[name] = value
        else:
            raise CatalogueError(
                f"{where}: {name}: {value!r} is not text; expected a string or a map of strings"
            )
    return flat


@functools.cache
def catalogue(language: str) -> Mapping[str, str]:
    """Every file of ``catalogues/<language>/`` merged, keys joined with dots; a key
    given by two files is an error."""
    merged: dict[str, str] = {}
    folder = CATALOGUE_DIR / language
    for path in sorted(folder.glob("*.yml")):
        where = f"{path.parent.name}/{path.name}"
        try:
            # libyaml's loader (source/yaml_nodes.py needs it too): the same maps as
            # safe_load, read in a tenth of the time.
            tree = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
        except yaml.YAMLError as error:
            raise CatalogueError(f"{where}: {error}") from None
        if not isinstance(tree, Mapping):
            raise CatalogueError(f"{where}: a {type(tree).__name__}, expected a map")
        for key, value in flatten(tree, where).items():
            if key in merged:
                raise CatalogueError(f"{where}: {key}: given by another file of {language}/ too")
            merged[key] = value
    return merged


def fields(text: str) -> frozenset[str]:
    """The placeholders a message names."""
    return frozenset(match.group(1) for match in _FIELD.finditer(text) if match.group(1))


def fill(text: str, values: Mapping[str, object]) -> str:
    """``text`` with its placeholders replaced; a placeholder without a value stays."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group(0)[0]
        return str(values[name]) if name in values else match.group(0)

    return _FIELD.sub(one, text)


def _is_one(language: str, n: int) -> bool:
    """Whether ``n`` takes the ``one`` form (CLDR's rule for integers)."""
    if language == "zh":
        return False
    if language == "fr":
        return n in (0, 1)
    return n == 1


class Messages:
    """The interface's strings of one language, with a site's overrides."""

    def __init__(self, language: str, overrides: Mapping[str, str] | None = None) -> None:
        self.language = base_language(language)
        english = catalogue(DEFAULT)
        own = catalogue(self.language)
        self._texts: dict[str, str] = {**english, **own, **(overrides or {})}
        self._spans: dict[tuple[PartialDate, PartialDate | None], str] = {}
        # A plural's "one" read from English would be wrong in a language without it.
        if self.language == "zh":
            for key in list(self._texts):
                if key.endswith(".one") and key not in own and key not in (overrides or {}):
                    del self._texts[key]

    def text(self, key: str) -> str:
        try:
            return self._texts[key]
        except KeyError:
            raise KeyError(f"no interface string {key!r} in the catalogues") from None

    def t(self, key: str, **values: object) -> str:
        """The string ``key`` with its placeholders filled: plain text, to be escaped."""
        text = self.text(key)
        # Most strings have no placeholder: a 1,000-event build asks for 66,000.
        return fill(text, values) if "{" in text or "}" in text else text

    def plural(self, key: str, n: int, **values: object) -> str:
        """``key.one`` or ``key.other`` by the language's rule, ``{n}`` filled with ``n``."""
        form = "one" if _is_one(self.language, n) and f"{key}.one" in self._texts else "other"
        return fill(self.text(f"{key}.{form}"), {"n": n, **values})

    def date(self, date: PartialDate) -> str:
        """A date at its precision, for readers: ``2009``, ``July 2017``, ``20 July 2017``."""
        if date.month is None:
            return self.t("dates.year", year=date.year)
        month = self.t(f"dates.months.{date.month}")
        if date.day is None:
            return self.t("dates.month", month=month, year=date.year)
        return self.t("dates.day", day=date.day, month=month, year=date.year)

    def span(self, start: PartialDate, end: PartialDate | None) -> str:
        """A date or a period: ``2009``, ``2016–2020``, ``May 2016 – June 2017``; each
        written once (an event's date is on every page that lists it)."""
        said = self._spans.get((start, end))
        if said is None:
            said = self._spans[(start, end)] = self._span(start, end)
        return said

    def _span(self, start: PartialDate, end: PartialDate | None) -> str:
        if end is None or end == start:
            return self.date(start)
        if start.precision == YEAR and end.precision == YEAR:
            return self.t("dates.span_years", start=start.year, end=end.year)
        return self.t("dates.span", start=self.date(start), end=self.date(end))

    def day(self, day: _dt.date) -> str:
        """A calendar day: ``22 November 2026``."""
        return self.date(PartialDate(day.year, day.month, day.day))

    def subset(self, prefixes: Iterable[str]) -> dict[str, str]:
        """The strings whose keys begin with one of ``prefixes`` (``"timeline."``),
        sorted, unfilled."""
        wanted = tuple(prefixes)
        return {key: self._texts[key] for key in sorted(self._texts) if key.startswith(wanted)}

    def json(self, *prefixes: str) -> str:
        """:meth:`subset` as JSON, for a view's ``data-messages`` attribute (which the
        template escapes as any attribute)."""
        return json.dumps(self.subset(prefixes), ensure_ascii=False, sort_keys=True)


def override_problems(overrides: Mapping[str, Any]) -> list[str]:
    """What is wrong with a site's ``messages:`` option, one sentence each: a key no
    catalogue has, a value that is not text, a placeholder the string does not take."""
    english = catalogue(DEFAULT)
    problems = []
    try:
        flat = flatten(overrides, "messages")
    except CatalogueError as error:
        return [str(error).removeprefix("messages: ")]
    for key, value in flat.items():
        if key not in english:
            near = difflib.get_close_matches(key, list(english), n=3, cutoff=0.75)
            hint = f" (the nearest: {', '.join(near)})" if near else ""
            problems.append(
                f"{key}: no interface string has this key; expected a key of the "
                f"English catalogue, policy_timeline/catalogues/en/*.yml{hint}"
            )
            continue
        extra = (
            fields(value)
            - fields(english[key])
            - ({"n"} if key.endswith((".one", ".other")) else set())
        )
        if extra:
            allowed = ", ".join(f"{{{name}}}" for name in sorted(fields(english[key]))) or "none"
            problems.append(
                f"{key}: {', '.join(f'{{{name}}}' for name in sorted(extra))} is not a "
                f"placeholder of this string; expected only: {allowed}"
            )
    return problems


def overrides_tuple(overrides: Mapping[str, Any] | None) -> tuple[tuple[str, str], ...]:
    """A site's ``messages:`` as sorted pairs of dotted key and text (SiteSettings keeps
    them hashable)."""
    return tuple(sorted(flatten(overrides or {}, "messages").items()))


@functools.lru_cache(maxsize=16)
def _messages(language: str, overrides: tuple[tuple[str, str], ...]) -> Messages:
    return Messages(language, dict(overrides))


def english() -> Messages:
    """The English strings, without overrides."""
    return _messages(DEFAULT, ())


def site_messages(site: SiteSettings) -> Messages:
    """The strings of the site's language with its overrides (made once per setting)."""
    return _messages(site.language, site.messages)
