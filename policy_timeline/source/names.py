"""Names that get a page must not collide, and must not pass for one another.

Actors and places are pages keyed by ``urls.slugify``, sources by their
bibliography key or ``urls.web_source_key``. Two spellings of one name
(``urls.same_name``: "MIIT" and "Miit") are one page on purpose; two
different names with one key ("C++" and "C", ".../a-b" and ".../a_b") would
be one page titled by whichever came first, so each is a problem naming both
names and their files. So is a name whose key is a reserved page (``index``,
a section), and a name that looks like another one of a different page:
"Stаte Council" with a Cyrillic "а" beside "State Council".

Looking alike is Unicode's confusable skeleton (UTS #39): each character is
replaced by the character it is confusable with, from Unicode's
confusables.txt as the ``confusable_homoglyphs`` package ships it, so two
strings that look the same have the same skeleton. NFKC and a script-mixing
rule alone would miss a name spelled wholly in look-alike letters of one
other script, and would refuse legitimate mixed names ("X光").
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from policy_timeline import urls
from policy_timeline.source import chars
from policy_timeline.source.errors import Problem

RESERVED_PAGES = urls.RESERVED_PAGES


@dataclass(frozen=True)
class Use:
    """One place a name is written: the name, its page key, what makes two uses one name,
    and where (file, line, field)."""

    name: str
    key: str
    same: str
    path: str
    line: int
    field: str


def _shown(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "\u2026"


@functools.lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """Each confusable character -> the representative of the characters it looks like."""
    from confusable_homoglyphs.confusables import confusables_data

    marks = "\u200e\u200f"  # the data wraps right-to-left glyphs in direction marks
    parent: dict[str, str] = {}

    def find(c: str) -> str:
        root = c
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(c, c) != root:  # path compression
            parent[c], c = root, parent[c]
        return root

    longer: dict[str, str] = {}
    for char, glyphs in confusables_data.items():
        for glyph in glyphs:
            other = glyph["c"].strip(marks)
            if len(other) == 1:
                a, b = find(char), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            elif other:
                longer[char] = other  # "m" looks like "rn": a character like a string
    table = {c: find(c) for c in parent}
    for char, other in longer.items():
        table.setdefault(char, other)
    return {c: r for c, r in table.items() if c != r}


def skeleton(text: str) -> str:
    """Unicode's confusable skeleton: equal for strings that look alike (UTS #39, section 4)."""
    table = _prototypes()
    mapped = "".join(table.get(c, c) for c in unicodedata.normalize("NFD", text))
    # A prototype that is a string ("rn") may hold characters mapped further.
    mapped = "".join(table.get(c, c) for c in mapped)
    return unicodedata.normalize("NFD", mapped)


def _first_difference(name: str, other: str) -> str:
    """The first character of ``name`` that ``other`` spells differently, for the message."""
    a, b = unicodedata.normalize("NFC", name), unicodedata.normalize("NFC", other)
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"{chars.name(x)} at character {i + 1}, where the other has {chars.name(y)}"
    return "a different length"


def problems(uses: list[Use], what: str, section: str) -> list[Problem]:
    """Key collisions, reserved keys and look-alikes among ``uses``, in the order given;
    each problem is reported where the later of two names is written."""
    found: list[Problem] = []
    by_key: dict[str, Use] = {}
    by_same: dict[str, Use] = {}
    by_look: dict[str, Use] = {}
    check_looks = any(not use.name.isascii() for use in uses)
    for use in uses:
        if use.same in by_same:
            continue
        by_same[use.same] = use
        where = f"{section}/{use.key}/"
        if use.key in RESERVED_PAGES:
            found.append(
                Problem(
                    use.path,
                    use.line,
                    use.field,
                    f'"{_shown(use.name)}" would be '
                    f"the page {where}, which is "
                    + (
                        "the index of all " + section
                        if use.key == "index"
                        else "the name of a section"
                    )
                    + "; expected another name (reserved: "
                    + ", ".join(RESERVED_PAGES)
                    + ")",
                )
            )
            continue
        first = by_key.get(use.key)
        if first is not None:
            found.append(
                Problem(
                    use.path,
                    use.line,
                    use.field,
                    f'"{_shown(use.name)}" and the '
                    f'{what} "{_shown(first.name)}" ({first.path}:{first.line}) '
                    f"would share one page, {where}; "
                    + (
                        "cite one of them from the bibliography under a key of its own"
                        if section == "sources"
                        else "expected one spelling, "
                        "or names that differ in more than punctuation, case and "
                        "accents"
                    ),
                )
            )
            continue
        by_key[use.key] = use
        if not check_looks:
            continue
        for look in {skeleton(use.name), skeleton(use.same)}:
            other = by_look.get(look)
            if other is not None and other.key != use.key:
                found.append(
                    Problem(
                        use.path,
                        use.line,
                        use.field,
                        f'"{_shown(use.name)}" looks '
                        f'like the {what} "{_shown(other.name)}" ({other.path}:'
                        f"{other.line}) but is spelled with other characters "
                        f"({_first_difference(use.name, other.name)}); expected "
                        "the same spelling, or a name that looks different",
                    )
                )
                break
            by_look.setdefault(look, use)
    return found
