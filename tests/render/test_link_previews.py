"""Link previews: Open Graph and Twitter card tags on every page, /embed/ included, with
the image the site configures (mkdocs.yml, extra: og_image), at its absolute address."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, build_site, copy_events

pytestmark = pytest.mark.site

SITE_URL = "https://timeline.example.org/china-ai/"
IMAGE = SITE_URL + "assets/screenshots/timeline.png"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    events = copy_events(FIXTURES / "events" / "site", tmp_path_factory.mktemp("lp") / "events")
    return build_site(events, tmp_path_factory.mktemp("lp-site") / "site",
                      extra_env={"SITE_URL": SITE_URL})


def _meta(html: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(
        r'<meta (?:property|name)="((?:og|twitter):[\w:]+)" content="([^"]*)"', html)}


@pytest.mark.parametrize("page, title, kind", [
    ("index.html", "China&#39;s AI policy, 2006–2049", "website"),   # the page's title
    ("events/2017-07-new-generation-ai-development-plan/index.html",
     "New Generation AI Development Plan", "article"),
    ("embed/index.html", "Timeline · China&#39;s AI policy timeline", "website"),
])
def test_every_page_has_a_preview_with_the_sites_image(site, page, title, kind):
    meta = _meta((site / page).read_text(encoding="utf-8"))
    assert meta["og:image"] == IMAGE
    assert meta["og:image:alt"].startswith("The timeline of China")
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:type"] == kind
    assert meta["og:title"] == title
    assert meta["og:site_name"] == "China&#39;s AI policy timeline"
    assert (site / "assets" / "screenshots" / "timeline.png").is_file()


def test_without_a_site_url_there_is_no_image_and_a_small_card(fixture_site):
    meta = _meta((fixture_site / "embed" / "index.html").read_text(encoding="utf-8"))
    assert "og:image" not in meta and meta["twitter:card"] == "summary"


def test_the_sitemap_lists_every_page_but_the_noindex_embed(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset')
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert SITE_URL in locs and SITE_URL + "events/2017-07-new-generation-ai-development-plan/" in locs
    assert SITE_URL + "embed/builder/" in locs
    assert SITE_URL + "embed/" not in locs
    assert 'name="robots" content="noindex"' in (site / "embed" / "index.html").read_text(
        encoding="utf-8")

