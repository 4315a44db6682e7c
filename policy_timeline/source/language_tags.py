"""Language tags (BCP 47) as the keys of an event's ``titles``: which are accepted, how a
wrong one is told, and which way a title's script runs.

A tag is ``language[-Script][-REGION][-variant...]``, written in its canonical case:
``zh``, ``zh-Hant``, ``zh-Hant-TW``, ``pt-BR``, ``es-419``, ``de-CH-1996``. The
language is two or three letters (ISO 639), the script four (ISO 15924), the region
two letters or three digits (ISO 3166, UN M.49), a variant five to eight letters and
digits or a digit and three more. Extended languages, extensions and private use
(``x-...``) are not accepted: a title's language never needs them. The tag is checked
for its form, not against the IANA registry: ``qq`` is well formed.

The case is part of the form so that one language has one key: ``zh-hant`` and
``zh-Hant`` would otherwise be two titles of the same language, and a CSV column each.
"""

from __future__ import annotations

import re

_LANGUAGE = r"[a-z]{2,3}"
_SCRIPT = r"[A-Z][a-z]{3}"
_REGION = r"(?:[A-Z]{2}|[0-9]{3})"
_VARIANT = r"(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3})"
# Linear: every part is a fixed class of bounded length, each optional part once.
TAG_PATTERN = rf"^{_LANGUAGE}(-{_SCRIPT})?(-{_REGION})?(-{_VARIANT})*$"
TAG_RE = re.compile(TAG_PATTERN)
_ANY_CASE_RE = re.compile(TAG_PATTERN, re.IGNORECASE)
EXAMPLES = "zh, zh-Hant, pt-BR, es-419"
# Languages whose script runs right to left when the tag names no script.
_RTL_LANGUAGES = frozenset(
    ("ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "ps", "sd", "syr", "ug", "ur", "yi")
)
_RTL_SCRIPTS = frozenset(("Adlm", "Arab", "Hebr", "Nkoo", "Rohg", "Syrc", "Thaa"))


def canonical(tag: str) -> str | None:
    """``tag`` in its canonical case when it is well formed in any case, else None:
    ``zh-hant-tw`` -> ``zh-Hant-TW``."""
    if len(tag) > 64 or not _ANY_CASE_RE.fullmatch(tag):
        return None
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha() and len(out) == 1:
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def problem(tag: str) -> str | None:
    """What is wrong with ``tag`` as a key of ``titles``, or None when it is a tag."""
    if TAG_RE.fullmatch(tag):
        return None
    fixed = canonical(tag)
    shown = tag if len(tag) <= 40 else tag[:39] + "\u2026"
    if fixed is not None:
        return f'"{shown}" is a language tag in the wrong case; expected {fixed}'
    hyphened = canonical(tag.replace("_", "-"))
    if hyphened is not None:
        return f'"{shown}" joins its parts with "_"; expected {hyphened}, joined with hyphens'
    return (
        f'"{shown}" is not a language tag; expected a BCP 47 tag: the language, then '
        f"optionally its script, region and variant, e.g. {EXAMPLES}"
    )


def direction(tag: str) -> str:
    """``rtl`` when a title in ``tag`` is written right to left, else ``ltr``."""
    parts = tag.split("-")
    if len(parts) > 1 and len(parts[1]) == 4 and parts[1][0].isupper():
        return "rtl" if parts[1] in _RTL_SCRIPTS else "ltr"
    return "rtl" if parts[0] in _RTL_LANGUAGES else "ltr"
