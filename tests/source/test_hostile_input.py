"""Hostile input, second round (issue 14): every class is refused with its exact message,
and what the validator accepts at each limit builds.

``tests/fixtures/bad/hostile`` holds one event file per class that git can keep;
``tests/fixtures/bad/hostile-vocabulary`` a fork's hostile vocabulary and
bibliography. Symbolic links, devices, pipes and files over the limit are made
here.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, build_site, run_cli, write_events

from policy_timeline.source.load import MAX_EVENT_BYTES
from policy_timeline.source.validate import validate_project

HOSTILE = FIXTURES / "bad" / "hostile"
HOSTILE_VOCABULARY = FIXTURES / "bad" / "hostile-vocabulary"
BAD_EVENTS = FIXTURES / "bad" / "events"
SYMBOLS = ("circle, square, diamond, cross, x, triangle-up, triangle-down, triangle-left, "
           "triangle-right, triangle-ne, triangle-se, triangle-sw, triangle-nw, pentagon, hexagon, "
           "hexagon2, octagon, star, hexagram, star-triangle-up, star-triangle-down, star-square, "
           "star-diamond, diamond-tall, diamond-wide, hourglass, bowtie, arrow-up, arrow-down, "
           "arrow-left, arrow-right, arrow, arrow-wide")
LINE_BREAK = "is a line break to YAML but not to git, grep or the validator's line numbers; " \
             "remove it (or write it as an escape in a quoted value)"
OUTSIDE = "is outside the years of this timeline, 1900 to 2100; expected a date in them (the " \
          "span is years: {first, last} in " + str(HOSTILE / "vocabulary.yml") + ")"
USERINFO = "so it shows one host and leads to another; expected a plain address such as " \
           "https://www.gov.cn/zhengce/"
RESERVED = "is reserved: it names a page or a section of the site, or a property the site's " \
           "scripts read; expected another id"
RESERVED_PAGES = "expected another name (reserved: index, events, actors, tags, years, places, " \
                 "sources)"
SHARE = "expected one spelling, or names that differ in more than punctuation, case and accents"

REREAD = ('its headings, rules and link definitions ("# a", "a" over "===" or "---", "***", '
          '"[a]: ...") with no blank line after them make Markdown read the rest of their '
          "paragraph again after each one,")
REREAD_END = ("characters (and 8 a line) in all (most in the paragraph on this line); at most "
              "6,000,000 are allowed: put a blank line after each heading, rule and link "
              "definition")

# file -> {(line, field): message}: exactly these problems, word for word.
EXPECTED = {
    # Files that are not what they seem.
    "2017-cr-only.md": {(1, "file"): "its lines end in a carriage return (CR) only, as old Mac "
                        "files did; save it with LF (or CRLF) line endings"},
    "2017-line-separators.md": {
        (5, "file"): f"U+2028 (LINE SEPARATOR) at column 12 {LINE_BREAK}",
        (7, "file"): f"U+0085 (NEXT LINE) at column 20 {LINE_BREAK}"},
    "2017-lone-cr.md": {(2, "file"): "a carriage return (CR) not followed by a line feed at "
                        f"column 15 {LINE_BREAK}"},
    # Values that passed the validator and then broke the build.
    "2017-huge-number.md": {(8, "figures[0].value"): "9" * 59 + "\u2026 is 400 digits long, "
                            "more than a number here can hold; expected a number such as 12.5, "
                            "at most 1.7976931348623157e+308 either side of 0"},
    "2017-deep-body.md": {(22, "body"): "nested more than 10 levels deep (lists and quotes, and 4 "
                          "columns of indent a level); at most 10 are allowed"},
    "2017-brackets.md": {(10, "body"): 'its square brackets ("[" without a nearby "]") make '
                         "Markdown scan 72,018,000 characters (most in the paragraph on this "
                         "line); at most 600,000 are allowed: close each \"[\" with \"]\", or "
                         'write "\\[" for a bracket that is only text'},
    "2017-link-addresses.md": {(10, "body"): 'its link addresses ("](" without a nearby ")") make '
                               "Markdown scan 18,000,000 characters (most in the paragraph on "
                               'this line); at most 600,000 are allowed: close each link address '
                               'with ")", or write "\\(" after a "]"'},
    "2017-unclosed-tags.md": {(10, "body"): 'its HTML tags make Markdown scan 13,507,500 '
                              'characters for the ">" that ends each one; at most 600,000 are '
                              'allowed: close each "<" tag with ">", or write &lt; for a "<" '
                              "that is only text"},
    # Third round (issue 25): blocks Markdown read again after each heading (27 s each to
    # render), and fences it scanned to the end of the body for.
    "2017-setext-headings.md": {(10, "body"): f"{REREAD} 3,999,980,000 {REREAD_END}"},
    "2017-atx-headings.md": {(10, "body"): f"{REREAD} 2,400,060,000 {REREAD_END}"},
    "2017-unclosed-fences.md": {(10, "body"): 'its code fences ("```" or "~~~" lines) make '
                                "Markdown scan 10,005,000 characters for the fence that closes "
                                "each one; at most 6,000,000 are allowed: close each fence with "
                                "the same fence on a line of its own, or indent a \"```\" or "
                                '"~~~" that is only text'},
    "9999-far-date.md": {(3, "date"): f"9999-12-31 {OUTSIDE}"},
    "1899-early-period.md": {(3, "date"): f"1899 {OUTSIDE}", (7, "end"): f"2101 {OUTSIDE}"},
    "2017-fan-out.md": {
        (7, "actors"): "lists 26 items; at most 25 are allowed (each one gets a page or a link)",
        (8, "places"): "lists 4,000 items; at most 25 are allowed (each one gets a page or a "
                       "link)"},
    # Names that collide.
    "2017-trailing-newline.md": {
        (7, "related[0]"): '"2017-cr-only\n" is not an event id; expected the file name of an '
                           "event without .md, e.g. 2017-07-new-generation-ai-development-plan",
        (8, "tags[0]"): '"targets\n" is not one of the tags of the vocabulary; did you mean '
                        f'"targets"? (see {HOSTILE / "vocabulary.yml"})'},
    "2017-names-b.md": {
        (7, "actors[0]"): '"St\u0430te Council" looks like the actor "State Council" ('
                          f'{HOSTILE / "2017-names-a.md"}:7) but is spelled with other characters '
                          "(U+0430 (CYRILLIC SMALL LETTER A) at character 3, where the other has "
                          "U+0061 (LATIN SMALL LETTER A)); expected the same spelling, or a name "
                          "that looks different",
        (7, "actors[1]"): f'"C" and the actor "C++" ({HOSTILE / "2017-names-a.md"}:7) would '
                          f"share one page, actors/c/; {SHARE}",
        (7, "actors[3]"): '"Index" would be the page actors/index/, which is the index of all '
                          f"actors; {RESERVED_PAGES}",
        (7, "actors[4]"): '"Events" would be the page actors/events/, which is the name of a '
                          f"section; {RESERVED_PAGES}",
        (8, "places[0]"): f'"hong-kong" and the place "Hong Kong" ({HOSTILE / "2017-names-a.md"}'
                          f":8) would share one page, places/hong-kong/; {SHARE}",
        (8, "places[1]"): '"index" would be the page places/index/, which is the index of all '
                          f"places; {RESERVED_PAGES}",
        (10, "sources[0].url"): '"https://example.net/a_b" and the source '
                                f'"https://example.net/a-b" ({HOSTILE / "2017-names-a.md"}:10) '
                                "would share one page, sources/web-example-net-a-b/; cite one of "
                                "them from the bibliography under a key of its own"},
    # Spoofing.
    "2017-bidi-title.md": {
        (2, "title"): "holds U+202E (RIGHT-TO-LEFT OVERRIDE), a bidirectional control, which "
                      "reorders how the text is shown, at character 6; remove it",
        (7, "titles.zh"): "holds U+2066 (LEFT-TO-RIGHT ISOLATE), a bidirectional control, which "
                         "reorders how the text is shown, at character 1; remove it"},
    "2017-zero-width-actor.md": {
        (7, "actors[0]"): "holds U+200B (ZERO WIDTH SPACE), an invisible character, which makes "
                          "text look like other text, at character 6; remove it",
        (7, "actors[1]"): "holds U+FEFF (ZERO WIDTH NO-BREAK SPACE), an invisible character, "
                          "which makes text look like other text, at character 5; remove it"},
    "2017-userinfo.md": {
        (8, "sources[0].url"): f'"https://gov.cn@127.0.0.1/plan" has a user name before "@", '
                               f"{USERINFO}",
        (9, "sources[1].url"): f'"https://gov.cn\\\\@127.0.0.1/" has a user name before "@", '
                               f"{USERINFO}",
        (11, "body"): 'the web address at column 7 has a user name before "@", so it shows one '
                      "host and leads to another; remove the part from // to @"},
    "2017-yaml-escapes.md": {
        (2, "title"): "holds U+0000 (NULL), a control character, which is not text, at "
                      "character 3; remove it",
        (6, "summary"): "holds U+001B (ESCAPE), a control character, which is not text, at "
                        "character 3; remove it",
        (9, "sources[0].locator"): 'its escapes decode to "{{", which looks like a template tag, '
                                   "and event text is never a template; write the two characters "
                                   'apart ("{ {")'},
    "2017-body-controls.md": {
        (10, "body"): "U+0007 (BELL) at column 20 is a control character, which is not text; "
                      "remove it"},
}

VOCABULARY_EXPECTED = {
    ("bibliography.yml", 3, "naughton-2020.url"):
        f'"https://asia-policy.example@127.0.0.1/naughton" has a user name before "@", {USERINFO}',
    ("bibliography.yml", 4, "index"): f'"index" {RESERVED}',
    ("bibliography.yml", 6, "zeng-2020\n"): '"zeng-2020\n" is not a valid id; expected lowercase '
                                            "letters and digits joined by hyphens, e.g. local-plans",
    ("vocabulary.yml", 3, "lanes.central.colour"): '"#D55E00\n" is not in the expected form; '
                                                   'expected something like "#0072B2"',
    ("vocabulary.yml", 4, "lanes.index"): f'"index" {RESERVED}',
    ("vocabulary.yml", 5, "lanes.local\n"): '"local\n" is not a valid id; expected lowercase '
                                            "letters and digits joined by hyphens, e.g. local-plans",
    ("vocabulary.yml", 6, "lanes.market.order"): "1" + "0" * 58 + "\u2026 is 319 digits long, more "
                                                 "than a number here can hold; expected a whole "
                                                 "number, at most 1.7976931348623157e+308 either "
                                                 "side of 0",
    ("vocabulary.yml", 9, "kinds.constructor"): f'"constructor" {RESERVED}',
    ("vocabulary.yml", 10, "kinds.law.symbol"): f'"banana" is not allowed here. Expected one of: '
                                                f"{SYMBOLS}",
    ("vocabulary.yml", 11, "kinds.target.symbol"): '"diamnd" is not allowed here; did you mean '
                                                   '"diamond"?',
    ("vocabulary.yml", 12, "kinds.prototype"): f'"prototype" {RESERVED}',
    ("vocabulary.yml", 13, "kinds.toString"): '"toString" is not a valid id; expected lowercase '
                                              "letters and digits joined by hyphens, e.g. "
                                              "local-plans",
    ("vocabulary.yml", 16, "tags.tags"): f'"tags" {RESERVED}',
    ("vocabulary.yml", 18, "years"): "first (2100) is after last (1900); expected first <= last",
}


@pytest.fixture(scope="module")
def hostile_problems():
    project, problems = validate_project(HOSTILE)
    assert project is None
    return problems


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_class_is_refused_with_its_exact_message(hostile_problems, name):
    path = str(HOSTILE / name)
    found = {(p.line, p.field): p.message for p in hostile_problems if p.path == path}
    assert found == EXPECTED[name]


def test_nothing_else_is_reported(hostile_problems):
    accepted = {"2017-names-a.md"}
    assert {p.path for p in hostile_problems} == {str(HOSTILE / name) for name in EXPECTED}
    assert {p.name for p in HOSTILE.glob("*.md")} == set(EXPECTED) | accepted


def test_a_hostile_vocabulary_and_bibliography_are_refused_line_by_line():
    project, problems = validate_project(HOSTILE_VOCABULARY)
    assert project is None
    found = {(Path(p.path).name, p.line, p.field): p.message for p in problems}
    assert found == VOCABULARY_EXPECTED


def test_a_tag_label_like_another_is_refused(tmp_path):
    folder = write_events(tmp_path / "events", {})
    vocabulary = (folder / "vocabulary.yml").read_text(encoding="utf-8")
    target = "  targets: {label: Targets}\n"
    assert vocabulary.count(target) == 1
    # Into the tags section, right after the tag it looks like.
    (folder / "vocabulary.yml").write_text(vocabulary.replace(
        target, target + "  lookalike: {label: \"\u03a4\u0430rgets\"}\n"), encoding="utf-8")
    labels = [line for line in vocabulary.splitlines() if line.startswith("  targets:")]
    assert labels == ["  targets: {label: Targets}"]
    _, problems = validate_project(folder)
    line = vocabulary[:vocabulary.index(target)].count("\n") + 2
    assert [(p.line, p.field, p.message) for p in problems] == [
        (line, "tags.lookalike.label", '"\u03a4\u0430rgets" looks like the tag "Targets" '
         f'({folder / "vocabulary.yml"}:{labels and vocabulary.splitlines().index(labels[0]) + 1}) '
         "but is spelled with other characters (U+03A4 (GREEK CAPITAL LETTER TAU) at character 1, "
         "where the other has U+0054 (LATIN CAPITAL LETTER T)); expected the same spelling, or a "
         "name that looks different")]


# --- files that are not what they seem ------------------------------------------------------

VALID_EVENT = (BAD_EVENTS / "2017-07-valid.md").read_text(encoding="utf-8")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "events"
    folder.mkdir()
    for name in ("vocabulary.yml", "bibliography.yml", "2017-07-valid.md"):
        shutil.copy(BAD_EVENTS / name, folder / name)
    return folder


def test_links_devices_and_pipes_are_refused_unread(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SECRET-CONTENT\n", encoding="utf-8")
    (folder / "bibliography.yml").unlink()
    (folder / "bibliography.yml").symlink_to(secret)
    (folder / "2017-zero.md").symlink_to("/dev/zero")
    (folder / "2017-link.md").symlink_to(folder / "2017-07-valid.md")
    (folder / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(folder / "2017-pipe.md")
    (folder / "sub").mkdir()
    (folder / "sub" / "notes.txt").symlink_to(secret)
    # What the validator opens, in this process (the command's own check, as validate runs it):
    # the valid event, and not one of the links, the pipe or what they point at.
    from policy_timeline.source.validate import check_events_folder
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, *args, **kw: (opened.append(Path(path)),
                                                               real_open(path, *args, **kw))[1])
    check_events_folder(folder)
    monkeypatch.undo()
    assert folder / "2017-07-valid.md" in opened
    assert {path.name for path in opened}.isdisjoint(
        {"2017-zero.md", "2017-pipe.md", "2017-link.md", "bibliography.yml", "notes.txt",
         "secret.txt", "zero"}), opened
    proc = run_cli("validate", str(folder))  # its timeout guards against a hang, not a speed
    assert proc.returncode == 1 and proc.stderr == ""
    link = ("file: is a symbolic link, not a regular file, and is not followed; put the file or "
            "folder itself in the events folder")
    assert proc.stdout.splitlines() == [
        f"{folder}/2017-link.md:1: {link}",
        f"{folder}/2017-pipe.md:1: file: is a named pipe, not a regular file, and is not read; "
        "expected a regular file",
        f"{folder}/2017-zero.md:1: {link}",
        f"{folder}/bibliography.yml:1: {link}",
        f"{folder}/linked-folder:1: {link}",
        f"{folder}/sub/notes.txt:1: {link}",
        # The valid event's ref is not checked against a bibliography that was not read.
        "6 errors in 6 files (8 files checked)",
    ]
    assert "SECRET-CONTENT" not in proc.stdout and "root:x" not in proc.stdout


def test_a_device_file_is_refused_without_opening_it(tmp_path):
    from policy_timeline.source.load import read_text
    text, problems = read_text(Path("/dev/zero"), MAX_EVENT_BYTES)
    assert text is None
    assert [(p.line, p.field, p.message) for p in problems] == [
        (1, "file", "is a device, not a regular file, and is not read; expected a regular file")]


@pytest.mark.parametrize("size, message", [
    (MAX_EVENT_BYTES, None),
    (MAX_EVENT_BYTES + 1, "the file is 102,401 bytes; at most 102,400 bytes (100 KB) are allowed. "
                          "Move long text to a source and link to it"),
])
def test_the_size_limit_states_both_numbers_exactly(tmp_path, size, message):
    folder = _folder(tmp_path)
    padding = size - len(VALID_EVENT.encode("utf-8")) - 1
    (folder / "2017-07-big.md").write_text(VALID_EVENT + "x" * padding + "\n", encoding="utf-8")
    assert (folder / "2017-07-big.md").stat().st_size == size
    _, problems = validate_project(folder)
    assert [p.message for p in problems] == ([message] if message else [])


# --- what the validator accepts at each limit builds ------------------------------------------

PLAN = "2017-07-new-generation-ai-development-plan"


def _front(title: str, date: str, **more: str) -> str:
    lines = [f"title: {title}", f"date: {date}", "lane: central", "kind: plan",
             "summary: At a limit.", *(f"{k}: {v}" for k, v in more.items())]
    if "sources" not in more:
        lines.append("sources: [{title: A source, url: 'https://example.org/source'}]")
    return "---\n" + "\n".join(lines) + "\n---\n"


@pytest.mark.site
def test_everything_at_the_limits_validates_and_builds(tmp_path):
    from policy_timeline.source.body_checks import MAX_BODY_DEPTH
    from policy_timeline.source.formats import MAX_LISTED, MAX_RELATED
    vocabulary = (REPO / "events" / "vocabulary.yml").read_text("utf-8")
    tags = [line.split(":")[0].strip() for line in vocabulary.split("tags:\n")[1].splitlines()
            if line.startswith("  ") and ":" in line][:MAX_LISTED]
    others = {f"2017-other-{i:02d}.md": _front(f"Other {i}", "2017") for i in range(MAX_RELATED)}
    nested = "".join("    " * i + "- level\n" for i in range(MAX_BODY_DEPTH))
    brackets = "[" * 1000 + "\n\n"   # 1000 unclosed "[": 500,500 characters scanned
    crowded = _front(
        "Every list at its limit", "2017-07",
        actors="[" + ", ".join(f"Actor {i}" for i in range(MAX_LISTED - 2)) + ", 国务院, Zhāng Wěi]",
        places="[" + ", ".join(f"Place {i}" for i in range(MAX_LISTED)) + "]",
        tags="[" + ", ".join(tags) + "]",
        related="[" + ", ".join(name[:-3] for name in others) + "]",
        sources="[" + ", ".join(f"{{title: Source {i}, url: 'https://example.org/s/{i}'}}"
                                for i in range(MAX_LISTED)) + "]",
        figures="[{measure: ai-core-industry, value: 1.7976931348623157e+308, year: 2020, "
                "type: target}]")
    body = nested + "\n" + brackets
    filler = "Ordinary words of a long body.\n"
    size = len((crowded + body).encode("utf-8"))
    body += (filler * (MAX_EVENT_BYTES // len(filler) + 1))[:MAX_EVENT_BYTES - size]
    files = {
        **others,
        f"{PLAN}.md": crowded + body,
        "1900-first-year.md": _front("The first year", "1900"),
        "2100-12-31-last-day.md": _front("The last day", "2100-12-31"),
        "1900-a-period-over-the-whole-span.md": _front("The whole span", "1900", end="2100"),
    }
    events = write_events(tmp_path / "events", files)
    assert (events / f"{PLAN}.md").stat().st_size == MAX_EVENT_BYTES
    _project, problems = validate_project(events)
    assert problems == []
    site = build_site(events, tmp_path / "site")
    page = (site / "events" / PLAN / "index.html").read_text(encoding="utf-8")
    assert page.count('href="../../actors/') >= MAX_LISTED
    assert "1.7976931348623157e+308" in page or "179,769,313" in page
    years = sorted(p.name for p in (site / "years").iterdir() if p.is_dir())
    assert years == [str(y) for y in range(1900, 2101)]      # the period spans them all
    assert (site / "actors" / "x-77a17c09c1" / "index.html").is_file()     # 国务院


def test_a_file_name_with_a_trailing_newline_is_not_an_id(tmp_path):
    folder = _folder(tmp_path)
    (folder / "2017-07-valid\n.md").write_text(VALID_EVENT, encoding="utf-8")
    _, problems = validate_project(folder)
    assert [(p.path, p.line, p.field, p.message) for p in problems] == [
        (str(folder / "2017-07-valid\n.md"), 1, "id", 'the file name "2017-07-valid\n.md" is not a '
         "valid id; expected the date then lowercase words joined by hyphens, e.g. "
         "2017-07-20-short-title.md")]
    assert str(problems[0]).count("\n") == 0


def test_new_refuses_a_date_out_of_the_span_and_an_invisible_title(tmp_path):
    folder = _folder(tmp_path)
    proc = run_cli("new", "A far plan", "--date", "9999", "--lane", "central", "--kind",
                      "plan", "--events-dir", str(folder))
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "new: --date: 9999 is outside the years of this timeline, 1900 to 2100 (years: in the "
        "vocabulary)", "new: nothing was written"]
    proc = run_cli("new", "A plan \u202eredro", "--date", "2017", "--lane", "central",
                      "--kind", "plan", "--events-dir", str(folder))
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == (
        "new: the title has a line break, a control character or an invisible or bidi "
        "character; expected one line of visible text")
    assert sorted(p.name for p in folder.iterdir()) == [
        "2017-07-valid.md", "bibliography.yml", "vocabulary.yml"]


@pytest.mark.parametrize("entries, message", [
    (10_000, None),
    (10_001, "has 10,001 entries; at most 10,000 are allowed (each one gets a page)"),
])
def test_the_bibliography_is_capped_since_every_entry_has_a_page(tmp_path, entries, message):
    folder = _folder(tmp_path)
    (folder / "bibliography.yml").write_text(
        "naughton-2020: {title: A book}\n"
        + "".join(f"entry-{i}: {{title: Entry {i}}}\n" for i in range(entries - 1)),
        encoding="utf-8")
    _, problems = validate_project(folder)
    assert [(p.line, p.field, p.message) for p in problems] == ([(1, "file", message)]
                                                                if message else [])
