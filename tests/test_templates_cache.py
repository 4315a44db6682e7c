"""The theme's templates compiled once and kept between builds (mkdocs/templates_cache.py)."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, REPO, build_site, copy_events
from jinja2 import Environment, FileSystemLoader

from policy_timeline.mkdocs.templates_cache import CACHE_DIR, keep_compiled_templates


class CountingEnvironment(Environment):
    """A Jinja environment that counts the templates it compiles (a cache miss each)."""

    compiled = 0

    def compile(self, *args, **kwargs):
        if not kwargs.get("raw"):
            CountingEnvironment.compiled += 1
        return super().compile(*args, **kwargs)


def fresh_env(templates: Path, project: Path) -> CountingEnvironment:
    env = CountingEnvironment(loader=FileSystemLoader(str(templates)))
    assert keep_compiled_templates(env, project) == project / CACHE_DIR
    return env


def test_a_template_is_compiled_once_then_read_from_the_cache_until_it_changes(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    CountingEnvironment.compiled = 0
    first = fresh_env(templates, tmp_path).get_template("page.html").render(title="a & b")
    assert CountingEnvironment.compiled == 1
    assert list((tmp_path / CACHE_DIR).iterdir())
    # A new environment, as mkdocs makes for every build: no compile, the same output.
    again = fresh_env(templates, tmp_path).get_template("page.html").render(title="a & b")
    assert (again, CountingEnvironment.compiled) == (first, 1)
    # An edited template is compiled again, never served stale.
    (templates / "page.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    edited = fresh_env(templates, tmp_path).get_template("page.html").render(title="x")
    assert (edited, CountingEnvironment.compiled) == ("<h1>x</h1>", 2)


def test_no_cache_where_its_folder_cannot_be_made(tmp_path):
    (tmp_path / ".cache").write_text("a file where the folder would go", encoding="utf-8")
    env = Environment()
    assert keep_compiled_templates(env, tmp_path) is None
    assert env.bytecode_cache is None


def test_a_build_keeps_the_theme_compiled_and_a_build_from_the_cache_is_the_same_bytes(
        fixture_site, tmp_path):
    # fixture_site's build has filled the cache by now: this one reads it.
    cache = REPO / CACHE_DIR
    kept = {p.name for p in cache.iterdir()}
    assert len(kept) >= 20      # the theme's base, partials and ours
    again = build_site(copy_events(FIXTURES / "events" / "site", tmp_path / "events"),
                       tmp_path / "site")
    files = sorted(p.relative_to(fixture_site) for p in fixture_site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    differ = [p.as_posix() for p in files
              if (fixture_site / p).read_bytes() != (again / p).read_bytes()]
    assert differ == []
    assert {p.name for p in cache.iterdir()} == kept
