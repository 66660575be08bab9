"""Widget layouts that fit a phone's screen as well as a laptop's."""

from __future__ import annotations

import ipywidgets as widgets


def fitting(width: str, **more: str) -> widgets.Layout:
    """A control's width, never wider than the screen it is on."""
    return widgets.Layout(width=width, max_width="100%", **more)


def row(*children: widgets.Widget) -> widgets.Box:
    """Controls side by side that wrap onto the next line on a narrow screen."""
    return widgets.Box(
        list(children),
        layout=widgets.Layout(display="flex", flex_flow="row wrap", margin="0.25em 0"),
    )
