"""Realistic synthetic events for the benchmarks: ``python bench/generate.py N OUT_DIR``.

Each event has a body of about 150 words, 2-4 actors, 2-5 tags (from the
repository's vocabulary) and 1-3 sources (bibliography refs with locators, and
inline URLs); some are periods, some targets, some link related events, some
carry figures. Dates come at every precision. Files are spread over one
subfolder per year, as a big timeline keeps them. The same N and seed always
give the same bytes, so runs compare like with like. The events pass
``policy-timeline validate``.

``--own-web-pages`` (``generate(..., own_web_pages=True)``): every event cites
1-3 web pages of its own, as policy databases cite each document's government
page, in place of the shared pool of inline URLs; now and then one of them is
an address one earlier event cites too, so it is cited by exactly two. The
bibliography citations, and everything else, are drawn as without it.

``--short`` (``generate(..., short=True)``): as most real policy events are, each
event has its summary, a body of one paragraph and one web source (a page of its
own), and nothing else is drawn differently.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SEED = 20170720
FIRST_YEAR, LAST_YEAR = 2000, 2025
TARGET_YEARS = (2027, 2035)   # after any pinned "today", so targets stay future
_NON_SLUG = re.compile(r"[^a-z0-9]+")
# The site's hand-written pages name this event (the analysis page's macro
# arguments), so a timeline without it does not build; a fork keeps it too.
NAMED_EVENT = {"id": "2017-07-new-generation-ai-development-plan", "date": "2017-07",
               "end": None, "lane": "central", "kind": "plan",
               "title": "State Council issues the New Generation AI Development Plan"}

_ADJECTIVES = (
    "national", "provincial", "municipal", "pilot", "strategic", "three-year", "special",
    "interim", "revised", "joint", "regional", "industrial", "digital", "open", "secure",
)
_SUBJECTS = (
    "artificial intelligence", "big data", "cloud computing", "smart manufacturing",
    "semiconductor", "Internet of Things", "data security", "robotics", "smart city",
    "venture financing", "computing power", "autonomous driving", "talent", "standards",
)
_NOUNS = ("plan", "action programme", "guideline", "opinion", "notice", "white paper",
          "fund", "law", "measures", "roadmap", "forum", "report")
_VERBS = ("issues", "publishes", "announces", "revises", "launches", "adopts", "approves")
_BODIES = ("State Council", "MIIT", "NDRC", "Ministry of Science and Technology",
           "Cyberspace Administration", "Shanghai", "Guangdong", "Zhejiang", "Beijing",
           "Shenzhen", "Hangzhou", "Jiangsu", "Sichuan", "Tianjin", "Chongqing")
_ACTOR_KINDS = ("municipal government", "provincial government", "development zone",
                "industry association", "investment fund", "university", "research institute",
                "technology company", "bureau of industry", "standards committee")
_PLACES = ("Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Wuxi", "Chengdu", "Wuhan",
           "Hefei", "Guangzhou", "Nanjing", "Xi'an", "Tianjin", "Suzhou", "Chongqing")
_WORDS = ["policy", "local", "government", "investment", "industry", "technology", "data", "platform", "plan", "target", "funding", "firms", "pilot", "zone", "standard", "market", "research", "talent", "subsidy", "capital", "province", "city", "ministry", "programme", "development", "security", "innovation", "infrastructure", "network", "computing", "enterprise", "support", "review", "budget", "agency", "official", "document", "measure", "growth", "output", "export", "import", "regulation", "implementation", "evaluation", "province", "county", "cluster", "park", "parks", "incubator", "procurement", "fund", "venture", "financing", "scale", "output", "revenue"]
_TITLES_ZH = ("关于人工智能的规划", "关于大数据的规划", "关于智能制造的规划")
_LOCATORS = ("p. {n}", "pp. {n}-{m}", "section {n}", "chapter {n}", "para. {n}")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _summary(rng: random.Random) -> str:
    text = _sentence(rng, rng.randint(14, 28))
    # The validator's limit is 280 characters.
    return text if len(text) <= 280 else text[:270].rsplit(" ", 1)[0] + "."


def _body(rng: random.Random) -> str:
    """About 150 words of Markdown: paragraphs, emphasis, a link, sometimes a list."""
    paragraphs = []
    for _ in range(3):
        sentences = [_sentence(rng, rng.randint(9, 15)) for _ in range(4)]
        if rng.random() < 0.5:
            sentences[1] = f"*{sentences[1][:-1]}*."
        paragraphs.append(" ".join(sentences))
    notice = f"https://example.org/notice/{rng.randint(1, 9999)}"
    paragraphs[1] += f" See the [official notice]({notice})."
    if rng.random() < 0.3:
        paragraphs.append("\n".join(f"- {_sentence(rng, 4)}" for _ in range(3)))
    return "\n\n".join(paragraphs)


def _short_body(rng: random.Random) -> str:
    """One paragraph of about 50 words."""
    return " ".join(_sentence(rng, rng.randint(9, 15)) for _ in range(4))


def _date(rng: random.Random, year: int) -> str:
    roll = rng.random()
    if roll < 0.2:
        return f"{year}"
    month = rng.randint(1, 12)
    if roll < 0.5:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def _end(rng: random.Random, date: str) -> str:
    """A period's end after its start, at any precision, sometimes in the same year."""
    year = int(date[:4])
    if len(date) == 10 and int(date[5:7]) < 12 and rng.random() < 0.3:
        return f"{year}-12"
    return _date(rng, year + rng.randint(1, 5))


