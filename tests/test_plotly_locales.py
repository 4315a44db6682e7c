"""The vendored plotly.js locales (assets/vendor/plotly/locales/, urls.PLOTLY_LOCALES):
one for every language the catalogues speak but English, shipped to every site, each
registering the name the charts' config gives and translating the messages of the
vendored plotly.js, not those of another release. What a reader sees with them:
tests/test_plotly_locale_browser.py."""

from __future__ import annotations

import re
from pathlib import Path

from policy_timeline import urls
from policy_timeline.render import catalogue

PACKAGE = Path(urls.__file__).resolve().parent
BUNDLE = (PACKAGE / urls.PLOTLY_URI).read_text(encoding="utf-8")
# What plotly.js 4 says when an image is saved (3.x said "Snapshot succeeded").
SAVED = "Image download succeeded"


def _locale(name: str) -> str:
    return (PACKAGE / urls.plotly_locale_uri(name)).read_text(encoding="utf-8")


def test_every_language_of_the_catalogues_but_english_has_a_plotly_locale():
    assert set(urls.PLOTLY_LOCALES) == set(catalogue.LANGUAGES) - {"en"}
    assert urls.plotly_locale("events/x/", "en") == {}
    assert urls.plotly_locale("events/x/", "zh") == {
        "plotly-locale": "zh-CN",
        "plotly-locale-src": "../../assets/vendor/plotly/locales/plotly-locale-zh-cn.js",
    }


def test_each_locale_is_shipped_with_its_licence_and_registers_the_configs_name():
    for name in urls.PLOTLY_LOCALES.values():
        assert urls.plotly_locale_uri(name) in urls.ASSETS
        text = _locale(name)
        assert re.match(r'var locale=\{moduleType:"locale",name:"([^"]+)"', text)[1] == name
        # It registers itself with plotly.js, or queues itself for it (no module system).
        assert text.rstrip().endswith(
            '"undefined"==typeof Plotly?(window.PlotlyLocales=window.PlotlyLocales||[],'
            "window.PlotlyLocales.push(locale)):Plotly.register(locale);"
        )
    licence = urls.PLOTLY_LOCALES_DIR + "LICENSE.txt"
    assert licence in urls.ASSETS
    assert "MIT License" in (PACKAGE / licence).read_text(encoding="utf-8")


def _translates(text: str, said: str) -> bool:
    """Whether the locale's dictionary has ``said`` as a key (minified: quoted or not)."""
    return re.search(r'[{,]"?' + re.escape(said) + r'"?:"', text) is not None


def test_the_locales_translate_what_the_vendored_plotly_says():
    assert SAVED in BUNDLE and "Snapshot succeeded" not in BUNDLE
    for name in urls.PLOTLY_LOCALES.values():
        text = _locale(name)
        assert _translates(text, SAVED) and not _translates(text, "Snapshot succeeded"), name
        for said in ("Zoom in", "Zoom out", "Reset axes", "Autoscale", "Download plot as a PNG"):
            assert said in BUNDLE and _translates(text, said), (name, said)
