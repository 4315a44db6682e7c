"""A new site's Event file format page is this site's page (docs/reference/event-format.md)
with this site's examples swapped for neutral ones, so that the two never drift: the page
``init`` writes (policy_timeline/scaffold/docs/reference/event-format.md) must be exactly
``generic_page(this site's page)``. After editing this site's page, run ``make scaffold-docs``
(``python tests/authoring/test_scaffold_docs.py``) to write it again; an example of this site
that is not in ``SWAPS`` is caught by the test that greps a new site for China leftovers.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "docs" / "reference" / "event-format.md"
SCAFFOLD_PAGE = REPO / "policy_timeline" / "scaffold" / "docs" / "reference" / "event-format.md"

_COMPLETE_EXAMPLE = '''\
`events/2024/2024-03-national-clean-air-plan.md`:

```yaml
---
title: "The government publishes the national clean air plan"
date: 2024-03
lane: national
kind: plan
summary: "The plan sets targets for fine-particle pollution in 2027 and 2030, and a yearly report on progress."
actors: [Ministry of the Environment]
places: [Capital region]
tags: [example]
related: [2023-11-clean-air-consultation]
highlight: true
figures:
  - {measure: fine-particles, type: target, value: 15, year: 2027}
  - {measure: fine-particles, type: target, value: 10, year: 2030}
sources:
  - ref: example-2024
    locator: "section 2, “Targets”"
    quote: "The plan sets a limit of 15 micrograms per cubic metre by 2027."
  - title: "National clean air plan (full text)"
    url: https://example.org/clean-air-plan
---
The plan's two steps: by 2027, bring the yearly average under 15; by 2030,
under 10.
```
'''

# (this site's text, the neutral text a new site gets): each must be on this site's page.
SWAPS: list[tuple[str | re.Pattern, str]] = [
    (r"`events/2017/2017-07-new-generation-ai-development-plan.md`:\n\n```yaml\n.*?\n```\n",
     _COMPLETE_EXAMPLE),
    ("`2017-07-new-generation-ai-development-plan`", "`2024-03-national-clean-air-plan`"),
    ("| `title_zh` | no | The title in Chinese. |\n", ""),
    # A new site never wrote title_zh: its page says nothing of the older form.
    ("`title_zh` (`title_zh: …`), the older form of `titles: {zh: …}`, is still read as it,\n"
     "with a warning, until the next minor release; `policy-timeline migrate`\n"
     "rewrites every such file in place (only that line changes) and says which.\n\n", ""),
    ("(`international`, `central`, `local`, `market`)",
     "(`events/vocabulary.yml` lists them)"),
    ("(`plan`, `law`, `strategy`, `target`, `statement`, `report`, `market`, `conference`, "
     "`other`)", "(`events/vocabulary.yml` lists them)"),
    ("(`actors/state-council/`)", "(`actors/ministry-of-the-environment/`)"),
    ("(`MIIT`, `Miit`)", "(`EPA`, `Epa`)"),
    ("`Stаte Council` with a Cyrillic `а` beside\n  `State Council`",
     "`Mаyor` with a Cyrillic `а` beside\n  `Mayor`"),
    ("https://gov.cn@127.0.0.1/", "https://gov.example@127.0.0.1/"),
    ("- ref: naughton-2020", "- ref: example-2024"),
    ("""    - title: "Full Translation: China's 'New Generation Artificial Intelligence Development Plan' (2017)"
      url: https://www.newamerica.org/cybersecurity-initiative/digichina/blog/full-translation-chinas-new-generation-artificial-intelligence-development-plan-2017/""",
     """    - title: "National clean air plan (full text)"
      url: https://example.org/clean-air-plan"""),
    ("""  - {measure: ai-core-industry, type: target, value: 150, year: 2020}
  - {measure: ai-industry, type: forecast, low: 40, high: 160, year: 2020}
  - {measure: provincial-ai-plans, type: actual, value: 20, period: 2015-2016}""",
     """  - {measure: fine-particles, type: target, value: 15, year: 2027}
  - {measure: fine-particles, type: forecast, low: 12, high: 18, year: 2027}
  - {measure: monitoring-stations, type: actual, value: 20, period: 2022-2023}"""),
    ("e.g. `ai-core-industry`", "e.g. `fine-particles`"),
    ("`Shanghai`, `Sum of 11 provincial targets`", "`Capital region`, `Sum of regional targets`"),
    ("on [Targets and outcomes](../targets-and-outcomes.md):",
     "on a page that calls the macro\n`targets_and_outcomes()`:"),
    ("""  central:
    label: Central government""", """  national:
    label: National government"""),
    ("""  ai-core-industry:
    label: AI core industry
    unit: billion yuan
    counts: "The value of China's AI core industry in a year."
    scope: "National targets cover mainland China; provincial sums only their provinces.\"""",
     """  fine-particles:
    label: Fine particles
    unit: micrograms per cubic metre
    counts: "The yearly average of fine-particle pollution in the air."
    scope: "Measured by the national monitoring network; cities only.\""""),
    ("years: {first: 1949, last: 2049}", "years: {first: 1990, last: 2050}"),
    ("(an industry's value and the money invested in it; the AI core\n"
     "industry and the AI-related industry)",
     "(an industry's value and the money invested in it; fine and\n"
     "coarse particles)"),
    ("The order of the measures is the order of the Targets and outcomes page.",
     "The order of the measures is the order of their charts."),
    ("""naughton-2020:
  title: "Chinese Industrial Policy and the Digital Silk Road: The Case of Alibaba in Malaysia"
  authors: [Barry Naughton]
  venue: Asia Policy""", """example-2024:
  title: "An example report on the policy"
  authors: [A. Author]
  venue: An example journal"""),
    ("""make validate          # or: policy-timeline validate [EVENTS_DIR]""",
     """policy-timeline validate          # or: policy-timeline validate EVENTS_DIR"""),
    ("(`make site`, `make serve`): an invalid event stops `make site` with the\n"
     "same messages, and turns every page of the `make serve` preview",
     "(`mkdocs build`, `mkdocs serve`): an invalid event stops `mkdocs build` with\n"
     "the same messages, and turns every page of the `mkdocs serve` preview"),
    (r"### In your editor\n\nIn VS Code, .*?\n\nEditors do not",
     "### In your editor\n\nEditors do not"),
    ("While `make serve` runs,", "While `mkdocs serve` runs,"),
    ('new "Shanghai issues its AI opinions" --date 2017 --lane local --kind plan '
     "--source zeng-2020",
     'new "Capital region adopts its air plan" --date 2024 --lane local --kind plan '
     "--source example-2024"),
    ("`events/2017/2017-shanghai-issues-its-ai-opinions.md`",
     "`events/2024/2024-capital-region-adopts-its-air-plan.md`"),
    ("then `make serve` to see the event on the timeline and\n`make validate` to check it.",
     "then `mkdocs serve` to see the event on the timeline and\n"
     "`policy-timeline validate` to check it."),
    ("request (see CONTRIBUTING.md).", "request (see the README)."),
    ("deprecated fields\n(`title_zh`: run `policy-timeline migrate`)",
     "deprecated fields\n(`policy-timeline migrate` rewrites them)"),
]

