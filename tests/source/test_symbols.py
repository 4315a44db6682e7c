"""policy_timeline/symbols.py draws what the bundled plotly.js draws, symbol for symbol."""
from __future__ import annotations

import json
import shutil
import subprocess

from conftest import REPO

from policy_timeline import urls
from policy_timeline.source import symbols


def test_every_symbol_path_is_the_one_the_bundled_plotly_draws():
    node = shutil.which("node")
    assert node, "make test installs Node.js with npm; the symbols are read with it"
    proc = subprocess.run([node, str(REPO / "tests" / "plotly_symbols.js"),
                           str(REPO / "policy_timeline" / urls.PLOTLY_URI)],
                          capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(proc.stdout) == symbols.PATHS
    assert {"circle", "star", "hexagon"} <= set(symbols.NAMES)
    assert "asterisk" not in symbols.NAMES       # line-only: no hollow form for targets
