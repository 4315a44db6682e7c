"""The engine's compiled templates kept between builds (policy_timeline.mkdocs.speed.template_cache).

Builds are real (mkdocs on the fixture site, or on a site with its own custom_dir),
each with a cache folder of its own (``XDG_CACHE_HOME``). What a reader gets must not
depend on the cache: a warm build is the same bytes as a cold one, and an override
edited between two builds is what the second one prints.
"""

from __future__ import annotations

import os
import stat

import jinja2
import pytest
from conftest import FIXTURES, build_site, copy_events, differing_files, inherited_config

from policy_timeline.mkdocs.speed import template_cache
from policy_timeline.mkdocs.speed.template_cache import bytecode_cache, cache_folder
from policy_timeline.render import templates

SUMMARY_LINE = '<p class="pt-summary">{{ event.summary }}</p>\n'
PAGE = ("events", "2009-wuxi-sensing-plan", "index.html")


@pytest.mark.site
def test_a_build_keeps_the_engines_compiled_templates_and_a_warm_build_is_the_same_site(tmp_path):
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    cold = build_site(events, tmp_path / "cold", extra_env=env)
    kept = sorted((tmp_path / "cache" / "policy-timeline" / "jinja").iterdir())
    engine_templates = list((templates.PACKAGE_DIR / templates.NAMESPACE).rglob("*.html"))
    # One file a template compiled (not every template is used by every site).
    assert 20 <= len(kept) <= len(engine_templates)
    assert all(path.suffix == ".cache" for path in kept)
    warm = build_site(events, tmp_path / "warm", extra_env=env)
    assert differing_files(cold, warm) == []
    # Nothing new compiled: the second build read every template it needed from the cache.
    assert sorted((tmp_path / "cache" / "policy-timeline" / "jinja").iterdir()) == kept


@pytest.mark.site
def test_with_the_shortcuts_off_nothing_is_kept(tmp_path):
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    build_site(events, tmp_path / "site",
               extra_env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "TIMELINE_BUILD_SHORTCUTS": "off"})
    assert not (tmp_path / "cache" / "policy-timeline").exists()


@pytest.mark.site
def test_an_override_edited_between_two_builds_is_what_the_second_prints(tmp_path):
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    folder = tmp_path / "overrides" / templates.NAMESPACE
    folder.mkdir(parents=True)
    original = (templates.PACKAGE_DIR / templates.NAMESPACE / "event.html").read_text(encoding="utf-8")
    config = inherited_config(tmp_path, custom_dir=tmp_path / "overrides")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    pages = []
    for note in ("first override", "second override"):
        # Same path, same length, same second: only the checksum of the source tells them apart.
        (folder / "event.html").write_text(
            original.replace(SUMMARY_LINE, f'{SUMMARY_LINE}<p class="site-note">{note}</p>\n'),
            encoding="utf-8")
        os.utime(folder / "event.html", (1_700_000_000, 1_700_000_000))
        site = build_site(events, tmp_path / note.replace(" ", "-"), extra_env=env, config=config)
        pages.append(site.joinpath(*PAGE).read_text(encoding="utf-8"))
    assert '<p class="site-note">first override</p>' in pages[0]
    assert '<p class="site-note">second override</p>' in pages[1]
    assert "first override" not in pages[1]


def test_the_cache_is_in_the_users_cache_folder_outside_every_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "policy-timeline" / "jinja"
    # A relative XDG_CACHE_HOME (a path a checkout could hold) is ignored, as the XDG spec says.
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")
    assert cache_folder() == cache_folder().home() / ".cache" / "policy-timeline" / "jinja"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_folder().is_absolute()
    # No home to be found (a container's unnamed user): no cache, not a "~" folder here.
    monkeypatch.setenv("HOME", "")
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)
    assert cache_folder() is None
    assert bytecode_cache() is None


def test_a_compiled_template_that_cannot_be_written_is_not_kept_and_the_page_is_made(tmp_path):
    cache = bytecode_cache(tmp_path / "cache")
    assert cache is not None
    (tmp_path / "cache").rmdir()  # emptied and removed by another build, or a full disk
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "<p>{{ x }}</p>"}),
                             autoescape=True, bytecode_cache=cache)
    assert env.get_template("t.html").render(x="<b>") == "<p>&lt;b&gt;</p>"


def test_a_folder_others_can_write_to_or_that_is_not_a_folder_is_not_used(tmp_path):
    usable = tmp_path / "usable"
    assert bytecode_cache(usable) is not None
    assert stat.S_IMODE(usable.stat().st_mode) & 0o077 == 0  # made for this user only
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    assert bytecode_cache(shared) is None
    a_file = tmp_path / "file"
    a_file.write_text("not a folder", encoding="utf-8")
    assert bytecode_cache(a_file) is None
    link = tmp_path / "link"
    link.symlink_to(usable)
    assert bytecode_cache(link) is None  # a link could lead anywhere


def test_a_cache_folder_inside_a_git_checkout_is_not_used(tmp_path):
    # A commit could plant a compiled template there: XDG_CACHE_HOME=$PWD/.cache in a workflow.
    checkout = tmp_path / "site"
    (checkout / ".git").mkdir(parents=True)
    assert bytecode_cache(checkout / ".cache" / "policy-timeline" / "jinja") is None
    assert not (checkout / ".cache").exists()  # not even made
    worktree = tmp_path / "worktree"  # a linked work tree's .git is a file
    worktree.mkdir()
    (worktree / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")
    assert bytecode_cache(worktree / "cache") is None
    assert bytecode_cache(tmp_path / "elsewhere" / "cache") is not None


def test_past_max_kept_the_folder_is_emptied_and_filled_again(tmp_path):
    # Each checkout's path keeps its own; clean clones in new folders would add theirs forever.
    folder = tmp_path / "cache"
    assert bytecode_cache(folder) is not None
    for number in range(template_cache.MAX_KEPT):
        (folder / f"__jinja2_{number:040x}.cache").write_bytes(b"old")
    assert bytecode_cache(folder) is not None
    assert len(list(folder.iterdir())) == template_cache.MAX_KEPT  # at the bound: kept
    (folder / f"__jinja2_{'f' * 40}.cache").write_bytes(b"old")
    assert bytecode_cache(folder) is not None
    assert list(folder.iterdir()) == []
