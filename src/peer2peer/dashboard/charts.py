"""Charts on the pages: plotly's FigureWidget, with its script kept by the browser.

A FigureWidget carries plotly's whole script (5 MB) in its state, so every visit to a page
with a chart sent it through the page's socket and the browser read it afresh. A `Chart`
carries a few lines instead, which import the script from the page's own server, where it
is a file of our page template (`page_template.write_template`): the browser fetches it
once and keeps it. Nothing is asked of another host.
"""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go

from peer2peer.dashboard.page_template import SCRIPT_ADDRESS

LOADER = Path(__file__).parent / "static" / "chart_loader.js"


class Chart(go.FigureWidget):
    """A plotly FigureWidget whose script comes from the page template, not its own state."""

    _esm = LOADER.read_text(encoding="utf-8").replace("__SCRIPT__", SCRIPT_ADDRESS)
