"""The cohort page's glance view: plain filters (a tick box per module, one status) and the grid."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from peer2peer.dashboard.cohort_page import ANY_STATUS, glance_view
from peer2peer.progress.snapshot import CohortData


def controls(view: widgets.VBox) -> tuple[widgets.Dropdown, list[widgets.Checkbox], str]:
    """The status select, the module tick boxes, and the grid's HTML."""
    status = next(c for c in view.children if isinstance(c, widgets.Dropdown))
    boxes = next(c for c in view.children if isinstance(c, widgets.HBox)).children
    return status, list(boxes), view.children[-1].value


def test_filters_are_a_tick_box_per_module_and_one_status(graded: Path) -> None:
    data = CohortData.read(graded)
    view = glance_view(data)
    status, ticks, grid = controls(view)
    assert status.value == ANY_STATUS and status.description == "Status"
    assert [t.description for t in ticks] == [data.module_label(m) for m in data.settings.modules]
    assert all(t.value for t in ticks)
    assert "role='region'" in grid and "tabindex='0'" in grid  # its own scroll, by keyboard too
    assert grid.count("<th scope='col'>") == 1 + len(ticks)

    ticks[1].value = False
    assert controls(view)[2].count("<th scope='col'>") == len(ticks)
    status.value = "needs marking"
    assert "<strong>2</strong> trainees" in view.children[-3].value
    status.value = "not released"
    assert "<strong>0</strong> trainees" in view.children[-3].value
