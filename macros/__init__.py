"""This site's mkdocs-macros module (``module_name: macros`` in mkdocs.yml).

The timeline and the chart macros come from the engine, ``policy_timeline``;
a page of this site that needs a macro of its own would add it here.
"""

from policy_timeline.mkdocs.macros import define_env

__all__ = ["define_env"]
