"""Our Voila template: its name, its source, and the files written beside it for the pages.

The template is Voila's own "lab" template without third-party fonts (`voila_template/`).
Wherever it is written for a server, plotly's chart script goes into its static folder,
named by plotly's version: charts import it from there (`dashboard.charts`), so the browser
fetches it once and keeps it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import plotly

#: Our Voila template (Voila's own "lab" template, without third-party fonts), shipped here.
TEMPLATE_SOURCE = Path(__file__).resolve().parent / "voila_template"
TEMPLATE = "peer2peer"
#: Plotly's own script for its FigureWidget.
PLOTLY_SCRIPT = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"
#: Its name in the template's static folder: a new version is a new name.
SCRIPT_NAME = f"plotly-{plotly.__version__}.js"
#: Its address under a server's base address (`v` lets the browser keep it for good).
SCRIPT_ADDRESS = f"voila/templates/{TEMPLATE}/static/{SCRIPT_NAME}?v={plotly.__version__}"


def write_template(target: Path) -> Path:
    """Write our template into `target`, with plotly's script in its static folder."""
    shutil.copytree(TEMPLATE_SOURCE, target)
    (target / "static").mkdir()
    shutil.copyfile(PLOTLY_SCRIPT, target / "static" / SCRIPT_NAME)
    return target
