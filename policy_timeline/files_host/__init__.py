"""The files host: the site's generated pages and files written into a folder, with a
configuration, for engines that read a docs folder and run no mkdocs plugin
(Zensical). The macros prepare their own build when no plugin did
(``policy_timeline.mkdocs.macros``)."""
