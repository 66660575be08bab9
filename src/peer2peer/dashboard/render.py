"""HTML and CSV for the trainer pages: statuses by colour, word and icon; text always escaped.

The HTML comes from templates in dashboard/templates/ (see `templating`).
"""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from markupsafe import Markup

from peer2peer.cohort.roster import trainee_label
from peer2peer.dashboard.templating import render
from peer2peer.progress.export import spreadsheet_safe
from peer2peer.progress.status import (
    FEEDBACK_SENT,
    MARKED,
    NEEDS_MARKING,
    NOT_GRADED,
    NOT_RELEASED,
    NOT_SUBMITTED,
    SUBMITTED,
    ModuleProgress,
)

#: status -> (icon, background, text colour). Colours pass WCAG AA contrast with their text;
#: the word and the icon carry the meaning too, never the colour alone.
BADGES = {
    NOT_RELEASED: ("\u2013", "#eeeeee", "#333333"),
    NOT_SUBMITTED: ("\u25cb", "#ffffff", "#333333"),
    NOT_GRADED: ("\u26a0", "#fde2e1", "#7a1212"),
    SUBMITTED: ("\u2709", "#e3f0fb", "#0b3d66"),
    NEEDS_MARKING: ("\u270e", "#fff3cd", "#5c4400"),
    MARKED: ("\u2714", "#e1f3e4", "#1b4d23"),
    FEEDBACK_SENT: ("\u2605", "#d4edda", "#14401c"),
}


def pill(words: str, look: tuple[str, str, str]) -> Markup:
    """A status as icon and words on a coloured background: (icon, background, colour)."""
    icon, background, colour = look
    return render("pill.html", words=words, icon=icon, background=background, colour=colour)


def badge(row: ModuleProgress) -> Markup:
    """One cell of the grid: icon, status word, and "late" when it was."""
    return pill(row.status + (", late" if row.late else ""), BADGES[row.status])


def html_table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    first_is_head: bool = True,
    empty: str = "",
) -> Markup:
    """A scrolling table of plain-text cells (or fragments a template made); `empty` if none."""
    return render(
        "table.html", header=header, rows=list(rows), first_is_head=first_is_head, empty=empty
    )


def cohort_grid(rows: Sequence[ModuleProgress], modules: Sequence[str], link: str = "") -> Markup:
    """The at-a-glance table: one line per trainee, one column per module.

    With `link` (such as "trainee.ipynb?trainee={trainee}"), each name links to that page.
    """
    shown = set(modules)
    badges: dict[str, dict[str, Markup]] = {}
    names: dict[str, str] = {}
    for row in rows:
        cells = badges.setdefault(row.trainee, {})
        if row.module in shown:
            cells[row.module] = badge(row)
        names[row.trainee] = row.name
    lines = [
        (
            trainee_label(trainee, names[trainee]),
            link.format(trainee=quote(trainee)) if link else "",
            cells,
        )
        for trainee, cells in badges.items()
    ]
    return render("cohort_grid.html", modules=modules, lines=lines)


def filtered(
    rows: Iterable[ModuleProgress], modules: Sequence[str], statuses: Sequence[str]
) -> list[ModuleProgress]:
    """Rows of the chosen modules whose trainee has at least one chosen status in them."""
    rows = [r for r in rows if r.module in modules]
    keep = {r.trainee for r in rows if r.status in statuses}
    return [r for r in rows if r.trainee in keep]


COLUMNS = ["trainee", "name", "module", "status", "late", "submitted_at", "score", "max_score"]


def table_csv(rows: Iterable[object], columns: Sequence[str] = COLUMNS) -> str:
    """Rows' attributes as CSV text, safe to open in a spreadsheet (no formulas from names)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([spreadsheet_safe(getattr(row, column)) for column in columns])
    return buffer.getvalue()


def download_link(rows: Iterable[object], name: str, columns: Sequence[str] = COLUMNS) -> Markup:
    """A link that saves the table shown as CSV (built in the page: nothing leaves it)."""
    data = base64.b64encode(table_csv(rows, columns).encode("utf-8")).decode("ascii")
    return render("download_link.html", name=name, data=data)
