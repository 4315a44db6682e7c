"""The core knows nothing of its hosts or of the build shortcuts: no module under source/,
timeline/ or render/, nor build.py, imports the mkdocs host (the build shortcuts in
mkdocs/speed/ included), the files host, the command line, or mkdocs and its theme;
and build.py, plain data, imports nothing from render/.
Every import is read, those made only for type checking or inside a function too."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "policy_timeline"
CORE = sorted([*(PACKAGE / "source").rglob("*.py"), *(PACKAGE / "timeline").rglob("*.py"),
               *(PACKAGE / "render").rglob("*.py"), PACKAGE / "build.py"])
# What the core may not import, by the start of the module's name.
HOSTS = ("policy_timeline.mkdocs", "policy_timeline.files_host", "policy_timeline.cli",
         "mkdocs", "material", "mkdocs_macros")


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in the file, ``from x import y`` as ``x.y`` too."""
    return imported_text(path.read_text(encoding="utf-8"), str(path))


def imported_text(text: str, name: str = "<text>") -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(text, name)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def from_a_host(module: str) -> bool:
    return any(module == host or module.startswith(host + ".") for host in HOSTS)


def test_the_core_is_every_module_it_should_be():
    names = {path.relative_to(PACKAGE).as_posix() for path in CORE}
    assert {"build.py", "source/validate.py", "render/generate.py",
            "render/generated.py", "timeline/layout.py"} <= names
    # The build shortcuts live under the mkdocs host, not beside the core.
    assert not (PACKAGE / "workers.py").exists() and not (PACKAGE / "pending.py").exists()


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_core_module_imports_a_host_or_the_build_shortcuts(path):
    assert [f"{path.relative_to(PACKAGE)}:{line}: {module}"
            for line, module in imported(path) if from_a_host(module)] == []


def renders(module: str) -> bool:
    return module == "policy_timeline.render" or module.startswith("policy_timeline.render.")


def test_build_imports_nothing_that_renders():
    """Build is plain data about the site's content: build.py imports nothing from render/
    (what is rendered from a build is render.generated.RenderedSite), so no import runs
    up from it."""
    assert [f"build.py:{line}: {module}" for line, module in imported(PACKAGE / "build.py")
            if renders(module)] == []
    planted = "from policy_timeline.render.generated import GeneratedPage\nimport policy_timeline.render\n"
    assert [module for _, module in imported_text(planted) if renders(module)] == [
        "policy_timeline.render.generated", "policy_timeline.render.generated.GeneratedPage",
        "policy_timeline.render"]


def test_the_check_finds_an_import_of_the_shortcuts(tmp_path):
    """The check above can fail: each way of importing the speed layer is found."""
    planted = tmp_path / "planted.py"
    planted.write_text("from typing import TYPE_CHECKING\n"
                       "import policy_timeline.mkdocs.speed.workers\n"
                       "from policy_timeline.mkdocs import speed\n"
                       "if TYPE_CHECKING:\n    from mkdocs.structure.pages import Page\n"
                       "def f():\n    from policy_timeline.files_host import project\n",
                       encoding="utf-8")
    assert [line for line, module in imported(planted) if from_a_host(module)] == [2, 3, 3, 5, 5, 7, 7]
