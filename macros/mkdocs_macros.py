"""STUB (issue 3 timeline replaces): registers timeline() etc. with mkdocs-macros."""


def define_env(env):
    pass
