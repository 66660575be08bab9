"""The trainee page: one trainee's journey for a one-to-one, read-only.

Shows their progress, the learning outcomes they have evidenced, their marked reflections
and the stories they chose to share with the trainer; nothing they kept private.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as widgets

from peer2peer.cohort.roster import trainee_label
from peer2peer.cohort.settings import CohortError, NotACohort
from peer2peer.dashboard.marking_app import COHORT_VARIABLE
from peer2peer.dashboard.outcome_view import EVIDENCE_COLUMNS, EVIDENCE_LOOKS
from peer2peer.dashboard.render import STYLE, badge, download_link, html_table, pill
from peer2peer.progress.journey import (
    MarkedReflection,
    SharedStory,
    marked_reflections,
    shared_stories,
)
from peer2peer.progress.outcomes import EVIDENCED, NOT_ASSESSED
from peer2peer.progress.snapshot import CohortData
from peer2peer.progress.status import NOT_RELEASED

JOURNEY_STYLE = """<style>
.p2p-journey blockquote { white-space: pre-wrap; border-left: 4px solid #0b57d0;
  margin: 0.5em 0; padding: 0.3em 0.8em; background: #f7f9fc; max-width: 60em; }
.p2p-journey .p2p-note { color: #333; font-style: italic; }
</style>"""


def _paragraphs(words: str) -> str:
    return f"<blockquote>{html.escape(words)}</blockquote>" if words.strip() else ""


def progress_table(data: CohortData, trainee: str) -> str:
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
                html.escape(data.module_label(row.module)),
                badge(row),
                score,
                f"{evidenced} of {len(outcomes)}" if outcomes else "",
            ]
        )
    if not rows:
        return "<p>No module has been released to this trainee yet.</p>"
    return html_table(["Module", "Status", "Score", "Outcomes evidenced"], rows)


def outcomes_list(data: CohortData, trainee: str) -> str:
    """Every assessed outcome of the released modules, with its evidence status."""
    released = {
        r.module for r in data.progress if r.trainee == trainee and r.status != NOT_RELEASED
    }
    rows = [
        [html.escape(e.outcome), html.escape(e.text), pill(e.status, EVIDENCE_LOOKS[e.status])]
        for e in data.evidence
        if e.trainee == trainee and e.module in released and e.status != NOT_ASSESSED
    ]
    if not rows:
        return "<p>No learning outcomes to show yet.</p>"
    return html_table(["Outcome", "What the trainee can do", "Evidence"], rows)


def reflections_html(
    reflections: Sequence[MarkedReflection], label: Callable[[str], str] = str
) -> str:
    """Each marked reflection: the question, the answer, the levels and the trainer's words."""
    if not reflections:
        return "<p>No reflections handed in yet.</p>"
    parts = []
    for item in reflections:
        levels = "; ".join(f"{html.escape(c)}: {html.escape(v)}" for c, v in item.levels.items())
        parts.append(
            f"<h5>{html.escape(label(item.module))}</h5><p><em>{html.escape(item.prompt)}</em></p>"
            + (_paragraphs(item.answer) or "<p class='p2p-note'>No answer was written.</p>")
            + (f"<p><strong>Marked:</strong> {levels}</p>" if levels else "<p>Not marked yet.</p>")
            + (
                f"<p><strong>Trainer's comment:</strong></p>{_paragraphs(item.comment)}"
                if item.comment
                else ""
            )
        )
    return "".join(parts)


def stories_html(stories: Sequence[SharedStory], label: Callable[[str], str] = str) -> str:
    """Stories shared with the trainer, each with who may see it; withdrawn ones as a note."""
    if not stories:
        return (
            "<p>No stories shared with the trainer. "
            "Stories are private unless their author shares them.</p>"
        )
    parts = []
    for story in stories:
        if story.withdrawn_at is not None:
            parts.append(
                f"<p class='p2p-note'>{html.escape(label(story.module))}: the trainee withdrew "
                f"a story ({html.escape(story.withdrawn_at[:10])}). It has been deleted.</p>"
            )
            continue
        notes = ", ".join(story.content_notes)
        parts.append(
            f"<h5>Recovery story, {html.escape(label(story.module))}</h5>"
            f"<p><strong>Who may see it:</strong> {html.escape(story.audience)}<br>"
            f"<strong>How to name them:</strong> {html.escape(story.naming)}"
            + (f"<br><strong>Content note:</strong> {html.escape(notes)}" if notes else "")
            + "</p>"
            + "".join(
                f"<p><strong>{html.escape(t)}</strong></p>{_paragraphs(w)}"
                for t, w in story.sections
            )
        )
    return "".join(parts)


def journey(data: CohortData, trainee: str) -> str:
    """The whole journey of one trainee as HTML."""
    name = data.trainees.get(trainee, "")
    reflections = marked_reflections(
        data.cohort, data.settings, trainee, data.item_map, data.levels, data.rubrics
    )
    stories = shared_stories(data.cohort, data.settings, trainee)
    file = f"{data.settings.course_id}-{trainee}"
    progress = [r for r in data.progress if r.trainee == trainee and r.status != NOT_RELEASED]
    evidence = [e for e in data.evidence if e.trainee == trainee and e.status != NOT_ASSESSED]
    return (
        f"{STYLE}{JOURNEY_STYLE}<div class='p2p-journey'>"
        f"<h3>{html.escape(trainee_label(trainee, name))}</h3>"
        f"<h4>Progress</h4>{download_link(progress, f'{file}-progress.csv')}"
        f"{progress_table(data, trainee)}"
        f"<h4>Learning outcomes</h4>"
        f"{download_link(evidence, f'{file}-outcomes.csv', EVIDENCE_COLUMNS)}"
        f"{outcomes_list(data, trainee)}"
        f"<h4>Reflections</h4>{reflections_html(reflections, data.module_label)}"
        f"<h4>Stories shared with the trainer</h4>{stories_html(stories, data.module_label)}"
        "</div>"
    )


def trainee_page() -> widgets.Widget:
    """The trainee page for the cohort the server names and the trainee in the address."""
    cohort = Path(os.environ.get(COHORT_VARIABLE, ""))
    asked = (parse_qs(os.environ.get("QUERY_STRING", "")).get("trainee") or [""])[0]
    try:
        data = CohortData.read(cohort)
    except (CohortError, NotACohort) as error:
        return widgets.HTML(f"<p>{html.escape(str(error))}.</p>")
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
            widgets.HTML(f"<h2>{html.escape(data.settings.name)}: one trainee</h2>"),
            widgets.HTML(
                "<p>For a one-to-one. Reflections and stories are personal: "
                "please do not share this page.</p>"
            ),
            choose,
            shown,
        ]
    )
