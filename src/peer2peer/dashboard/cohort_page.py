"""The cohort page: every trainee x module at a glance, filters, the marking queue, CSV export.

Read-only: it reads the gradebook through `peer2peer.progress` and never writes.
"""

from __future__ import annotations

import base64
import html
import os
from pathlib import Path

import ipywidgets as widgets

from ..cohort.settings import CohortError, NotACohort, load_settings
from ..progress import NEEDS_MARKING, STATUSES, ModuleProgress, cohort_progress
from .marking_app import COHORT_VARIABLE
from .render import cohort_grid, filtered, table_csv


def marking_queue(rows: list[ModuleProgress]) -> str:
    """What needs a human, oldest hand-in first, each with a link to mark it."""
    waiting = sorted(
        (r for r in rows if r.status == NEEDS_MARKING),
        key=lambda r: (r.submitted_at is None, r.submitted_at, r.trainee),
    )
    if not waiting:
        return "<p>Nothing is waiting to be marked.</p>"
    items = []
    for row in waiting:
        who = html.escape(f"{row.name} ({row.trainee})")
        when = f"{row.submitted_at:%d %b %Y %H:%M}" if row.submitted_at else "date unknown"
        link = f"marking.ipynb?module={row.module}&trainee={row.trainee}"
        items.append(
            f"<li><a href='{html.escape(link)}' target='_blank'>Mark {who}, "
            f"{html.escape(row.module)}</a> (handed in {when}{', late' if row.late else ''})</li>"
        )
    return f"<ol class='p2p-queue'>{''.join(items)}</ol>"


def download_link(rows: list[ModuleProgress], name: str) -> str:
    """A link that saves the table shown as CSV (built in the page: nothing leaves it)."""
    data = base64.b64encode(table_csv(rows).encode("utf-8")).decode("ascii")
    return (
        f"<a download='{html.escape(name)}' href='data:text/csv;base64,{data}' "
        "class='p2p-download'>Download this table (CSV)</a>"
    )


def cohort_page() -> widgets.Widget:
    """The cohort page for the cohort named by the server's settings."""
    cohort = Path(os.environ.get(COHORT_VARIABLE, ""))
    try:
        settings = load_settings(cohort)
        rows = cohort_progress(cohort, settings)
    except (CohortError, NotACohort) as error:
        return widgets.HTML(f"<p>{html.escape(str(error))}.</p>")
    modules = widgets.SelectMultiple(
        options=settings.modules, value=tuple(settings.modules), description="Modules", rows=6
    )
    statuses = widgets.SelectMultiple(
        options=STATUSES, value=tuple(STATUSES), description="Status", rows=7
    )
    grid, download, count = widgets.HTML(), widgets.HTML(), widgets.HTML()

    def refresh(_=None) -> None:
        shown = filtered(rows, modules.value, statuses.value)
        trainees = len({r.trainee for r in shown})
        count.value = f"<p>Showing <strong>{trainees}</strong> trainees.</p>"
        grid.value = cohort_grid(shown, list(modules.value))
        download.value = download_link(shown, f"{settings.course_id}-progress.csv")

    modules.observe(refresh, names="value")
    statuses.observe(refresh, names="value")
    refresh()
    return widgets.VBox(
        [
            widgets.HTML(f"<h2>{html.escape(settings.name)}</h2>"),
            widgets.HTML("<h3>Marking queue</h3>"),
            widgets.HTML(marking_queue(rows)),
            widgets.HTML("<h3>Cohort at a glance</h3>"),
            widgets.HBox([modules, statuses]),
            count,
            download,
            grid,
        ]
    )
