"""STUB (issue 3 replaces): cross-links, backlinks, chronology."""


def build_index(project):
    return None