# Rows another change may remove from this site's page first.
OPTIONAL = {"| `title_zh` | no | The title in Chinese. |\n"}


def generic_page(text: str) -> str:
    """This site's page with its examples swapped; an example no longer there is an error."""
    for old, new in SWAPS:
        if isinstance(old, re.Pattern):
            pattern = old
        elif old.startswith(("`events/2017", "### In your")):
            pattern = re.compile(old, re.S)
        else:
            pattern = re.compile(re.escape(old))
        text, count = pattern.subn(lambda _, new=new: new, text)
        if count == 0 and old not in OPTIONAL:
            raise ValueError(f"docs/reference/event-format.md no longer has {str(old)[:60]!r}: "
                             "update SWAPS in tests/authoring/test_scaffold_docs.py")
    return text


def test_a_new_sites_format_page_is_this_sites_page_with_neutral_examples():
    assert SCAFFOLD_PAGE.read_text(encoding="utf-8") == generic_page(
        PAGE.read_text(encoding="utf-8")), (
        "policy_timeline/scaffold/docs/reference/event-format.md is out of date: "
        "run make scaffold-docs")


if __name__ == "__main__":
    SCAFFOLD_PAGE.parent.mkdir(parents=True, exist_ok=True)
    SCAFFOLD_PAGE.write_text(generic_page(PAGE.read_text(encoding="utf-8")), encoding="utf-8",
                             newline="\n")
    print(f"wrote {SCAFFOLD_PAGE.relative_to(REPO)}", file=sys.stderr)
