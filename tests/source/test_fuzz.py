"""Property-based fuzzing (Hypothesis): random front matter, bodies and vocabularies.

Every input either validates and then builds, or is refused with located
messages (``path:LINE: field: message``, LINE within the file); never a
traceback, a hang, or a build that calls over MOST_CALLS functions. Accepted inputs are built
in process by the core (build.prepare and generate.render_site: index, every page, the timeline's
figure, the exports); a few are built by mkdocs too. Examples are drawn the
same way on every run (derandomize), so a failure reproduces.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import REPO, build_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from render_work import beyond_ordinary, count_calls

from policy_timeline import urls
from policy_timeline.build import prepare
from policy_timeline.render.generate import render_site
from policy_timeline.source.body_checks import body_problems
from policy_timeline.source.validate import check_events_folder

# Functions called (Python's and the built-ins) to validate and build a handful of events,
# counted, not timed: the most any example here calls is about 370,000.
MOST_CALLS = 4_000_000
NATIONAL_PLAN = "2017-07-new-generation-ai-development-plan"


def mostly(usual, rare, one_in: int):
    """``rare`` once in ``one_in`` draws, else ``usual`` (one_of would weigh them alike)."""
    return st.integers(1, one_in).flatmap(lambda i: rare if i == one_in else usual)


FUZZ = settings(derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Characters that have meant trouble: YAML and Markdown syntax, template tags, controls,
# bidi and zero-width characters, line separators, look-alikes, astral characters.
TRICKY = ("-:[]{}&*!|>'\"#%@`,?\\\n\t \r{}()<>_=~^$+.;/"
          "\x00\x07\x1b\x7f\x85\u00a0\u00ad\u061c\u200b\u200d\u200e\u202e\u2066\u2028\u2029"
          "\ufeff\ufffe\u0430\u0391\u0417\u4e2d\U0001f642")
text = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(codec="utf-8"), max_size=30)
plain = st.text(alphabet="abcdefghij klmnop-", min_size=1, max_size=20)
words = st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=20).filter(str.strip)
known = st.sampled_from(["State Council", "MIIT", "MOST", "Shanghai", "Beijing", "Zhāng Wěi",
                         "国务院", "Guangdong", "Baidu", "NDRC", "World Bank", "Shenzhen"])
name = plain | st.sampled_from(["State Council", "St\u0430te Council", "Index", "index",
                                "C++", "C", "MIIT", "Miit", "events", "Hong Kong", "hong-kong"])
date = (st.integers(1, 9999).map(str)
        | st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1850, 2150), st.integers(0, 13))
        | st.sampled_from(["2017", "2017-07", "2017-07-20", "1900", "2100", "2101", "9999-12-31"])
        | text)
number = (st.integers(-10**400, 10**400) | st.floats(allow_nan=True, allow_infinity=True)
          | st.sampled_from([1.7976931348623157e308, -1.7976931348623157e308, 0, 12.5]))
url = (st.sampled_from(["https://example.org/a-b", "https://example.org/a_b",
                        "https://gov.cn@127.0.0.1/", "http://example.org/x?y=1",
                        "javascript:alert(1)", "https://exa mple.org"])
       | st.builds(lambda p: "https://example.org/" + p, plain))
source = (st.fixed_dictionaries({"ref": st.sampled_from(["naughton-2020", "nowhere"])})
          | st.fixed_dictionaries({"title": plain | text, "url": url},
                                  optional={"locator": text, "quote": text}))
figure = st.fixed_dictionaries(
    {"measure": st.sampled_from(["ai-core-industry", "ai-financing", "nowhere", "AI core"]),
     "type": st.sampled_from(["target", "forecast", "estimate", "actual", "goal"])},
    optional={"value": number, "low": number, "high": number, "year": st.integers(-5, 10000),
              "period": st.sampled_from(["2015-2016", "2016-2015", "2015"]), "series": plain,
              "unit": plain})
anything = st.recursive(st.none() | st.booleans() | number | text,
                        lambda children: st.lists(children, max_size=3)
                        | st.dictionaries(plain, children, max_size=3), max_leaves=8)
fields = st.fixed_dictionaries(
    {"title": plain | text, "date": date, "lane": st.sampled_from(["central", "local", "x"]),
     "kind": st.sampled_from(["plan", "law", "constructor"]), "summary": plain | text,
     "sources": st.lists(source, min_size=0, max_size=3)},
    optional={"end": date, "actors": st.lists(name | text, max_size=30),
              "places": st.lists(name, max_size=4), "tags": st.lists(
                  st.sampled_from(["targets", "financing", "index"]), max_size=3, unique=True),
              "related": st.lists(st.sampled_from([NATIONAL_PLAN, "2017-x\n", "x"]), max_size=2),
              "highlight": st.booleans() | text, "figures": st.lists(figure, max_size=3),
              "title_zh": text, "extra": anything,
              "titles": st.dictionaries(st.sampled_from(
                  ["zh", "zh-Hant", "zh-hant", "es_ES", "ar", "constructor", "x y", ""]),
                  text | anything, max_size=4) | anything})
# Bodies: Markdown syntax in runs, repeated up to a few KB, with ordinary words between.
MARKDOWN_TOKENS = list("[]()<>!*_`\\#-+|&\n\"'= ") + ["\n\n", "    ", "<a ", "](", "- ", "> ",
                                                        "&#", "<!--", "word "]
body_unit = st.lists(st.sampled_from(MARKDOWN_TOKENS), max_size=8).map("".join)
body = st.builds(lambda unit, times, words: unit * times + words, body_unit,
                 st.integers(0, 400), text)
mild_body = st.builds(lambda unit, times: unit * times, body_unit, st.integers(0, 3))


VALID_FRONT = st.fixed_dictionaries(
    {"title": mostly(words, text, 4),
     "date": st.sampled_from(["2009", "2016-05", "2018-01-18", "2030"]),
     "lane": st.sampled_from(["central", "local", "international", "market"]),
     "kind": st.sampled_from(["plan", "law", "target", "statement"]), "summary": words,
     "sources": st.lists(st.fixed_dictionaries({"title": words, "url": st.builds(
         lambda p: "https://example.org/" + p, st.integers(0, 5).map(str))}), min_size=1,
         max_size=2)},
    optional={"actors": st.lists(known, max_size=4, unique=True),
              "places": st.lists(known, max_size=2, unique=True),
              "tags": st.lists(st.sampled_from(["targets", "financing"]), unique=True,
                               max_size=2),
              "titles": st.dictionaries(st.sampled_from(["zh", "zh-Hant", "es", "ar", "fa-IR"]),
                                        words, max_size=3)})
valid_vocabulary = st.fixed_dictionaries(
    {"lanes": st.dictionaries(st.sampled_from(["central", "local", "international", "market"]),
                              st.fixed_dictionaries({
                                  "label": plain, "order": st.integers(-3, 10**6),
                                  "colour": st.sampled_from(["#D55E00", "#0072b2"])}),
                              min_size=1, max_size=4),
     "kinds": st.dictionaries(st.sampled_from(["plan", "law", "target", "statement"]),
                              st.fixed_dictionaries({"label": plain, "symbol": st.sampled_from(
                                  ["circle", "star", "arrow-wide", "hexagon2"])}),
                              min_size=1, max_size=4),
     "tags": st.dictionaries(st.sampled_from(["targets", "financing"]),
                             st.fixed_dictionaries({"label": name}), max_size=2)},
    optional={"years": st.fixed_dictionaries({"first": st.integers(1900, 2009),
                                              "last": st.integers(2030, 2100)})})


def _event_text(front: dict, body_text: str, raw: bool) -> str:
    if raw:   # broken YAML on purpose: random lines between the markers
        return "---\n" + body_text + "\n---\n"
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    return "---\n" + dumped + "---\n" + body_text


vocabulary = st.fixed_dictionaries(
    {"lanes": st.dictionaries(st.sampled_from(["central", "local", "index", "Local", "local\n"]),
                              st.fixed_dictionaries({
                                  "label": plain | text, "order": st.integers(-3, 10**320),
                                  "colour": st.sampled_from(["#D55E00", "#d55e00\n", "red"])}),
                              min_size=1, max_size=3),
     "kinds": st.dictionaries(st.sampled_from(["plan", "law", "constructor", "__proto__"]),
                              st.fixed_dictionaries({"label": plain | text, "symbol":
                                                     st.sampled_from(["circle", "star", "banana",
                                                                      "circle-open"])}),
                              min_size=1, max_size=3)},
    optional={"tags": st.dictionaries(st.sampled_from(["targets", "financing", "tags"]),
                                      st.fixed_dictionaries({"label": name}), max_size=3),
              "years": st.fixed_dictionaries({"first": st.integers(0, 2200),
                                              "last": st.integers(0, 10000)})})


def _write(folder: Path, files: dict[str, str]) -> None:
    for rel, content in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", errors="surrogatepass")


def _assert_located(folder: Path, problems) -> None:
    assert problems
    for problem in problems:
        shown = str(problem)
        assert "\n" not in shown and "\r" not in shown and "\u202e" not in shown, shown
        assert re.match(r"^[^\n]+:[0-9]+: [^\n]*: .+$", shown), shown
        assert problem.field and problem.message, shown
        assert "bug in the validator" not in problem.message, shown
        path = Path(problem.path)
        assert path == folder or folder in path.parents, shown
        if path.is_file() and not path.is_symlink():
            lines = path.read_bytes().count(b"\n") + 1
            assert 1 <= problem.line <= lines, shown


def _check(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "events"
        _write(folder, files)
        result, calls = count_calls(check_events_folder, folder)
        if result.project is None:
            _assert_located(folder, result.problems)
        else:
            site, build_calls = count_calls(lambda: render_site(prepare(folder)))
            calls += build_calls
            build = site.build
            assert set(site.pages) >= {urls.src_uri("events", e.id) for e in build.project.events}
            assert len(build.index.years) <= len(build.project.events) * 202
        assert calls < MOST_CALLS, calls


@pytest.mark.content
@settings(FUZZ, max_examples=150)
@given(events=st.lists(st.tuples(mostly(VALID_FRONT, fields, 5), mostly(mild_body, body, 4),
                                 mostly(st.just(False), st.just(True), 10)),
                       min_size=1, max_size=3),
       vocab=mostly(st.none(), valid_vocabulary | vocabulary, 3))
def test_random_events_and_vocabularies_validate_and_build_or_are_refused(events, vocab):
    files = {"vocabulary.yml": (REPO / "events" / "vocabulary.yml").read_text(encoding="utf-8")
             if vocab is None else yaml.safe_dump(vocab, allow_unicode=True),
             "bibliography.yml": "naughton-2020:\n  title: A book\n"}
    for i, (front, body_text, raw) in enumerate(events):
        prefix = str(front["date"])[:4] if re.fullmatch("[0-9]{4}.*", str(front["date"])) else "2017"
        files[f"{prefix}-event-{i}.md"] = _event_text(front, body_text, raw)
    _check(files)


@FUZZ
@given(unit=st.lists(st.sampled_from(MARKDOWN_TOKENS), min_size=1, max_size=6).map("".join))
def test_markdown_syntax_repeated_to_the_size_limit_is_refused_or_costs_what_text_does(unit):
    markdown = (unit * (100_000 // len(unit) + 1))[:100_000]
    if body_problems(markdown, 10):
        return
    assert beyond_ordinary(markdown) == {}, repr(unit)


@pytest.mark.site
@pytest.mark.content
@settings(FUZZ, max_examples=2)
@given(events=st.lists(st.tuples(
    st.builds(lambda front, title: {**front, "title": title}, VALID_FRONT, words),
    st.sampled_from(["", "Body *text* with a [link](https://example.org/x) and `code`.",
                     "- a\n- b\n\n> a quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"])),
                      min_size=2, max_size=4))
def test_accepted_random_events_build_with_mkdocs(events):
    files = {"vocabulary.yml": (REPO / "events" / "vocabulary.yml").read_text(encoding="utf-8"),
             f"{NATIONAL_PLAN}.md": _event_text({
                 "title": "The national plan", "date": "2017-07", "lane": "central",
                 "kind": "plan", "summary": "The plan.",
                 "sources": [{"title": "Plan", "url": "https://example.org/plan"}]}, "", False)}
    for i, (front, body_text) in enumerate(events):
        files[f"{front['date'][:4]}-random-{i}.md"] = _event_text(front, body_text, False)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "events"
        _write(folder, files)
        result = check_events_folder(folder)
        assert result.project is not None, "\n".join(map(str, result.problems))
        site = build_site(folder, Path(tmp) / "site")
        for event in result.project.events:
            assert (site / urls.event_path(event.id) / "index.html").is_file()
