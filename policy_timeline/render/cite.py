"""How to cite an event: a suggested citation, BibTeX and CSL-JSON, and where to edit it.

Each event page shows a citation (who, the event's title, the site, the date
its file last changed, its address) and the same as BibTeX and CSL-JSON, in
the page (folded, to copy), with a button for each that saves it as a file
(``tables.js``). They are not files of their own: two files per event were a
tenth of the build's time at 1,000 events, spent opening files. Contributor
text reaches three formats here, and each gets its own escaping: BibTeX
(:func:`bibtex_text`) and JSON, then HTML (the template's) around both.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from policy_timeline import urls
from policy_timeline.render.catalogue import Messages, site_messages
from policy_timeline.source.model import Event

if TYPE_CHECKING:
    from policy_timeline.build import Build


@dataclass(frozen=True)
class Dated:
    """The date a citation gives: when the event's file last changed (from git), or,
    without its history, the build's date, said as such."""

    date: _dt.date
    from_history: bool

    def label(self, messages: Messages, *, heading: bool = False) -> str:
        """ "last changed" or "page built" in the site's language (``cite.*`` within a
        sentence, ``changed.*`` to begin one)."""
        which = "last_changed" if self.from_history else "page_built"
        return messages.t(f"{'changed' if heading else 'cite'}.{which}")


def author(build: Build) -> str:
    """Who a citation names: the site's ``citation_author``, or its contributors."""
    site = build.site
    return site.author or site_messages(site).t("cite.contributors", site=site.name)


def dated(build: Build, event: Event) -> Dated:
    dates = build.history.of(build.file_path(event))
    if dates is not None:
        return Dated(dates.changed, True)
    return Dated(build.today, False)


def event_address(build: Build, event: Event) -> str:
    return build.site.absolute(urls.event_path(event.id))


# --- BibTeX ----------------------------------------------------------------------------

# BibTeX counts every brace in a field, a backslash before it or not: ``\{`` opens a group
# that a title's lone ``{`` never closes, and ``\}\}`` closes the field. So each character
# TeX reads as syntax is written as a command that TeX prints as that character and whose
# own braces balance; the field's braces are then only ours.
_BIBTEX_SPECIAL = {
    "\\": r"{\textbackslash}",
    "{": r"{\textbraceleft}",
    "}": r"{\textbraceright}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"{\textasciitilde}",
    "^": r"{\textasciicircum}",
}
_BIBTEX_RE = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIAL))
# Pairs TeX's fonts make one character of (-- – , --- —, `` “, '' ”, ?` ¿, !` ¡, << «, >> », ,, „):
# an empty group between them keeps the text as written.
_BIBTEX_LIGATURE = re.compile(
    r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[?!])(?=`)|(?<=<)(?=<)"
    r"|(?<=>)(?=>)|(?<=,)(?=,)"
)
# The standard styles' month macros: a style prints them as the month's name ("December 2026").
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex_text(text: str) -> str:
    """Text as a BibTeX field's LaTeX: every character TeX reads as syntax written as a
    command that prints it, with balanced braces of its own (BibTeX counts braces even after a
    backslash), so the field's braces always balance and nothing in it is a command of the
    text's; TeX's ligatures kept apart; one line."""
    escaped = _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group()], " ".join(text.split()))
    return _BIBTEX_LIGATURE.sub("{}", escaped)


def _bibtex_url(url: str) -> str:
    # The url field is verbatim: only braces (and the comment sign) could break it.
    return url.replace("{", "%7B").replace("}", "%7D")


def bibtex(build: Build, event: Event, when: Dated) -> str:
    """One @misc entry. The site's name is in howpublished, which the standard styles print
    for @misc (plain.bst: author, title, howpublished, month and year, note); the month is
    BibTeX's macro, unbraced; ``date`` is biblatex's, the whole date."""
    site = build.site
    said = site_messages(site)
    fields = [
        # Double braces: one author (an "and" in the name splits no one), its case kept.
        ("author", "{{" + bibtex_text(author(build)) + "}}"),
        ("title", "{{" + bibtex_text(event.title) + "}}"),
        ("howpublished", "{" + bibtex_text(site.name) + "}"),
        ("year", f"{{{when.date.year}}}"),
        ("month", _MONTHS[when.date.month - 1]),
        ("date", f"{{{when.date.isoformat()}}}"),
        ("url", "{" + _bibtex_url(event_address(build, event)) + "}"),
        (
            "note",
            "{" + bibtex_text(f"{when.label(said, heading=True)} {when.date.isoformat()}") + "}",
        ),
    ]
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{event.id},\n{body}\n}}\n"


# --- CSL-JSON ----------------------------------------------------------------------------


def csl_json(build: Build, event: Event, when: Dated) -> str:
    site = build.site
    said = site_messages(site)
    item = {
        "id": event.id,
        "type": "webpage",
        "title": event.title,
        "container-title": site.name,
        "author": [{"literal": author(build)}],
        "issued": {"date-parts": [[when.date.year, when.date.month, when.date.day]]},
        "URL": event_address(build, event),
        "note": f"{when.label(said, heading=True)} {when.date.isoformat()}",
    }
    # One field a line, each value on its line: readable, and still JSON.
    fields = ",\n".join(
        f"    {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in item.items()
    )
    return "[\n  {\n" + fields + "\n  }\n]\n"


# --- the page's section ---------------------------------------------------------------------


def citation_values(build: Build, event: Event, when: Dated) -> dict[str, Any]:
    """What the "Cite this event" section's template (``partials/cite.html``) prints
    besides the event: the citation's parts and its two formats."""
    said = site_messages(build.site)
    return {
        "author": author(build),
        "site_name": build.site.name,
        "label": when.label(said),
        "date": said.day(when.date),
        "address": event_address(build, event),
        "linked": bool(build.site.url),
        "bibtex": bibtex(build, event, when),
        "csl": csl_json(build, event, when),
    }


def edit_links(build: Build, event: Event) -> tuple[str, str] | None:
    """(edit, history) addresses of the event's file on GitHub, or None without a
    repo_url or when the events folder's place in the repository is unknown."""
    repo = build.site.repo_url
    prefix = build.history.prefix
    if not repo or prefix is None:
        return None
    path = quote(prefix + build.file_path(event))
    branch = quote(build.site.branch, safe="")
    base = repo.rstrip("/")
    return f"{base}/edit/{branch}/{path}", f"{base}/commits/{branch}/{path}"


def changed_values(build: Build, event: Event, when: Dated) -> dict[str, Any]:
    """What "Last changed DATE · Edit this event · History" prints, as far as they are
    known (``partials/changed.html``)."""
    said = site_messages(build.site)
    edit, history = edit_links(build, event) or (None, None)
    return {
        "label": when.label(said, heading=True),
        "iso": when.date.isoformat(),
        "date": said.day(when.date),
        "edit": edit,
        "history": history,
    }
