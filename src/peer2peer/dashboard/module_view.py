"""The module view: how the cohort scored, which knowledge checks were missed, rubric averages."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import ipywidgets as widgets
import plotly.graph_objects as go
from markupsafe import Markup

from peer2peer.dashboard.charts import Chart
from peer2peer.dashboard.render import download_link, html_table
from peer2peer.dashboard.templating import render
from peer2peer.progress.module_report import (
    CriterionAverage,
    MissedCheck,
    criterion_averages,
    missed_checks,
    score_percentages,
)
from peer2peer.progress.snapshot import CohortData

MISSED_COLUMNS = ["cell", "prompt", "answered", "missed"]
CRITERIA_COLUMNS = ["criterion", "name", "marked", "average", "top"]


def score_summary(percentages: Sequence[float]) -> Markup:
    """The score distribution in words, for those who do not read the chart."""
    middle = statistics.median(percentages) if percentages else None
    return render("score_summary.html", percentages=list(percentages), middle=middle)


def score_chart(percentages: Sequence[float]) -> Chart:
    """A histogram of scores in bands of ten per cent (drawn in the page, offline)."""
    figure = Chart(
        go.Histogram(
            x=list(percentages),
            xbins={"start": 0, "end": 100.01, "size": 10},
            marker_color="#0b57d0",
            hovertemplate="%{x}: %{y} hand-ins<extra></extra>",
        )
    )
    figure.update_layout(
        height=300,
        margin={"l": 50, "r": 20, "t": 20, "b": 50},
        xaxis={"title": {"text": "Score (% of the module's points)"}, "range": [0, 100]},
        yaxis={"title": {"text": "Hand-ins"}, "dtick": 1},
        bargap=0.05,
    )
    return figure


def missed_table(checks: Sequence[MissedCheck]) -> Markup:
    """Knowledge checks, most missed first, with how many of those who answered missed them."""
    rows = [
        [
            check.prompt,
            f"{check.missed} of {check.answered} ({check.missed_share:.0%})"
            if check.answered
            else "not answered yet",
        ]
        for check in checks
    ]
    return html_table(
        ["Knowledge check", "Not fully right"], rows, empty="This module has no knowledge checks."
    )


def criteria_table(averages: Sequence[CriterionAverage]) -> Markup:
    """Each rubric criterion: the average level reached and how many reflections reached each."""
    rows = []
    for average in averages:
        mean = (
            "not marked yet"
            if average.average is None
            else f"{average.average:g} of {average.top:g}"
        )
        spread = ", ".join(f"{label}: {count}" for label, count in average.counts.items())
        rows.append([average.name, mean, spread])
    return html_table(
        ["Criterion", "Average level (points)", "Reflections at each level"],
        rows,
        empty="This module has no reflections marked against a rubric.",
    )


def module_view(data: CohortData) -> widgets.Widget:
    """A module menu, its score chart, checks most missed and rubric criteria averages."""
    choose = widgets.Dropdown(
        options=[(data.module_label(m), m) for m in data.settings.modules],
        value=_busiest(data),
        description="Module",
        layout=widgets.Layout(width="auto"),
    )
    chart = score_chart([])
    summary, missed, criteria = widgets.HTML(), widgets.HTML(), widgets.HTML()
    missed_csv, criteria_csv = widgets.HTML(), widgets.HTML()

    def show(_=None) -> None:
        module = choose.value
        percentages = score_percentages(data.progress, module)
        chart.data[0].x = percentages
        summary.value = score_summary(percentages)
        checks = missed_checks(data.item_map, data.scores, module)
        missed.value = missed_table(checks)
        name = f"{data.settings.course_id}-{module}"
        missed_csv.value = download_link(checks, f"{name}-checks.csv", MISSED_COLUMNS)
        rubric = data.rubrics.get(module)
        averages = criterion_averages(rubric, data.levels, module) if rubric else []
        criteria.value = criteria_table(averages)
        criteria_csv.value = download_link(averages, f"{name}-criteria.csv", CRITERIA_COLUMNS)

    choose.observe(show, names="value")
    show()
    return widgets.VBox(
        [
            choose,
            widgets.HTML("<h2>Scores</h2>"),
            summary,
            chart,
            widgets.HTML("<h2>Knowledge checks most often missed</h2>"),
            missed_csv,
            missed,
            widgets.HTML("<h2>Reflections: rubric criteria</h2>"),
            criteria_csv,
            criteria,
        ]
    )


def _busiest(data: CohortData) -> str:
    """The module with the most graded hand-ins, so the view opens on something to see."""
    counts = {m: len(score_percentages(data.progress, m)) for m in data.settings.modules}
    return max(data.settings.modules, key=lambda m: (counts[m], -data.settings.modules.index(m)))
