"""The register page: a group session's register taken by keyboard, one trainee per line.

Each trainee's line is a drop-down (P, L, E or A picks present, late, excused or absent:
typing a letter chooses in a drop-down) and a note; each choice is saved at once through
`peer2peer.cohort.attendance`, so nothing is lost if the page closes.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as widgets

from peer2peer.cohort.attendance import (
    ATTENDANCE_STATUSES,
    PRESENT,
    load_register,
    record_attendance,
    take_register,
)
from peer2peer.cohort.names import roster_names
from peer2peer.cohort.roster import trainee_label
from peer2peer.cohort.settings import CohortError, CohortSettings, NotACohort, load_settings
from peer2peer.dashboard.marking_app import COHORT_VARIABLE, MODULE_VARIABLE
from peer2peer.dashboard.templating import render
from peer2peer.progress.home_status import publish_status
from peer2peer.shared.visit import wait_for_visit

NOT_YET_TAKEN = "choose"
CHOICES = [(NOT_YET_TAKEN, "")] + [(status.capitalize(), status) for status in ATTENDANCE_STATUSES]


class RegisterLine:
    """One trainee's line: the register mark, a note, and whether it was saved."""

    def __init__(self, trainee: str, name: str):
        self.trainee = trainee
        first = name.split()[0] if name else trainee
        self.status = widgets.Dropdown(
            options=CHOICES,
            value="",
            description=trainee_label(trainee, name),
            style={"description_width": "16em"},
            layout=widgets.Layout(width="28em"),
        )
        self.note = widgets.Text(
            description=f"Note for {first}",
            placeholder="optional",
            continuous_update=False,
            style={"description_width": "9em"},
            layout=widgets.Layout(width="28em"),
        )
        self.saved = widgets.HTML()

    def widget(self) -> widgets.Widget:
        """The line as the page shows it."""
        return widgets.HBox([self.status, self.note, self.saved])


class RegisterApp:
    """The widgets of the register page, saving each choice as it is made."""

    def __init__(self, cohort: Path, settings: CohortSettings, module: str | None = None):
        self.cohort, self.settings = cohort, settings
        self.names = roster_names(settings)
        self.module = widgets.Dropdown(
            options=settings.modules,
            value=module if module in settings.modules else settings.modules[0],
            description="Session",
        )
        self.lines = [RegisterLine(t, n) for t, n in self.names.items()]
        self.everyone = widgets.Button(
            description="Everyone not yet recorded is present",
            icon="check",
            layout=widgets.Layout(width="auto"),
        )
        self.summary = widgets.HTML()
        self._filling = False
        for line in self.lines:
            line.status.observe(lambda change, line=line: self._save(line), names="value")
            line.note.observe(lambda change, line=line: self._save(line), names="value")
        self.module.observe(lambda _: self.fill(), names="value")
        self.everyone.on_click(lambda _: self._everyone_present())
        self.fill()

    def layout(self) -> widgets.Widget:
        """The whole page."""
        page = widgets.VBox(
            [
                widgets.HTML(render("register_heading.html", cohort=self.settings.name)),
                widgets.HBox([self.module, self.everyone]),
                self.summary,
                *(line.widget() for line in self.lines),
            ]
        )
        page.add_class("p2p-register")
        return page

    def fill(self) -> None:
        """Show what the register already holds for the chosen session."""
        row = load_register(self.cohort).get(self.module.value, {})
        self._filling = True
        try:
            for line in self.lines:
                entry = row.get(line.trainee)
                line.status.value = entry.status if entry else ""
                line.note.value = entry.note if entry else ""
                line.saved.value = render("register_saved.html", status="", problem="")
        finally:
            self._filling = False
        self._count()

    def _save(self, line: RegisterLine) -> None:
        if self._filling or not line.status.value:
            return
        try:
            record_attendance(
                self.cohort, self.settings, self.module.value, line.trainee,
                line.status.value, line.note.value, check_roster=False,
            )  # fmt: skip
        except CohortError as error:
            line.saved.value = render("register_saved.html", status="", problem=f"{error}.")
            return
        line.saved.value = render("register_saved.html", status=line.status.value, problem="")
        self._count()
        self._tell([line.trainee])

    def _everyone_present(self) -> None:
        missing = [line for line in self.lines if not line.status.value]
        if missing:
            take_register(
                self.cohort, self.settings, self.module.value,
                {line.trainee: (PRESENT, line.note.value) for line in missing},
            )  # fmt: skip
            self._tell([line.trainee for line in missing])
        self.fill()

    def _tell(self, trainees: list[str]) -> None:
        """Post these trainees' attendance to their homes; the register stands if that fails."""
        with suppress(Exception):
            publish_status(self.cohort, self.settings, trainees)

    def _count(self) -> None:
        recorded = sum(bool(line.status.value) for line in self.lines)
        self.summary.value = render(
            "register_summary.html", recorded=recorded, total=len(self.lines),
            module=self.module.value,
        )  # fmt: skip


def register_page() -> widgets.Widget:
    """The register for the cohort the server names, and the session the link names."""
    wait_for_visit()  # run ahead of need: the address and the register are read at the visit
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    cohort = Path(os.environ.get(COHORT_VARIABLE, ""))
    module = (query.get("module") or [os.environ.get(MODULE_VARIABLE) or None])[0]
    try:
        settings = load_settings(cohort)
        app = RegisterApp(cohort, settings, module)
    except (CohortError, NotACohort) as error:
        return widgets.HTML(render("register_saved.html", status="", problem=f"{error}."))
    if not app.lines:
        return widgets.HTML(render("register_saved.html", status="", problem="No trainees yet."))
    return app.layout()
