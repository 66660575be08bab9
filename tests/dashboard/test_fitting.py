"""Layouts that fit a phone: no control wider than the screen, rows that wrap."""

from __future__ import annotations

import ipywidgets as widgets

from peer2peer.dashboard.fitting import fitting, row


def test_a_control_keeps_its_width_but_never_passes_the_screen() -> None:
    layout = fitting("40em", height="8em")
    assert (layout.width, layout.max_width, layout.height) == ("40em", "100%", "8em")


def test_a_row_wraps_and_keeps_its_controls_in_order() -> None:
    first, second = widgets.Button(description="One"), widgets.Button(description="Two")
    box = row(first, second)
    assert box.children == (first, second) and box.layout.flex_flow == "row wrap"
