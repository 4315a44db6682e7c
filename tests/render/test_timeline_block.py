"""The embed builder's host script from its template (render/timeline_block.py,
templates/policy-timeline/resize-script.html): its exact text, shown escaped on the
builder and in the snippet's code block, and a site's override of it used by both."""

from __future__ import annotations

import datetime as dt
import html

from conftest import FIXTURES, copy_events

from policy_timeline.build import Build
from policy_timeline.render import templates, timeline_block
from policy_timeline.source.settings import SiteSettings
from policy_timeline.source.validate import validate_project

# What the host page runs: it matches the iframe that posted and clamps the height.
SCRIPT = """<script>
window.addEventListener("message", function (event) {
  var data = event.data;
  if (!data || data.type !== "policy-timeline:height") return;
  var frames = document.getElementsByTagName("iframe");
  for (var i = 0; i < frames.length; i++) {
    if (frames[i].contentWindow === event.source) {
      var height = Math.min(4000, Math.max(200, Number(data.height) || 0));
      frames[i].style.height = height + "px";
    }
  }
});
</script>"""


def _build(tmp_path, template_dirs=()) -> Build:
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    project, problems = validate_project(events)
    assert problems == [], problems
    return Build(project=project, index=None, today=dt.date(2026, 1, 1),
                 site=SiteSettings(template_dirs=template_dirs))


def _shown(build) -> tuple[str, str]:
    """The script as the builder carries it (data-resize) and as the code block shows it."""
    builder = timeline_block.embed_builder(build, "embed/builder/", "A site")
    carried = builder.split(' data-resize="', 1)[1].split('"', 1)[0]
    code = timeline_block.resize_snippet_html(build)
    assert code.startswith('<pre class="pt-resize-snippet"><code>') and code.endswith("</code></pre>")
    return html.unescape(carried), html.unescape(code.removeprefix(
        '<pre class="pt-resize-snippet"><code>').removesuffix("</code></pre>"))


def test_the_builder_and_the_snippet_carry_the_packages_script_escaped(tmp_path):
    assert timeline_block.resize_script() == SCRIPT
    build = _build(tmp_path)
    assert _shown(build) == (SCRIPT, SCRIPT)
    assert "<script>" not in timeline_block.embed_builder(build, "embed/builder/", "A site")
    assert "<script>" not in timeline_block.resize_snippet_html(build)


def test_a_site_overrides_the_host_script_from_its_custom_dir(tmp_path):
    original = (templates.PACKAGE_DIR / templates.NAMESPACE / "resize-script.html").read_text(
        encoding="utf-8")
    check = '  if (!data || data.type !== "{{ message }}") return;\n'
    assert check in original
    own = '  if (event.origin !== "https://example.org") return;\n'
    folder = tmp_path / "overrides" / templates.NAMESPACE
    folder.mkdir(parents=True)
    (folder / "resize-script.html").write_text(original.replace(check, check + own),
                                               encoding="utf-8")
    build = _build(tmp_path, (folder.parent,))
    expected = SCRIPT.replace('"policy-timeline:height") return;\n',
                              '"policy-timeline:height") return;\n' + own)
    assert _shown(build) == (expected, expected)
