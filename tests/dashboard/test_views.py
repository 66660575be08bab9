"""The outcomes and module views: tallies, grids and tables say the known figures, escaped."""

from __future__ import annotations

import re

import pytest
from test_outcomes import ITEMS, RUBRIC, score

from peer2peer.dashboard.module_view import (
    BOTTOM,
    TOP,
    criteria_table,
    missed_table,
    score_bands,
    score_chart,
    score_summary,
)
from peer2peer.dashboard.outcome_view import EVIDENCE_LOOKS, outcome_grid, outcome_tally
from peer2peer.progress.module_report import criterion_averages, missed_checks
from peer2peer.progress.outcomes import EVIDENCE_STATUSES, outcome_evidence

EVIL = "<img src=x onerror=alert(1)>"


def evidence():
    scores = [score("t1", "q1-test", 1, 1), score("t2", "q1-test", 0, 1)]
    return outcome_evidence(ITEMS, {"t1": EVIL, "t2": "Ben"}, scores, {}, {})


def test_every_evidence_status_has_a_look() -> None:
    assert set(EVIDENCE_LOOKS) == set(EVIDENCE_STATUSES)


def test_the_outcome_tally_counts_trainees_and_the_grid_escapes_names() -> None:
    tally = outcome_tally(evidence(), "01-alpha")
    assert "Know it." in tally and "1 of 2 trainees" in tally
    grid = outcome_grid(evidence(), "01-alpha")
    assert EVIL not in grid and "&lt;img src=x onerror=alert(1)&gt; (t1)" in grid
    assert grid.count("evidenced</span>") == 1 and grid.count("<tr>") == 3
    assert "no learning outcomes" in outcome_tally(evidence(), "02-none")


def test_module_tables_escape_prompts_and_give_counts() -> None:
    checks = missed_checks(ITEMS, [score("t1", "q1-test", 0, 1), score("t2", "q1-test", 1, 1)],
                           "01-alpha")  # fmt: skip
    table = missed_table([type(checks[0])(c.cell, EVIL, c.answered, c.missed) for c in checks])
    assert EVIL not in table and "1 of 2 (50%)" in table and "not answered yet" in table
    levels = {("t1", "01-alpha", "assessment", "r-prompt"): {"depth": "meets", "links": "strong"}}
    criteria = criteria_table(criterion_averages(RUBRIC, levels, "01-alpha"))
    assert "1 of 2" in criteria and "Not yet: 0, Meets: 1, Strong: 0" in criteria
    assert "not marked yet" in criteria_table(criterion_averages(RUBRIC, {}, "01-alpha"))


def test_the_score_chart_bins_by_ten_and_the_summary_says_it_in_words() -> None:
    assert score_bands([0.0, 9.9, 10.0, 40.0, 75.0, 80.0, 100.0]) == [2, 1, 0, 0, 1, 0, 0, 1, 1, 1]
    chart = score_chart([40.0, 75.0, 80.0, 85.0])
    assert chart.count('class="p2p-bar"') == 3  # the bands with hand-ins in them
    assert (
        "<title>80-90%: 2 hand-ins</title>" in chart and "<title>40-50%: 1 hand-in</title>" in chart
    )
    assert "<script" not in chart and 'role="img"' in chart


@pytest.mark.parametrize("hand_ins", [1, 9, 37, 200])
def test_the_score_chart_has_round_count_lines_and_its_tallest_bar_fits(hand_ins: int) -> None:
    chart = score_chart([55.0] * hand_ins)
    counts = [int(c) for c in re.findall(r'text-anchor="end">(\d+)</text>', chart)]
    assert counts[0] == 0 and len(counts) <= 11 and counts[-1] >= hand_ins
    assert counts[1] in {1, 2, 5, 10, 20, 50} and counts == list(
        range(0, counts[-1] + 1, counts[1])
    )
    (height,) = map(float, re.findall(r'class="p2p-bar"[^>]* height="([\d.]+)"', chart))
    assert 0 < height <= BOTTOM - TOP
    assert score_summary([40.0, 75.0, 80.0]) == (
        "<p>3 graded hand-ins. Middle score 75%, lowest 40%, highest 80%.</p>"
    )
    assert "No graded hand-ins" in score_summary([])
