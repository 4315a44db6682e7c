"""STUB (issue 5 replaces): data exports."""


def site_files(build):
    return {}


def run_export(events_dir, out_dir):
    raise SystemExit("export: not built yet")
