"""``policy-timeline migrate``: event files rewritten in place from a deprecated form.

Today one form: ``title_zh: X`` becomes ``titles:`` with ``zh: X`` (or ``zh: X`` is added
first to the file's own ``titles:``). Only the line or lines of ``title_zh`` change: the
value is kept as written when it is on the key's line (quotes and comment included),
every other byte of the file is kept, line endings (LF or CRLF) included. Running it again
changes nothing. A file it cannot rewrite safely is left as it was and told why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from policy_timeline.source.chars import yaml_quoted
from policy_timeline.source.load import MAX_EVENT_BYTES, find_event_files, split_front_matter
from policy_timeline.source.yaml_nodes import MAP, Node, compose

_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")
_KEY = "title_zh:"


@dataclass(frozen=True)
class Migrated:
    """One file's outcome: ``changed`` (rewritten), or left as it was with ``note`` saying
    why when it still needs a hand (empty when it was already current)."""

    path: Path
    changed: bool
    note: str = ""


def migrate_folder(events_dir: Path) -> list[Migrated]:
    """Every event file of ``events_dir`` that needed migrating, in path order, each
    rewritten or told why not. Files already current are not listed."""
    found = find_event_files(Path(events_dir))
    out = []
    for rel in found.events:
        result = migrate_file(Path(events_dir) / rel)
        if result.changed or result.note:
            out.append(result)
    return out


def migrate_file(path: Path) -> Migrated:
    """Rewrite ``path`` when it holds ``title_zh``."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_EVENT_BYTES + 1)
    if len(data) > MAX_EVENT_BYTES:
        return Migrated(
            path, False, "larger than an event file may be; run policy-timeline validate"
        )
    if _KEY.encode() not in data:
        return Migrated(path, False)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return Migrated(path, False, "not UTF-8 text; run policy-timeline validate")
    new_text, note = migrated_text(text)
    if new_text is None:
        return Migrated(path, False, note)
    path.write_bytes(new_text.encode("utf-8"))
    return Migrated(path, True)


def migrated_text(text: str) -> tuple[str | None, str]:
    """``text`` with ``title_zh`` moved into ``titles``; (None, "") when there is nothing
    to do, (None, why) when it cannot be done safely."""
    event_text, problems = split_front_matter(text)
    if event_text is None or problems:
        return None, _UNREADABLE
    root, yaml_problems = compose(event_text.front_matter, event_text.front_matter_line)
    if root is None or yaml_problems or root.kind != MAP or "title_zh" not in root.value:
        return None, "" if root is not None and not yaml_problems else _UNREADABLE
    lines = _LINES.findall(text)
    first = root.key_lines["title_zh"] - 1  # 0-based index of the key's line
    if not lines[first].startswith(_KEY):
        return None, f"line {first + 1}: title_zh is not at the start of its line; move it by hand"
    last = _value_end(lines, first, event_text.closing_line - 1)
    ending = "\r\n" if lines[first].endswith("\r\n") else "\n"
    entry = _entry(lines, first, last, root.value["title_zh"], ending)
    titles = root.value.get("titles")
    if titles is None:
        replaced = lines[:first] + [f"titles:{ending}", entry] + lines[last:]
        return "".join(replaced), ""
    if titles.kind != MAP or not titles.value:
        return None, "titles is not written as one `tag: title` line each; move title_zh by hand"
    if "zh" in titles.value:
        return None, "titles.zh is there too; keep one of them and remove title_zh"
    at = min(titles.key_lines.values()) - 1
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip(" \t"))]
    if not indent or at <= root.key_lines["titles"] - 1:
        return None, "titles is not written as one `tag: title` line each; move title_zh by hand"
    entry = indent + entry.lstrip(" ")
    kept = lines[:first] + lines[last:]
    at -= (last - first) if at > first else 0
    return "".join(kept[:at] + [entry] + kept[at:]), ""


_UNREADABLE = "its front matter cannot be read; run policy-timeline validate"


def _value_end(lines: list[str], first: int, closing: int) -> int:
    """The index after the last line of the value that starts at ``lines[first]``: the
    indented lines after it (blank lines only between them)."""
    end = first + 1
    scan = end
    while scan < closing:
        line = lines[scan]
        if line.strip() == "":
            scan += 1
            continue
        if line[0] in " \t":
            scan += 1
            end = scan
            continue
        break
    return end


def _entry(lines: list[str], first: int, last: int, value: Node, ending: str) -> str:
    """``  zh: VALUE`` with the value as written when it is on the key's line."""
    if last == first + 1 and lines[first][len(_KEY) :].strip():
        return "  zh:" + lines[first][len(_KEY) :].rstrip("\r\n") + ending
    return "  zh: " + yaml_quoted(str(value.value).rstrip("\n")) + ending
