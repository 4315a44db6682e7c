"""``policy-timeline validate | new | export | schema | issue-form | from-issue | init``
(or ``python -m policy_timeline``).

The command line of the engine, and the only module that prints: each
command asks the core for a result and reports it.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from policy_timeline import __version__

if TYPE_CHECKING:
    from policy_timeline.source.settings import SiteSettings

DEFAULT_EVENTS_DIR = "events"


def default_events_dir() -> Path:
    """``$TIMELINE_EVENTS_DIR`` (tests, benchmarks), else ``events/`` in the current folder."""
    return Path(os.environ.get("TIMELINE_EVENTS_DIR") or DEFAULT_EVENTS_DIR)


def main(argv: list[str] | None = None) -> int:
    # Messages quote contributor text: never fail on a terminal that is not UTF-8.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        return _run(argv)
    except BrokenPipeError:
        # `policy-timeline validate | head` closed the pipe: stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


USAGE = """\
Policy Timeline: a timeline of policy events, one Markdown file per event, checked and
built into a site with mkdocs (or Zensical). Start a site with `policy-timeline init
FOLDER`, add events with `policy-timeline new`, check them with `policy-timeline
validate`, then build the site with `mkdocs build` or preview it with `mkdocs serve`."""


def _parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policy-timeline",
        description=USAGE,
        epilog="`policy-timeline COMMAND --help` tells more of each command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_validate(sub)
    _add_new(sub, sys.argv[1:] if argv is None else argv)
    _add_schema(sub)
    _add_issue_form(sub)
    _add_from_issue(sub)
    _add_export(sub)
    _add_generate(sub)
    _add_init(sub)
    _add_migrate(sub)
    return parser


def _add_validate(sub: argparse._SubParsersAction) -> None:
    command = sub.add_parser("validate", help="check every event file; exit 1 on any error")
    command.add_argument(
        "events_dir",
        nargs="?",
        type=Path,
        default=None,
        help="folder of event files (default: events/ or $TIMELINE_EVENTS_DIR)",
    )


def _new_epilog(argv: list[str]) -> str | None:
    """The lanes, kinds and tags of the vocabulary ``new --help`` is asked in (its
    --events-dir, else events/ or $TIMELINE_EVENTS_DIR)."""
    from policy_timeline.source.data_files import load_vocabulary

    folder = default_events_dir()
    for i, arg in enumerate(argv):
        if arg == "--events-dir" and i + 1 < len(argv):
            folder = Path(argv[i + 1])
        elif arg.startswith("--events-dir="):
            folder = Path(arg.split("=", 1)[1])
    vocabulary, problems = load_vocabulary(folder)
    if vocabulary is None or problems:
        return f"The lanes and kinds are those of {folder / 'vocabulary.yml'} (not readable here)."
    lines = [f"In {folder / 'vocabulary.yml'}:"]
    for name, terms in (
        ("lanes", [(lane.id, lane.label) for lane in vocabulary.lanes_in_order()]),
        ("kinds", [(kind.id, kind.label) for kind in vocabulary.kinds.values()]),
        ("tags", [(tag.id, tag.label) for tag in vocabulary.tags.values()]),
    ):
        listed = ", ".join(f"{term_id} ({label})" for term_id, label in terms)
        lines.append(
            textwrap.fill(
                f"  {name}: {listed or 'none'}",
                78,
                subsequent_indent="    ",
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines)


def _add_new(sub: argparse._SubParsersAction, argv: list[str]) -> None:
    wants_help = "new" in argv and ("-h" in argv or "--help" in argv)
    command = sub.add_parser(
        "new",
        help="write a new event file with every required field",
        description=textwrap.fill(
            "Write a new event file into the events folder (its year's folder when there "
            "is one), with every required field filled in or marked TODO for you to fill "
            "in. Every argument is checked first; nothing is ever overwritten.",
            78,
        ),
        epilog=_new_epilog(argv) if wants_help else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument("title", help="the event's title, in quotes")
    command.add_argument("--date", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    command.add_argument("--end", default=None, help="for a period: its end, in the same forms")
    command.add_argument("--lane", required=True, help="a lane of the vocabulary (listed below)")
    command.add_argument("--kind", required=True, help="a kind of the vocabulary (listed below)")
    command.add_argument(
        "--tags", default=None, help="tags of the vocabulary, separated by commas (listed below)"
    )
    command.add_argument(
        "--summary", default=None, help="one or two sentences of plain text (else a TODO)"
    )
    command.add_argument(
        "--source", default=None, help="a key of the bibliography (else a TODO title and url)"
    )
    command.add_argument(
        "--title-in",
        action="append",
        default=[],
        metavar="TAG=TITLE",
        help="the title in another language, by its language tag (BCP 47), e.g. "
        "--title-in es=Ley de IA; once a language",
    )
    command.add_argument(
        "--events-dir", type=Path, default=None, help="default: events/ or $TIMELINE_EVENTS_DIR"
    )


def _add_schema(sub: argparse._SubParsersAction) -> None:
    command = sub.add_parser("schema", help="rewrite schema/event.schema.json from the vocabulary")
    command.add_argument("--events-dir", type=Path, default=None)
    command.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where to write it (default: schema/event.schema.json beside the events folder)",
    )


def _add_issue_form(sub: argparse._SubParsersAction) -> None:
    command = sub.add_parser(
        "issue-form",
        help="rewrite the issue form .github/ISSUE_TEMPLATE/suggest-an-event.yml "
        "from the vocabulary",
    )
    command.add_argument("--events-dir", type=Path, default=None)
    command.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where to write it (default: .github/ISSUE_TEMPLATE/suggest-an-event.yml "
        "beside the events folder)",
    )


def _add_from_issue(sub: argparse._SubParsersAction) -> None:
    command = sub.add_parser(
        "from-issue",
        help="write an event file from an issue made with the Suggest an event form, "
        "then validate it; exit 1 when nothing could be written",
    )
    command.add_argument(
        "body_file", nargs="?", type=Path, default=None, help="the issue's body, saved in a file"
    )
    command.add_argument(
        "--github-event",
        type=Path,
        default=None,
        help="a GitHub issues event payload ($GITHUB_EVENT_PATH), instead of BODY_FILE: "
        "its issue's body, number, address and title",
    )
    command.add_argument("--events-dir", type=Path, default=None)
    command.add_argument(
        "--issue-url", default=None, help="the issue's address, linked from the pull request"
    )
    command.add_argument(
        "--issue-number", type=int, default=None, help="the issue's number (default: from the URL)"
    )
    command.add_argument(
        "--report",
        type=Path,
        default=None,
        help="a folder to write pr-body.md, comment.md, commit-message.txt and pr-title.txt "
        "into; with $GITHUB_OUTPUT set, also appends issue=, path=, valid= and branch= to it",
    )


def _add_export(sub: argparse._SubParsersAction) -> None:
    command = sub.add_parser("export", help="write the data exports without mkdocs")
    command.add_argument("out_dir", type=Path)
    command.add_argument("--events-dir", type=Path, default=None)
    command.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's mkdocs.yml, for its name (default: mkdocs.yml here, when there is one)",
    )


def _add_generate(sub: argparse._SubParsersAction) -> None:
    command = sub.add_parser(
        "generate",
        help="write every generated page and file, with a configuration, for engines that "
        "run no mkdocs plugin (Zensical): zensical build -f .policy-timeline.yml",
    )
    command.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml"
    )
    command.add_argument(
        "--watch", action="store_true", help="generate again whenever an event or a page changes"
    )


def _add_migrate(sub: argparse._SubParsersAction) -> None:
    command = sub.add_parser(
        "migrate",
        help="rewrite event files in place from deprecated forms (title_zh: X becomes "
        "titles: {zh: X}); only those lines change",
    )
    command.add_argument(
        "events_dir",
        nargs="?",
        type=Path,
        default=None,
        help="folder of event files (default: events/ or $TIMELINE_EVENTS_DIR)",
    )


def _add_init(sub: argparse._SubParsersAction) -> None:
    command = sub.add_parser("init", help="start a new timeline site in a new folder")
    command.add_argument("folder", type=Path)
    command.add_argument(
        "--title",
        default="A policy timeline",
        help='the site\'s name (default: "A policy timeline")',
    )
    command.add_argument(
        "--engine",
        default=None,
        help=f"the engine the new site installs, as its requirements.txt names it: any pip "
        f"requirement (a version, a path, a wheel, a git URL; default: "
        f"policy-timeline=={__version__})",
    )


def _run(argv: list[str] | None) -> int:
    parser = _parser(argv)
    args = parser.parse_args(argv)
    events_dir = getattr(args, "events_dir", None) or default_events_dir()
    if args.command == "validate":
        return validate(events_dir)
    if args.command == "new":
        return new(
            events_dir,
            args.title,
            date=args.date,
            lane=args.lane,
            kind=args.kind,
            source=args.source,
            end=args.end,
            tags=args.tags,
            summary=args.summary,
            title_in=args.title_in,
        )
    if args.command == "schema":
        return schema(events_dir, args.out)
    if args.command == "issue-form":
        return issue_form(events_dir, args.out)
    if args.command == "from-issue":
        if (args.body_file is None) == (args.github_event is None):
            parser.error("from-issue: give either BODY_FILE or --github-event")
        if args.github_event is not None and (args.issue_url or args.issue_number):
            parser.error("from-issue: --github-event gives the issue's URL and number itself")
        return from_issue(
            events_dir,
            body_file=args.body_file,
            github_event=args.github_event,
            issue_url=args.issue_url,
            issue_number=args.issue_number,
            report=args.report,
        )
    if args.command == "export":
        return export(events_dir, args.out_dir, args.config)
    if args.command == "migrate":
        return migrate(events_dir)
    if args.command == "generate":
        return generate(args.config, watch=args.watch)
    return init(args.folder, args.title, args.engine)


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
    """The site's name, language and interface strings as ``config`` gives them (the
    exports' words follow them, as the site build's do); None when it is not there or
    cannot be read."""
    from policy_timeline.files_host.project import SiteConfigError, read_project
    from policy_timeline.options import site_settings
    from policy_timeline.source.settings import SiteSettings

    if not config.is_file():
        return None
    try:
        site = read_project(config)
    except SiteConfigError:
        return None
    name = site.config.get("site_name")
    return site_settings(
        name=" ".join(name.split())
        if isinstance(name, str) and name.strip()
        else SiteSettings().name,
        url=None,
        repo_url=None,
        edit_uri=None,
        author=None,
        language=(site.config.get("theme") or {}).get("language"),
        messages=site.options.messages,
    )


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
