"""A chart carries a few lines that import plotly's script from the page's server, not 5 MB."""

from __future__ import annotations

import plotly

from peer2peer.dashboard.charts import Chart
from peer2peer.dashboard.page_template import PLOTLY_SCRIPT, SCRIPT_ADDRESS, SCRIPT_NAME


def test_a_chart_imports_plotlys_script_from_the_page_template() -> None:
    chart = Chart()
    assert len(chart._esm) < 2_000 < PLOTLY_SCRIPT.stat().st_size
    assert SCRIPT_ADDRESS in chart._esm and "http" not in chart._esm  # this server, any host
    assert "jupyter-config-data" in chart._esm  # the page's own base address (a hub's too)
    assert SCRIPT_ADDRESS.endswith(f"/static/{SCRIPT_NAME}?v={plotly.__version__}")


def test_the_chart_script_re_exports_what_plotlys_script_exports() -> None:
    exported = PLOTLY_SCRIPT.read_text(encoding="utf-8").rsplit("export{", 1)[1]
    for name in ("FigureModel", "FigureView", "default"):
        assert f" as {name}" in exported
        assert f"export {'default' if name == 'default' else 'const ' + name}" in Chart._esm


def test_the_script_name_changes_with_plotlys_version() -> None:
    assert f"plotly-{plotly.__version__}.js" == SCRIPT_NAME
    assert PLOTLY_SCRIPT.is_file()
