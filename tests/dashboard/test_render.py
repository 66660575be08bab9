"""Statuses show by word and icon as well as colour; trainee text is always escaped."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from peer2peer.dashboard.cohort_page import marking_queue
from peer2peer.dashboard.render import (
    BADGES,
    badge,
    cohort_grid,
    download_link,
    filtered,
    table_csv,
)
from peer2peer.progress.status import MARKED, NEEDS_MARKING, NOT_SUBMITTED, STATUSES, ModuleProgress

EVIL = "<img src=x onerror=alert(1)>"
ROWS = [
    ModuleProgress("t1", EVIL, "01-a", MARKED, True, datetime(2027, 3, 9), 5.0, 6.0),
    ModuleProgress("t1", EVIL, "02-b", NEEDS_MARKING, False, datetime(2027, 3, 16), 2.0, 6.0),
    ModuleProgress("t2", "=HYPERLINK(1)", "01-a", NEEDS_MARKING, False, datetime(2027, 3, 8)),
    ModuleProgress("t2", "=HYPERLINK(1)", "02-b", NOT_SUBMITTED),
]


def test_every_status_has_an_icon_and_its_word() -> None:
    assert set(BADGES) == set(STATUSES)
    html = badge(ROWS[0])
    assert "marked, late" in html and "aria-hidden='true'>\u2714" in html


def test_the_grid_escapes_names_and_has_a_cell_per_module() -> None:
    grid = cohort_grid(ROWS, ["01-a", "02-b"])
    assert EVIL not in grid and "&lt;img src=x onerror=alert(1)&gt; (t1)" in grid
    assert grid.count("<tr>") == 3 and grid.count("class='p2p-badge'") == 4


def test_filters_keep_trainees_with_a_chosen_status_in_the_chosen_modules() -> None:
    assert {r.trainee for r in filtered(ROWS, ["01-a"], [MARKED])} == {"t1"}
    assert len(filtered(ROWS, ["02-b"], STATUSES)) == 2


def test_the_marking_queue_is_oldest_first_with_escaped_links() -> None:
    queue = marking_queue(ROWS)
    assert queue.index("(t2)") < queue.index("(t1)") and EVIL not in queue
    assert "marking.ipynb?module=01-a&amp;trainee=t2" in queue
    assert marking_queue(ROWS[:1]) == "<p>Nothing is waiting to be marked.</p>"


def test_csv_export_is_safe_in_a_spreadsheet() -> None:
    rows = list(csv.DictReader(io.StringIO(table_csv(ROWS))))
    assert rows[2]["name"] == "'=HYPERLINK(1)" and rows[0]["status"] == MARKED
    assert "download=" in download_link(ROWS, "x.csv")
