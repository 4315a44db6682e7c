"""Characters contributor text may not hold, and how a message names them.

Three kinds, each a compiled character class so a whole file is searched at
C speed and only a file that has one is looked at line by line:

- ``CONTROL``: C0 and C1 control characters (``\\x00``-``\\x1f``, ``\\x7f``-``\\x9f``)
  except tab and line feed, lone surrogates (YAML's ``"\\ud800"``) and the
  noncharacters U+FFFE and U+FFFF. None of them is text.
- ``INVISIBLE``: every format character (Unicode category Cf: the bidi
  controls U+202A-U+202E and U+2066-U+2069, the marks U+200E/U+200F/U+061C,
  the zero-width space, joiners and no-break space, the soft hyphen, tag
  characters...) and the Hangul fillers, which draw nothing. They reorder
  what a reader sees or make two different names look the same.
- ``LINE_BREAKS``: what YAML reads as a line break and git, grep and the
  validator's line count do not: NEL (U+0085), U+2028, U+2029, and a
  carriage return not followed by a line feed.

``FORMAT_RANGES`` is Unicode's category Cf as of Python's ``unicodedata``
(tests/test_chars.py checks it against the running Python).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable

# Category Cf, as (first, last) code points.
FORMAT_RANGES: tuple[tuple[int, int], ...] = (
    (0xAD, 0xAD),
    (0x600, 0x605),
    (0x61C, 0x61C),
    (0x6DD, 0x6DD),
    (0x70F, 0x70F),
    (0x890, 0x891),
    (0x8E2, 0x8E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x13438),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
# Letters that draw as nothing: a name spelled with one looks like a name without it.
BLANK_LETTERS = (0x115F, 0x1160, 0x3164, 0xFFA0)


def _class(ranges: Iterable[tuple[int, int]]) -> str:
    return "".join(
        re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b != a else "") for a, b in ranges
    )


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
INVISIBLE = re.compile("[" + _class(FORMAT_RANGES) + _class((c, c) for c in BLANK_LETTERS) + "]")
LINE_BREAKS = re.compile(r"[\x85\u2028\u2029]|\r(?!\n)")
# Everything a message must not print raw: the above, and tab, line feed, CR.
UNPRINTABLE = re.compile(
    "["
    + _class(FORMAT_RANGES)
    + _class((c, c) for c in BLANK_LETTERS)
    + r"\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]"
)


def refused(text: str) -> re.Match[str] | None:
    """The first ``CONTROL`` character of ``text``, else its first ``INVISIBLE`` one.

    Every ``INVISIBLE`` character is outside ASCII, and ``str.isascii`` is known
    without a scan: ASCII text (most of every file) is searched once, not twice.
    """
    return CONTROL.search(text) or (None if text.isascii() else INVISIBLE.search(text))


def has_line_break(text: str) -> bool:
    """Whether ``text`` holds one of ``LINE_BREAKS`` (ASCII text without a CR cannot)."""
    return ("\r" in text or not text.isascii()) and LINE_BREAKS.search(text) is not None


def yaml_quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar on one line that YAML reads back as exactly
    ``value``: the one way the engine writes text into YAML (``new``'s event files,
    generated pages' front matter).

    A JSON string is a valid YAML double-quoted scalar; JSON leaves some characters
    raw that YAML reads as line breaks (NEL, U+2028, U+2029), refuses (C1 controls)
    or a file cannot hold (a lone surrogate), so every character a message would
    escape is escaped too.
    """
    return UNPRINTABLE.sub(lambda m: escaped(m.group()), json.dumps(value, ensure_ascii=False))


def escaped(char: str) -> str:
    """``\\x1b``, ``\\u202e`` or ``\\U000e0041``: how a message shows a character."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}


def name(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``, for a message about a character."""
    if char == "\r":
        return "a carriage return (CR) not followed by a line feed"
    label = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "")
    return f"U+{ord(char):04X} ({label})" if label else f"U+{ord(char):04X}"


def kind(char: str) -> str:
    """What is wrong with a refused character, in a contributor's words."""
    if LINE_BREAKS.match(char):
        return "a line break to YAML but not to git, grep or the validator's line numbers"
    if INVISIBLE.match(char):
        if (
            0x202A <= ord(char) <= 0x202E
            or 0x2066 <= ord(char) <= 0x2069
            or char in ("\u200e", "\u200f", "\u061c")
        ):
            return "a bidirectional control, which reorders how the text is shown"
        return "an invisible character, which makes text look like other text"
    return "a control character, which is not text"
