"""What each command of ``policy-timeline`` does (cli.py reads the command line and
calls one of these): each asks the core for a result and prints it. With cli.py, the
only modules that print. The core is imported inside each command, so ``--help`` and
a command that needs little of it start fast.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policy_timeline.source.settings import SiteSettings


def generate(config: Path, *, watch: bool = False) -> int:
    """The files host: every generated page and file for engines that run no plugin."""
    from policy_timeline.build import ValidationFailed
    from policy_timeline.files_host import generate as files
    from policy_timeline.files_host.project import SiteConfigError, read_project

    try:
        project = read_project(config)
    except SiteConfigError as error:
        print(error, file=sys.stderr)
        return 1
    if watch:
        try:
            files.watch(project, report=print)
        except KeyboardInterrupt:
            return 0
    try:
        files.generate(project, report=print)
    except ValidationFailed as failed:
        for problem in failed.problems:
            print(problem)
        print(f"{len(failed.problems)} error(s) in event files; nothing was generated")
        return 1
    return 0


def validate(events_dir: Path) -> int:
    """Print each problem (and a GitHub annotation under Actions), then a count; 1 on any."""
    from policy_timeline.source.errors import count_line, github_annotation
    from policy_timeline.source.validate import check_events_folder

    result = check_events_folder(events_dir)
    warnings = result.project.warnings if result.project else []
    for problem in result.problems:
        print(problem)
    for warning in warnings:
        print(f"{warning} (a warning: the file is still read)")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in result.problems:
            print(github_annotation(problem))
        for warning in warnings:
            print(github_annotation(warning).replace("::error ", "::warning ", 1))
    print(count_line(result.problems, result.event_files, result.files_checked))
    return 1 if result.problems else 0


def new(
    events_dir: Path,
    title: str,
    *,
    date: str,
    lane: str,
    kind: str,
    source: str | None,
    end: str | None = None,
    tags: str | None = None,
    summary: str | None = None,
    title_in: list[str] | None = None,
) -> int:
    from policy_timeline.authoring.new import EventValues, create_event, parse_titles

    titles, title_problems = parse_titles(title_in or [])
    if title_problems:
        for problem in title_problems:
            print(f"new: {problem}", file=sys.stderr)
        print("new: nothing was written", file=sys.stderr)
        return 1
    values = EventValues(
        titles=titles,
        summary=summary,
        end=end,
        tags=tuple(tag.strip() for tag in (tags or "").split(",") if tag.strip()),
    )
    made = create_event(
        events_dir, title, date=date, lane=lane, kind=kind, source=source, values=values
    )
    if made.path is None:
        for problem in made.problems:
            print(f"new: {problem}", file=sys.stderr)
        print("new: nothing was written", file=sys.stderr)
        return 1
    print(made.path)
    return 0


def schema(events_dir: Path, out: Path | None) -> int:
    from policy_timeline.source.data_files import load_bibliography, load_vocabulary
    from policy_timeline.source.schema import schema_path, write_schema

    vocabulary, problems = load_vocabulary(events_dir)
    bibliography, bib_problems = load_bibliography(events_dir)
    problems += bib_problems
    for problem in problems:
        print(problem)
    if vocabulary is None or problems:
        print("the vocabulary or the bibliography has errors; the schema was not written")
        return 1
    out = out or schema_path(events_dir)
    written = write_schema(vocabulary, out, bibliography)
    print(f"wrote {out}" if written else f"{out} is up to date")
    return 0


def issue_form(events_dir: Path, out: Path | None) -> int:
    from policy_timeline.authoring.issue_form import form_path, form_problems, write_form
    from policy_timeline.source.data_files import load_vocabulary

    vocabulary, problems = load_vocabulary(events_dir)
    for problem in problems:
        print(problem)
    if vocabulary is None or problems:
        print("the vocabulary has errors; the issue form was not written")
        return 1
    form = form_problems(vocabulary)
    for message in form:
        print(f"{events_dir / 'vocabulary.yml'}: {message}")
    if form:
        print("the issue form was not written")
        return 1
    out = out or form_path(events_dir)
    written = write_form(vocabulary, out, examples_dir=events_dir)
    print(f"wrote {out}" if written else f"{out} is up to date")
    return 0


def from_issue(
    events_dir: Path,
    *,
    body_file: Path | None,
    github_event: Path | None,
    issue_url: str | None,
    issue_number: int | None,
    report: Path | None,
) -> int:
    """0 when an event file was written (valid or not: its messages are in the report),
    1 when nothing was (the report's comment says why)."""
    from policy_timeline.authoring.issue import read_issue
    from policy_timeline.authoring.suggest import Suggestion, convert
    from policy_timeline.authoring.suggestion_texts import output_lines, write_report
    from policy_timeline.source.errors import printable

    try:
        issue, problems = read_issue(body_file, github_event, issue_url, issue_number)
        suggestion = Suggestion(issue, problems=problems)
        if issue is not None and not problems:
            suggestion = convert(events_dir, issue)
    except Exception as exc:  # no input may end in a traceback: this is a bug, told as one
        suggestion = Suggestion(
            None,
            problems=[
                f"the converter failed ({type(exc).__name__}: {printable(str(exc))[:300]}); "
                "this is a bug in policy-timeline: please report it with the issue"
            ],
        )
    lines, unsafe = output_lines(suggestion)
    if unsafe and suggestion.path is not None:
        # A file the workflow's steps could not be handed is not left for them.
        suggestion.path.unlink(missing_ok=True)
        suggestion.problems += unsafe
        suggestion.path = None
        lines, _ = output_lines(suggestion)
    github_output = os.environ.get("GITHUB_OUTPUT")
    try:
        if report is not None:
            write_report(suggestion, report)
        if report is not None and github_output:
            with open(github_output, "a", encoding="utf-8") as out:
                out.writelines(line + "\n" for line in lines)
    except OSError as exc:
        print(f"from-issue: the report cannot be written ({exc})", file=sys.stderr)
        return 1
    if suggestion.path is None:
        for problem in suggestion.problems:
            print(f"from-issue: {printable(problem)}", file=sys.stderr)
        print("from-issue: nothing was written", file=sys.stderr)
        return 1
    print(f"wrote {suggestion.path}")
    for message in suggestion.messages:
        print(message)
    print(
        "valid: the validator finds no problem"
        if suggestion.valid
        else f"not valid: {len(suggestion.messages)} problem(s)"
    )
    return 0


def _site_settings(config: Path) -> SiteSettings | None:
    """The site's settings as ``config`` gives them (the exports' title and words follow
    its name, language and interface strings, as the site build's do); None when it is
    not there or cannot be read."""
    from policy_timeline.files_host.project import SiteConfigError, read_project
    from policy_timeline.source.settings import SiteSettings

    if not config.is_file():
        return None
    try:
        site = read_project(config).site_settings()
    except SiteConfigError:
        return None
    name = " ".join(site.name.split()) or SiteSettings().name
    return dataclasses.replace(site, name=name)


def export(events_dir: Path, out_dir: Path, config: Path = Path("mkdocs.yml")) -> int:
    """Validate, then write the exports; 1 (and nothing written) on any problem. The site's
    name (TimelineJS's title) and language are those of ``config``, as the site build has them."""
    from policy_timeline.build import ValidationFailed, prepare
    from policy_timeline.render.export import write_exports

    site = _site_settings(config)
    try:
        build = prepare(events_dir, site=site)
    except ValidationFailed as failed:
        for problem in failed.problems:
            print(problem, file=sys.stderr)
        print(
            f"{len(failed.problems)} error(s) in event files; nothing was exported", file=sys.stderr
        )
        return 1
    names = write_exports(build, out_dir)
    print(f"{len(build.project.events)} events exported to {out_dir}: " + ", ".join(names))
    return 0


def migrate(events_dir: Path) -> int:
    """Each file rewritten, each left for a hand and why, then a count; 1 when any is left."""
    from policy_timeline.authoring.migrate import migrate_folder

    if not events_dir.is_dir():
        print(f"migrate: {events_dir} is not a folder", file=sys.stderr)
        return 1
    results = migrate_folder(events_dir)
    for result in results:
        if result.changed:
            print(f"{result.path}: title_zh rewritten as titles.zh")
        else:
            print(f"{result.path}: not rewritten: {result.note}", file=sys.stderr)
    changed = sum(result.changed for result in results)
    left = len(results) - changed
    print(f"{changed} file(s) rewritten" + (f", {left} left as they were" if left else ""))
    return 1 if left else 0


def init(folder: Path, title: str, engine: str | None = None) -> int:
    from policy_timeline.authoring.scaffold import ScaffoldError, write_site

    try:
        written = write_site(folder, title, engine)
    except ScaffoldError as error:
        print(f"init: {error}", file=sys.stderr)
        return 1
    print(f"A new timeline in {folder}: {len(written)} files. Next:")
    print(f"  cd {folder}")
    print("  python -m venv .venv && .venv/bin/pip install -r requirements.txt")
    print("  .venv/bin/mkdocs serve      # the site, at http://127.0.0.1:8000")
    print('  .venv/bin/policy-timeline new "Title" --date 2024 --lane national --kind plan')
    return 0