def _q(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: text stays text.
    return json.dumps(text, ensure_ascii=False)


def _yaml_list(name: str, items: list[str]) -> list[str]:
    return [f"{name}:"] + [f"  - {_q(item)}" for item in items] if items else []


def bibliography(rng: random.Random, n_entries: int) -> dict[str, dict]:
    entries = {}
    for i in range(n_entries):
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        entries[f"bench-{i:04d}"] = {
            "title": f"{rng.choice(_SUBJECTS).capitalize()} {rng.choice(_NOUNS)} in China, {year}",
            "authors": [f"Author {a}" for a in rng.sample(range(1, 400), rng.randint(1, 3))],
            "venue": rng.choice(("China Quarterly", "Asia Policy", "DigiChina", "MERICS",
                                 "CSET", "New America", "Journal of Contemporary China")),
            "date": str(year),
            "url": f"https://example.org/bib/{i}",
        }
    return entries


def _source_lines(rng: random.Random, bib_keys: list[str], n_web: int) -> list[str]:
    """1-3 citations: mostly bibliography refs with a locator, some inline URLs.

    The shipped events cite the bibliography 70 times to one inline URL; a
    quarter inline is generous. Inline URLs come from a pool, as several
    events cite the same official notice.
    """
    lines = ["sources:"]
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.75:
            n = rng.randint(1, 300)
            locator = rng.choice(_LOCATORS).format(n=n, m=n + rng.randint(1, 9))
            lines += [f"  - ref: {rng.choice(bib_keys)}", f"    locator: {_q(locator)}"]
        else:
            lines += [f"  - title: {_q(rng.choice(_BODIES) + ' ' + rng.choice(_NOUNS))}",
                      f"    url: https://example.org/source/{rng.randint(1, n_web)}"]
    return lines


# One event in twenty also cites a page an earlier event cites (never more than two events).
SHARED_PAGE_SHARE = 0.05
_OWN_PAGE = "https://www.gov.cn/zhengce/content/{year}/{doc}-{n}.htm"


class OwnPages:
    """The web pages events cite as their own: a document number per event, and the
    addresses cited by one event so far, which a later event may cite as well."""

    def __init__(self) -> None:
        self.documents = 0
        self.cited_once: list[tuple[str, str]] = []   # (url, title)


def _own_source_lines(rng: random.Random, bib_keys: list[str], event: dict,
                      pages: OwnPages) -> list[str]:
    """Bibliography refs drawn as ``_source_lines`` draws them (inline ones left out), then
    1-3 web pages of the event's own, each with a locator, some with a quote."""
    lines = ["sources:"]
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.75:
            n = rng.randint(1, 300)
            locator = rng.choice(_LOCATORS).format(n=n, m=n + rng.randint(1, 9))
            lines += [f"  - ref: {rng.choice(bib_keys)}", f"    locator: {_q(locator)}"]
    pages.documents += 1
    doc = 100000 + pages.documents
    own = [(_OWN_PAGE.format(year=event["date"][:4], doc=doc, n=n),
            f"{rng.choice(_BODIES)} {rng.choice(_NOUNS)}") for n in range(1, rng.randint(1, 3) + 1)]
    cited = list(own)
    if pages.cited_once and rng.random() < SHARED_PAGE_SHARE:
        shared = pages.cited_once.pop(rng.randrange(len(pages.cited_once)))
        if len(cited) < 3:
            cited.append(shared)
        else:
            cited[-1] = shared
            own.pop()
    # Recent pages, as an event cites the notice of one that came shortly before.
    pages.cited_once = (pages.cited_once + own)[-600:]
    for url, title in cited:
        lines += [f"  - title: {_q(title)}", f"    url: {url}",
                  f"    locator: {_q(f'Article {rng.randint(1, 40)}')}"]
        if rng.random() < 0.2:
            lines.append(f"    quote: {_q(_sentence(rng, rng.randint(6, 12)))}")
    return lines


def _figure_line(rng: random.Random, event: dict, measures: list[str]) -> str:
    series = _q(rng.choice(_SUBJECTS).capitalize())
    kind = "target" if event["kind"] == "target" else "actual"
    return (f"  - {{measure: {rng.choice(measures)}, type: {kind}, "
            f"value: {rng.randint(1, 500) / 10}, year: {event['date'][:4]}, series: {series}}}")


def event_text(rng: random.Random, event: dict, vocabulary: dict, bib_keys: list[str],
               earlier_ids: list[str], actors: list[str], n_web: int,
               own_pages: OwnPages | None = None, short: bool = False) -> str:
    lines = ["---", f"title: {_q(event['title'])}", f"date: {event['date']}"]
    if event.get("end"):
        lines.append(f"end: {event['end']}")
    lines += [f"lane: {event['lane']}", f"kind: {event['kind']}",
              f"summary: {_q(_summary(rng))}"]
    if rng.random() < 0.2:
        lines += ["titles:", f"  zh: {_q(rng.choice(_TITLES_ZH))}"]
    lines += _yaml_list("actors", rng.sample(actors, rng.randint(2, 4)))
    if rng.random() < 0.4:
        lines += _yaml_list("places", rng.sample(_PLACES, rng.randint(1, 2)))
    lines += _yaml_list("tags", rng.sample(sorted(vocabulary["tags"]), rng.randint(2, 5)))
    if earlier_ids and rng.random() < 0.3:
        # Recent events, as a contributor links what came just before.
        recent = earlier_ids[-200:]
        lines += _yaml_list("related", rng.sample(recent, min(len(recent), rng.randint(1, 3))))
    if rng.random() < 0.03:
        lines.append("highlight: true")
    if event["kind"] == "target" or rng.random() < 0.08:
        lines += ["figures:", _figure_line(rng, event, sorted(vocabulary["measures"]))]
    if short:
        lines += ["sources:", f"  - title: {_q(rng.choice(_BODIES) + ' ' + rng.choice(_NOUNS))}",
                  f"    url: {_q(_OWN_PAGE.format(year=event['date'][:4], doc='short', n=len(earlier_ids)))}"]
    else:
        lines += (_source_lines(rng, bib_keys, n_web) if own_pages is None
                  else _own_source_lines(rng, bib_keys, event, own_pages))
    lines += ["---", _short_body(rng) if short else _body(rng), ""]
    return "\n".join(lines)


def _plan(rng: random.Random, n: int, vocabulary: dict) -> list[dict]:
    """Ids, dates, lanes and kinds first, so that related links point at real events."""
    lanes = sorted(vocabulary["lanes"])
    kinds = sorted(k for k in vocabulary["kinds"] if k != "target")
    events = []
    for i in range(n):
        is_target = "target" in vocabulary["kinds"] and rng.random() < 0.05
        year = rng.randint(*TARGET_YEARS) if is_target else rng.randint(FIRST_YEAR, LAST_YEAR)
        date = _date(rng, year)
        title = (f"{rng.choice(_BODIES)} {rng.choice(_VERBS)} {rng.choice(_ADJECTIVES)} "
                 f"{rng.choice(_SUBJECTS)} {rng.choice(_NOUNS)}")
        slug = _NON_SLUG.sub("-", " ".join(title.lower().split()[:7])).strip("-")
        events.append({
            "id": f"{date}-{slug}-{i:05d}",
            "title": title,
            "date": date,
            "end": _end(rng, date) if not is_target and rng.random() < 0.12 else None,
            "lane": rng.choice(lanes),
            "kind": "target" if is_target else rng.choice(kinds),
        })
    if n:
        events[0] = {**events[0], **NAMED_EVENT}
    events.sort(key=lambda e: (e["date"], e["id"]))
    return events


def generate(n: int, dest: Path, seed: int = DEFAULT_SEED, own_web_pages: bool = False,
             short: bool = False) -> Path:
    """Write N events, the repo's vocabulary and a bibliography into ``dest``; returns ``dest``.

    ``own_web_pages``: each event cites 1-3 web pages of its own instead of inline URLs
    from a shared pool; ``short``: a summary, one paragraph and one web source each
    (see the module's docstring).
    """
    rng = random.Random(f"{seed}:{n}")
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "events" / "vocabulary.yml", dest / "vocabulary.yml")
    vocabulary = yaml.safe_load((dest / "vocabulary.yml").read_text(encoding="utf-8"))
    repo_bibliography = (REPO / "events" / "bibliography.yml").read_text(encoding="utf-8")
    entries = yaml.safe_load(repo_bibliography) or {}
    entries.update(bibliography(rng, max(20, n // 10)))
    (dest / "bibliography.yml").write_text(
        yaml.safe_dump(entries, allow_unicode=True, sort_keys=True), encoding="utf-8")
    bib_keys = sorted(entries)
    # A pool the size a real timeline has: actors recur across many events.
    actors = sorted({f"{rng.choice(_BODIES)} {rng.choice(_ACTOR_KINDS)}"
                     for _ in range(max(30, n // 8))})
    earlier: list[str] = []
    own_pages = OwnPages() if own_web_pages else None
    for event in _plan(rng, n, vocabulary):
        folder = dest / event["date"][:4]
        folder.mkdir(exist_ok=True)
        text = event_text(rng, event, vocabulary, bib_keys, earlier, actors, max(20, n // 4),
                          own_pages, short)
        (folder / f"{event['id']}.md").write_text(text, encoding="utf-8")
        earlier.append(event["id"])
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of events")
    parser.add_argument("out_dir", type=Path, help="folder to write (new or empty)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--own-web-pages", action="store_true",
                        help="each event cites 1-3 web pages of its own (government notices)")
    parser.add_argument("--short", action="store_true",
                        help="each event: a summary, one paragraph and one web source")
    args = parser.parse_args(argv)
    if args.out_dir.exists() and any(args.out_dir.iterdir()):
        parser.error(f"{args.out_dir} is not empty")
    generate(args.n, args.out_dir, args.seed, own_web_pages=args.own_web_pages, short=args.short)
    print(f"{args.n} events in {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
