"""The trainee page: one trainee's journey for a one-to-one, read-only.

Shows their progress, the learning outcomes they have evidenced, their marked reflections
and the stories they chose to share with the trainer; nothing they kept private.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as widgets
from markupsafe import Markup

from peer2peer.cohort.roster import trainee_label
from peer2peer.cohort.settings import CohortError, NotACohort
from peer2peer.cohort.withdrawals import apply_withdrawals_for_page
from peer2peer.dashboard.marking_app import COHORT_VARIABLE
from peer2peer.dashboard.outcome_view import EVIDENCE_COLUMNS, EVIDENCE_LOOKS
from peer2peer.dashboard.render import badge, download_link, html_table, pill
from peer2peer.dashboard.templating import render
from peer2peer.progress.journey import (
    MarkedReflection,
    SharedStory,
    marked_reflections,
    shared_stories,
)
from peer2peer.progress.outcomes import EVIDENCED, NOT_ASSESSED
from peer2peer.progress.snapshot import CohortData
from peer2peer.progress.status import NOT_RELEASED
from peer2peer.shared.visit import before_visit, wait_for_visit


def progress_table(data: CohortData, trainee: str) -> Markup:
    """Each released module: status, score and outcomes evidenced."""
    rows = []
    for row in data.progress:
        if row.trainee != trainee or row.status == NOT_RELEASED:
            continue
        score = "" if row.score is None else f"{row.score:g} of {row.max_score:g}"
        outcomes = [
            e for e in data.evidence
            if e.trainee == trainee and e.module == row.module and e.status != NOT_ASSESSED
        ]  # fmt: skip
        evidenced = sum(e.status == EVIDENCED for e in outcomes)
        rows.append(
            [
                data.module_label(row.module),
                badge(row),
                score,
                f"{evidenced} of {len(outcomes)}" if outcomes else "",
            ]
        )
    return html_table(
        ["Module", "Status", "Score", "Outcomes evidenced"],
        rows,
        empty="No module has been released to this trainee yet.",
    )


def outcomes_list(data: CohortData, trainee: str) -> Markup:
    """Every assessed outcome of the released modules, with its evidence status."""
    released = {
        r.module for r in data.progress if r.trainee == trainee and r.status != NOT_RELEASED
    }
    rows = [
        [e.outcome, e.text, pill(e.status, EVIDENCE_LOOKS[e.status])]
        for e in data.evidence
        if e.trainee == trainee and e.module in released and e.status != NOT_ASSESSED
    ]
    return html_table(
        ["Outcome", "What the trainee can do", "Evidence"],
        rows,
        empty="No learning outcomes to show yet.",
    )


def reflections_html(
    reflections: Sequence[MarkedReflection], label: Callable[[str], str] = str
) -> Markup:
    """Each marked reflection: the question, the answer, the levels and the trainer's words."""
    return render("reflections.html", reflections=[(label(r.module), r) for r in reflections])


def stories_html(stories: Sequence[SharedStory], label: Callable[[str], str] = str) -> Markup:
    """Stories shared with the trainer, each with who may see it; withdrawn ones as a note."""
    return render("stories.html", stories=[(label(s.module), s) for s in stories])


def journey(data: CohortData, trainee: str) -> Markup:
    """The whole journey of one trainee as HTML."""
    name = data.trainees.get(trainee, "")
    reflections = marked_reflections(
        data.cohort, data.settings, trainee, data.item_map, data.levels, data.rubrics
    )
    stories = shared_stories(data.cohort, data.settings, trainee)
    file = f"{data.settings.course_id}-{trainee}"
    progress = [r for r in data.progress if r.trainee == trainee and r.status != NOT_RELEASED]
    evidence = [e for e in data.evidence if e.trainee == trainee and e.status != NOT_ASSESSED]
    return render(
        "journey.html",
        name=trainee_label(trainee, name),
        progress_download=download_link(progress, f"{file}-progress.csv"),
        progress_table=progress_table(data, trainee),
        outcomes_download=download_link(evidence, f"{file}-outcomes.csv", EVIDENCE_COLUMNS),
        outcomes_list=outcomes_list(data, trainee),
        reflections=reflections_html(reflections, data.module_label),
        stories=stories_html(stories, data.module_label),
    )


def _read_ahead() -> None:
    """Read the cohort and draw a journey once, before the visit (see `before_visit`)."""
    data = CohortData.read(Path(os.environ.get(COHORT_VARIABLE, "")))
    journey(data, next(iter(data.trainees)))


def trainee_page() -> widgets.Widget:
    """The trainee page for the cohort the server names and the trainee in the address."""
    before_visit(_read_ahead)
    wait_for_visit()  # run ahead of need: the address and the data are read at the visit
    cohort = Path(os.environ.get(COHORT_VARIABLE, ""))
    asked = (parse_qs(os.environ.get("QUERY_STRING", "")).get("trainee") or [""])[0]
    try:
        apply_withdrawals_for_page(cohort)
        data = CohortData.read(cohort)
    except (CohortError, NotACohort) as error:
        return widgets.HTML(render("problem.html", error=error))
    if not data.trainees:
        return widgets.HTML("<p>This cohort has no trainees yet.</p>")
    choose = widgets.Dropdown(
        options=[(trainee_label(t, n), t) for t, n in data.trainees.items()],
        value=asked if asked in data.trainees else next(iter(data.trainees)),
        description="Trainee",
        layout=widgets.Layout(width="auto"),
    )
    shown = widgets.HTML()

    def show(_=None) -> None:
        shown.value = journey(data, choose.value)

    choose.observe(show, names="value")
    show()
    return widgets.VBox(
        [
            widgets.HTML(render("trainee_title.html", cohort=data.settings.name)),
            widgets.HTML(
                "<p>For a one-to-one. Reflections and stories are personal: "
                "please do not share this page.</p>"
            ),
            choose,
            shown,
        ]
    )
