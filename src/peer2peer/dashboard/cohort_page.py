"""The cohort page: at a glance (with the marking queue), learning outcomes, modules.

Read-only: it reads the cohort through `CohortData` and never writes; Refresh reads again.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlencode

import ipywidgets as widgets
from markupsafe import Markup

from peer2peer.cohort.roster import trainee_label
from peer2peer.cohort.settings import CohortError, NotACohort
from peer2peer.cohort.withdrawals import apply_withdrawals_for_page
from peer2peer.dashboard.marking_app import COHORT_VARIABLE
from peer2peer.dashboard.module_view import module_view
from peer2peer.dashboard.outcome_view import outcomes_view
from peer2peer.dashboard.records_view import records_view
from peer2peer.dashboard.render import cohort_grid, download_link, filtered
from peer2peer.dashboard.templating import render
from peer2peer.progress.snapshot import CohortData
from peer2peer.progress.status import NEEDS_MARKING, STATUSES, ModuleProgress
from peer2peer.shared.visit import say_ready

#: Where a trainee's name links to: their journey, for a one-to-one.
TRAINEE_LINK = "trainee.ipynb?trainee={trainee}"


def marking_queue(rows: list[ModuleProgress]) -> Markup:
    """What needs a human, oldest hand-in first, each with a link to mark it."""
    waiting = sorted(
        (r for r in rows if r.status == NEEDS_MARKING),
        key=lambda r: (r.submitted_at is None, r.submitted_at, r.trainee),
    )
    return render(
        "marking_queue.html",
        waiting=[
            (
                trainee_label(row.trainee, row.name),
                "marking.ipynb?" + urlencode({"module": row.module, "trainee": row.trainee}),
                row,
            )
            for row in waiting
        ],
    )


#: The status filter's first choice: trainees whatever their status.
ANY_STATUS = "any"

VIEWS = ["At a glance", "Learning outcomes", "Modules", "Course records"]


def glance_view(data: CohortData) -> widgets.Widget:
    """The marking queue, then every trainee x module with filters and a CSV download."""
    rows, settings = data.progress, data.settings
    # Plain controls: a tick box per module (all ticked) and one status to show, or any.
    ticks = {
        module: widgets.Checkbox(
            value=True,
            description=data.module_label(module),
            indent=False,
            layout=widgets.Layout(width="auto", margin="0 1.2em 0 0"),
        )
        for module in settings.modules
    }
    status = widgets.Dropdown(
        options=[("any status", ANY_STATUS), *((s, s) for s in STATUSES)],
        value=ANY_STATUS,
        description="Status",
    )
    grid, download, count = widgets.HTML(), widgets.HTML(), widgets.HTML()

    def refresh(_=None) -> None:
        modules = [module for module, tick in ticks.items() if tick.value]
        chosen = STATUSES if status.value == ANY_STATUS else [status.value]
        shown = filtered(rows, modules, chosen)
        trainees = len({r.trainee for r in shown})
        count.value = render("showing.html", trainees=trainees)
        grid.value = cohort_grid(shown, modules, TRAINEE_LINK)
        download.value = download_link(shown, f"{settings.course_id}-progress.csv")

    for tick in ticks.values():
        tick.observe(refresh, names="value")
    status.observe(refresh, names="value")
    refresh()
    return widgets.VBox(
        [
            widgets.HTML("<h2>Marking queue</h2>"),
            widgets.HTML(marking_queue(rows)),
            widgets.HTML("<h2>Cohort at a glance</h2>"),
            status,
            widgets.HTML("<p>Modules to show:</p>"),
            widgets.HBox(list(ticks.values()), layout=widgets.Layout(flex_flow="row wrap")),
            count,
            download,
            grid,
        ]
    )


def cohort_page() -> widgets.Widget:
    """The cohort page for the cohort named by the server's settings."""
    cohort = Path(os.environ.get(COHORT_VARIABLE, ""))
    page = widgets.VBox()
    choose = widgets.ToggleButtons(
        options=VIEWS, description="Show", style={"button_width": "auto"}
    )
    again = widgets.Button(
        description="Refresh", icon="refresh", tooltip="Read the gradebook again"
    )
    title, when = widgets.HTML(), widgets.HTML()
    body = widgets.Box(layout=widgets.Layout(display="block"))
    built: dict[str, widgets.Widget] = {}
    state: dict[str, CohortData] = {}
    makers = {VIEWS[0]: glance_view, VIEWS[1]: outcomes_view, VIEWS[2]: module_view}
    makers[VIEWS[3]] = records_view  # completion, attendance, second look: records_view.py

    def show(_=None) -> None:
        # Views are made when first opened, so the page is ready sooner.
        if choose.value not in built:
            built[choose.value] = makers[choose.value](state["data"])
        body.children = [built[choose.value]]

    def read(_=None) -> None:
        try:
            apply_withdrawals_for_page(cohort)
            state["data"] = CohortData.read(cohort)
        except (CohortError, NotACohort) as error:
            page.children = [widgets.HTML(render("problem.html", error=error))]
            return
        built.clear()
        title.value = render("cohort_title.html", name=state["data"].settings.name)
        when.value = render("figures_as_of.html", read_at=state["data"].read_at)
        show()

    choose.observe(show, names="value")
    again.on_click(read)
    page.children = [
        title,
        widgets.HBox([choose, again]),
        when,
        body,
    ]
    read()
    say_ready()  # run ahead to the end: the figures say when they were read
    return page
