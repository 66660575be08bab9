"""The learning outcomes view: which outcomes each trainee has evidenced, and the cohort's tally."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
from markupsafe import Markup

from peer2peer.cohort.roster import trainee_label
from peer2peer.dashboard.render import download_link, html_table, pill
from peer2peer.progress.outcomes import (
    EVIDENCED,
    NO_WORK,
    NOT_ASSESSED,
    NOT_YET,
    WAITING,
    OutcomeEvidence,
    cohort_outcomes,
)
from peer2peer.progress.snapshot import CohortData

#: evidence status -> (icon, background, text colour); the word always shows too.
EVIDENCE_LOOKS = {
    EVIDENCED: ("\u2714", "#d4edda", "#14401c"),
    WAITING: ("\u270e", "#fff3cd", "#5c4400"),
    NOT_YET: ("\u25d4", "#fde2e1", "#7a1212"),
    NO_WORK: ("\u2013", "#eeeeee", "#333333"),
    NOT_ASSESSED: ("\u00b7", "#ffffff", "#333333"),
}
EVIDENCE_COLUMNS = ["trainee", "name", "module", "outcome", "text", "status"]


def outcome_tally(evidence: Sequence[OutcomeEvidence], module: str) -> Markup:
    """Each outcome of a module: what it says, and how many trainees have evidenced it."""
    rows = []
    for summary in cohort_outcomes([e for e in evidence if e.module == module]):
        share = f"{summary.evidenced} of {summary.trainees} trainees"
        rows.append([summary.outcome, summary.text, share])
    return html_table(
        ["Outcome", "What the trainee can do", "Evidenced by"],
        rows,
        empty="This module has no learning outcomes listed.",
    )


def outcome_grid(evidence: Sequence[OutcomeEvidence], module: str) -> Markup:
    """One line per trainee, one column per outcome of the module, each cell a status."""
    shown = [e for e in evidence if e.module == module]
    outcomes = list(dict.fromkeys(e.outcome for e in shown))
    cells: dict[str, dict[str, OutcomeEvidence]] = {}
    for row in shown:
        cells.setdefault(row.trainee, {})[row.outcome] = row
    lines = []
    for trainee, by_outcome in cells.items():
        name = next(iter(by_outcome.values())).name
        lines.append(
            [
                trainee_label(trainee, name),
                *(
                    pill(by_outcome[o].status, EVIDENCE_LOOKS[by_outcome[o].status])
                    for o in outcomes
                ),
            ]
        )
    return html_table(["Trainee", *outcomes], lines)


def outcomes_view(data: CohortData) -> widgets.Widget:
    """A module menu, the cohort's tally of its outcomes, each trainee's, and a CSV download."""
    choose = widgets.Dropdown(
        options=[(data.module_label(m), m) for m in data.settings.modules],
        description="Module",
        layout=widgets.Layout(width="auto"),
    )
    tally, grid, download = widgets.HTML(), widgets.HTML(), widgets.HTML()

    def show(_=None) -> None:
        module = choose.value
        tally.value = outcome_tally(data.evidence, module)
        grid.value = outcome_grid(data.evidence, module)
        rows = [e for e in data.evidence if e.module == module]
        download.value = download_link(
            rows, f"{data.settings.course_id}-{module}-outcomes.csv", EVIDENCE_COLUMNS
        )

    choose.observe(show, names="value")
    show()
    return widgets.VBox(
        [
            widgets.HTML(
                "<p>An outcome is <strong>evidenced</strong> when a knowledge check on it was "
                "answered fully right, or a reflection on it was marked Meets or above on every "
                "criterion.</p>"
            ),
            choose,
            widgets.HTML("<h2>The cohort</h2>"),
            tally,
            widgets.HTML("<h2>Each trainee</h2>"),
            download,
            grid,
        ]
    )
