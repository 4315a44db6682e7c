"""Policy Timeline's core: load -> validate -> index -> render.

The package is plain Python, importable without mkdocs. mkdocs-macros loads
it as its module (``module_name: macros`` in mkdocs.yml) and calls
:func:`define_env`; the import of the mkdocs glue is deferred so that the
command line (``python -m macros validate``) stays fast.
"""


def define_env(env):  # pragma: no cover - thin glue, exercised by site builds
    from .mkdocs_macros import define_env as _define_env

    _define_env(env)
