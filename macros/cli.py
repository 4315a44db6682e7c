"""``python -m macros validate|new|schema|export``: the command line of the core."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_EVENTS_DIR = "events"


def default_events_dir() -> Path:
    return Path(os.environ.get("TIMELINE_EVENTS_DIR") or DEFAULT_EVENTS_DIR)


def main(argv: list[str] | None = None) -> int:
    # Messages quote contributor text: never fail on a terminal that is not UTF-8.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return _run(argv)
    except BrokenPipeError:
        # `python -m macros validate | head` closed the pipe: stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p_validate = sub.add_parser("validate", help="check every event file; exit 1 on any error")
    p_validate.add_argument("events_dir", nargs="?", type=Path, default=None,
                            help="folder of event files (default: events/ or $TIMELINE_EVENTS_DIR)")

    p_new = sub.add_parser("new", help="write a new event file with every required field")
    p_new.add_argument("title")
    p_new.add_argument("--date", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    p_new.add_argument("--lane", required=True)
    p_new.add_argument("--kind", required=True)
    p_new.add_argument("--source", default=None, help="a bibliography key")
    p_new.add_argument("--events-dir", type=Path, default=None)

    p_schema = sub.add_parser("schema", help="rewrite schema/event.schema.json from the vocabulary")
    p_schema.add_argument("--events-dir", type=Path, default=None)
    p_schema.add_argument("--out", type=Path, default=None,
                          help="where to write it (default: schema/event.schema.json)")

    p_export = sub.add_parser("export", help="write the data exports without mkdocs")
    p_export.add_argument("out_dir", type=Path)
    p_export.add_argument("--events-dir", type=Path, default=None)

    args = parser.parse_args(argv)
    events_dir = getattr(args, "events_dir", None) or default_events_dir()

    if args.command == "validate":
        from .validate import run_validate

        return run_validate(events_dir)
    if args.command == "new":
        from .new import run_new

        return run_new(events_dir, args.title, date=args.date, lane=args.lane,
                       kind=args.kind, source=args.source)
    if args.command == "schema":
        from .schema import run_schema

        return run_schema(events_dir, args.out) if args.out else run_schema(events_dir)
    if args.command == "export":
        from .export import run_export

        return run_export(events_dir, args.out_dir)
    parser.error(f"unknown command {args.command}")
    return 2
