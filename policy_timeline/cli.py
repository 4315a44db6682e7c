"""``policy-timeline validate | new | export | schema | issue-form | from-issue | init``
(or ``python -m policy_timeline``).

The command line of the engine: its parser, its help and which command runs.
What each command does and prints is in ``commands.py``.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from pathlib import Path

from policy_timeline import __version__, commands

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
        help="the site's mkdocs.yml, for its name and language (default: mkdocs.yml here, "
        "when there is one)",
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
        return commands.validate(events_dir)
    if args.command == "new":
        return commands.new(
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
        return commands.schema(events_dir, args.out)
    if args.command == "issue-form":
        return commands.issue_form(events_dir, args.out)
    if args.command == "from-issue":
        if (args.body_file is None) == (args.github_event is None):
            parser.error("from-issue: give either BODY_FILE or --github-event")
        if args.github_event is not None and (args.issue_url or args.issue_number):
            parser.error("from-issue: --github-event gives the issue's URL and number itself")
        return commands.from_issue(
            events_dir,
            body_file=args.body_file,
            github_event=args.github_event,
            issue_url=args.issue_url,
            issue_number=args.issue_number,
            report=args.report,
        )
    if args.command == "export":
        return commands.export(events_dir, args.out_dir, args.config)
    if args.command == "migrate":
        return commands.migrate(events_dir)
    if args.command == "generate":
        return commands.generate(args.config, watch=args.watch)
    return commands.init(args.folder, args.title, args.engine)
