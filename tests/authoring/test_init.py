"""``policy-timeline init``: the engine named in one file, what a new site gets, and nothing of
this repository's own timeline (China's AI policy) in what init, new, issue-form, from-issue,
schema and export write for it."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import run_cli

from policy_timeline import __version__

SCAFFOLD = Path(__file__).resolve().parents[2] / "policy_timeline" / "scaffold"
# What this repository's timeline is about, by the words, keys and names only it uses.
CHINA = re.compile(
    r"title_zh|State Council|Shanghai|\bMOST\b|MIIT|zeng-2020|naughton|新一代|人工智能|China|Chinese"
    r"|Beijing|Guangdong|yuan|[Pp]rovincial|new-generation-ai|china|chinese")


def _init(tmp_path: Path, *args: str) -> tuple[Path, object]:
    site = tmp_path / "site"
    proc = run_cli("init", str(site), "--title", "EU AI Act", *args, cwd=tmp_path)
    return site, proc


def _files(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*")) if p.is_file()}


def _requirement_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_the_engine_is_named_in_requirements_txt_and_nowhere_else(tmp_path):
    site, proc = _init(tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "pip install -r requirements.txt" in proc.stdout
    files = _files(site)
    assert _requirement_lines(files["requirements.txt"]) == [f"policy-timeline=={__version__}"]
    # No other file names a version of the engine, or installs anything but that file.
    for rel, text in files.items():
        if rel != "requirements.txt":
            assert __version__ not in text, rel
            assert "policy-timeline==" not in text, rel
    workflows = {rel: text for rel, text in files.items() if rel.startswith(".github/workflows/")}
    assert set(workflows) == {".github/workflows/deploy.yml", ".github/workflows/pull-request.yml",
                              ".github/workflows/suggest-event.yml"}
    for rel, text in workflows.items():
        steps = [step for job in yaml.safe_load(text)["jobs"].values()
                 for step in job["steps"]]
        installs = [step["run"] for step in steps if "pip" in step.get("run", "")]
        assert installs == ["pip install -r requirements.txt"], rel
        setup = next(step for step in steps if "setup-python" in step.get("uses", ""))
        assert setup["with"]["cache-dependency-path"] == "requirements.txt", rel
    hooks = yaml.safe_load(files[".pre-commit-config.yaml"])["repos"][0]["hooks"]
    # The hooks run the engine requirements.txt installed; they install none of their own.
    assert [(h["entry"], h["language"], h.get("additional_dependencies")) for h in hooks] == [
        ("policy-timeline validate", "system", None), ("policy-timeline schema", "system", None),
        ("policy-timeline issue-form", "system", None)]
    assert "requirements.txt" in files[".pre-commit-config.yaml"]


@pytest.mark.parametrize("engine", [
    "../policy-timeline",
    "/wheels/policy_timeline-9.9.9-py3-none-any.whl",
    "git+https://github.com/example/policy-timeline@v9.9.9",
    "policy-timeline>=0.2,<0.4",
])
def test_engine_takes_any_pip_requirement(tmp_path, engine):
    site, proc = _init(tmp_path, "--engine", engine)
    assert proc.returncode == 0, proc.stderr
    assert _requirement_lines((site / "requirements.txt").read_text(encoding="utf-8")) == [engine]


@pytest.mark.parametrize("engine, words", [
    ("", "--engine is empty"),
    ("policy-timeline\n--index-url https://evil.example/", "line break"),
    ("--index-url https://evil.example/", "a comment or a pip option"),
    ("# nothing", "a comment or a pip option"),
])
def test_an_engine_that_is_not_one_requirement_is_refused_and_nothing_written(
        tmp_path, engine, words):
    site, proc = _init(tmp_path, "--engine", engine)
    assert proc.returncode == 1 and words in proc.stderr
    assert not site.exists()


def test_a_new_site_gets_its_format_page_about_page_suggestions_and_deploy_steps(tmp_path):
    site, proc = _init(tmp_path)
    assert proc.returncode == 0, proc.stderr
    files = _files(site)
    # The format page: the package's, which is this site's page with neutral examples
    # (test_scaffold_docs holds the two together).
    assert files["docs/reference/event-format.md"] == (
        SCAFFOLD / "docs" / "reference" / "event-format.md").read_text(encoding="utf-8")
    assert files["docs/about.md"].startswith("# About")
    nav = yaml.safe_load(files["mkdocs.yml"].replace("!ENV", ""))["nav"]
    assert {"About": "about.md"} in nav
    assert {"Event file format": "reference/event-format.md"} in nav
    # The suggestion workflow with the form it reads, made from the new site's vocabulary.
    form = yaml.safe_load(files[".github/ISSUE_TEMPLATE/suggest-an-event.yml"])
    lanes = next(e for e in form["body"] if e.get("id") == "lane")["attributes"]["options"]
    assert lanes == ["International", "National government", "Regions and cities",
                     "Market and society"]
    workflow = yaml.safe_load(files[".github/workflows/suggest-event.yml"])
    assert "from-issue" in str(workflow["jobs"])
    # `issue-form` run in the new site writes the same form: it is up to date.
    again = run_cli("issue-form", "--events-dir", "events", cwd=site)
    assert again.returncode == 0 and "is up to date" in again.stdout, again.stdout
    # The new files say where the format is, and it is there.
    new = run_cli("new", "An event", "--date", "2024", "--lane", "national", "--kind", "law",
                  "--events-dir", "events", cwd=site)
    assert "Event file format page" in Path(site / new.stdout.strip()).read_text(encoding="utf-8")
    # The README says how to deploy on GitHub Pages, step by step.
    readme = files["README.md"]
    assert readme.startswith("# EU AI Act\n")
    for words in ("## Deploy on GitHub Pages", "Settings, Pages", "**GitHub Actions**",
                  "git push", "deploy.yml", "`accepted`", "pip install -r requirements.txt"):
        assert words in readme, words


def _issue_body(form: dict, answers: dict[str, str]) -> str:
    labels = {e["id"]: e["attributes"]["label"] for e in form["body"] if "id" in e}
    return "\n\n".join(f"### {labels[key]}\n\n{value}" for key, value in answers.items()) + "\n"


def test_nothing_of_this_repositorys_timeline_in_what_a_new_site_is_given(tmp_path):
    site, proc = _init(tmp_path)
    assert proc.returncode == 0, proc.stderr
    made = [run_cli("new", "The act enters into force", "--date", "2024-08", "--lane", "national",
                    "--kind", "law", "--events-dir", "events", cwd=site),
            run_cli("new", "A second event", "--date", "2024", "--lane", "local", "--kind", "plan",
                    "--source", "example-2024", "--events-dir", "events", cwd=site)]
    assert [p.returncode for p in made] == [0, 0], [p.stderr for p in made]
    form_text = (site / ".github" / "ISSUE_TEMPLATE" / "suggest-an-event.yml").read_text()
    body = _issue_body(yaml.safe_load(form_text), {
        "title": "The AI Office is set up", "date": "2024-02", "lane": "International",
        "kind": "Plan", "summary": "The Commission sets up the AI Office.",
        "source_title": "Decision", "source_url": "https://example.org/decision"})
    (tmp_path / "issue.md").write_text(body, encoding="utf-8")
    suggested = run_cli("from-issue", str(tmp_path / "issue.md"), "--events-dir", "events",
                        "--report", str(tmp_path / "report"), cwd=site)
    assert suggested.returncode == 0, suggested.stderr
    assert run_cli("schema", "--events-dir", "events", cwd=site).returncode == 0
    written = {**_files(site), **{f"report/{k}": v for k, v in _files(tmp_path / "report").items()}}
    assert len([rel for rel in written if rel.startswith("events/")]) == 6
    leftovers = {rel: CHINA.findall(text) for rel, text in written.items() if CHINA.search(text)}
    assert leftovers == {}
    # A new file's commented-out examples are the site's own, or say what goes there.
    text = (site / made[0].stdout.strip()).read_text(encoding="utf-8")
    assert "# related: [2024-02-the-ai-office-is-set-up]" not in text  # not written yet then
    assert "# related: [2024-03-an-example-plan]" in text
    assert "# actors: [a person, a body or a firm]" in text
    form = yaml.safe_load(form_text)
    placeholders = {e["id"]: e["attributes"].get("placeholder") for e in form["body"]
                    if "id" in e}
    assert (placeholders["title"], placeholders["date"], placeholders["source_ref"]) == (
        "An example plan is published", "2024-03", "example-2024")
    assert placeholders["actors"] is None


def test_the_exports_columns_hold_nothing_of_this_repositorys_timeline(tmp_path):
    site, proc = _init(tmp_path)
    assert proc.returncode == 0, proc.stderr
    exported = run_cli("export", str(tmp_path / "exports"), "--events-dir", "events", cwd=site)
    assert exported.returncode == 0, exported.stderr
    header = next(csv.reader(io.StringIO(
        (tmp_path / "exports" / "events.csv").read_text(encoding="utf-8"))))
    assert not [column for column in header if CHINA.search(column) or column.endswith("_zh")]
    # TimelineJS's title slide: the site's name (export reads mkdocs.yml's site_name), and
    # "1 event" of one.
    title = json.loads((tmp_path / "exports" / "timelinejs.json").read_text(encoding="utf-8"))[
        "title"]["text"]
    assert title["headline"] == "EU AI Act"
    assert title["text"].startswith("<p>1 event, ")
    schema = (site / "schema" / "event.schema.json").read_text(encoding="utf-8")
    assert not CHINA.findall(schema)


def test_examples_come_from_the_sites_own_events(tmp_path):
    site, proc = _init(tmp_path)
    assert proc.returncode == 0, proc.stderr
    example = site / "events" / "2024" / "2024-03-an-example-plan.md"
    example.write_text(example.read_text(encoding="utf-8").replace(
        "tags: [example]", "tags: [example]\nactors: [European Commission]\nplaces: [Brussels]"),
        encoding="utf-8")
    made = run_cli("new", "Parliament votes", "--date", "2024-03", "--lane", "national",
                   "--kind", "law", "--events-dir", "events", cwd=site)
    text = (site / made.stdout.strip()).read_text(encoding="utf-8")
    assert '# actors: ["European Commission"]' in text.splitlines()
    assert "# places: [\"Brussels\"]" in text.splitlines()
    run_cli("issue-form", "--events-dir", "events", cwd=site)
    form = yaml.safe_load((site / ".github" / "ISSUE_TEMPLATE" / "suggest-an-event.yml")
                          .read_text(encoding="utf-8"))
    actors = next(e for e in form["body"] if e.get("id") == "actors")
    assert actors["attributes"]["placeholder"] == "European Commission"


def test_a_new_sites_suggest_workflow_is_this_repositorys_but_how_it_installs_the_engine():
    """The security of the workflow is tested on this repository's copy (test_suggest); a new
    site's may differ only in the lines that install the engine."""
    ours = (SCAFFOLD.parents[1] / ".github" / "workflows" / "suggest-event.yml").read_text(
        encoding="utf-8").splitlines()
    theirs = (SCAFFOLD / ".github" / "workflows" / "suggest-event.yml").read_text(
        encoding="utf-8").splitlines()
    assert len(ours) == len(theirs)
    differ = [(a.strip(), b.strip()) for a, b in zip(ours, theirs) if a != b]
    assert differ == [
        ("cache-dependency-path: requirements*.lock", "cache-dependency-path: requirements.txt"),
        ("run: pip install --require-hashes -r requirements.lock && pip install --no-deps .",
         "run: pip install -r requirements.txt # the engine, as requirements.txt names it"),
    ]
