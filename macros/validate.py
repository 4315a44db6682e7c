"""TEMPORARY quick loader so the rest of the pipeline can be built in parallel.

Contract kept by the real validator (issue 2):
    validate_project(events_dir: Path) -> tuple[Project | None, list[Problem]]
    run_validate(events_dir: Path) -> int   # prints problems, returns exit code
Project is None whenever there is any problem.
"""
from __future__ import annotations

import datetime as _dt
import sys
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

from .dates import PartialDate
from .model import BibEntry, Event, Figure, Kind, Lane, Project, Source, Tag, Vocabulary


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def _vocab(events_dir: Path) -> Vocabulary:
    data = yaml.safe_load((events_dir / "vocabulary.yml").read_text(encoding="utf-8"))
    lanes = {k: Lane(k, v["label"], int(v["order"]), v["colour"]) for k, v in data["lanes"].items()}
    lanes = dict(sorted(lanes.items(), key=lambda kv: (kv[1].order, kv[0])))
    kinds = {k: Kind(k, v["label"], v["symbol"]) for k, v in data["kinds"].items()}
    tags = {k: Tag(k, v["label"]) for k, v in (data.get("tags") or {}).items()}
    return Vocabulary(lanes, kinds, tags)


def _bib(events_dir: Path) -> dict[str, BibEntry]:
    path = events_dir / "bibliography.yml"
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {k: BibEntry(k, v["title"], tuple(v.get("authors") or ()), v.get("venue"),
                        str(v["date"]) if v.get("date") is not None else None, v.get("url"))
            for k, v in data.items()}


def validate_project(events_dir: Path):
    events_dir = Path(events_dir)
    vocabulary, bibliography = _vocab(events_dir), _bib(events_dir)
    events = []
    for file in sorted(events_dir.rglob("*.md")):
        post = frontmatter.load(file)
        m = post.metadata
        events.append(Event(
            id=file.stem, path=str(file), title=str(m["title"]), date=PartialDate.parse(m["date"]),
            end=PartialDate.parse(m["end"]) if m.get("end") is not None else None,
            lane=m["lane"], kind=m["kind"], summary=str(m["summary"]),
            sources=[Source(**s) for s in m["sources"]], title_zh=m.get("title_zh"),
            actors=list(m.get("actors") or []), places=list(m.get("places") or []),
            tags=list(m.get("tags") or []), related=list(m.get("related") or []),
            highlight=bool(m.get("highlight", False)),
            figures=[Figure(**f) for f in (m.get("figures") or [])], body=post.content,
        ))
    events.sort(key=lambda e: e.sort_key)
    return Project(events_dir, events, vocabulary, bibliography), []


def run_validate(events_dir: Path) -> int:
    project, problems = validate_project(events_dir)
    for p in problems:
        print(p)
    print(f"{len(project.events) if project else 0} events, {len(problems)} errors")
    return 1 if problems else 0
