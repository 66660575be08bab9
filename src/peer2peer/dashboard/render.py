"""HTML and CSV for the trainer pages: statuses by colour, word and icon; text always escaped."""

from __future__ import annotations

import base64
import csv
import html
import io
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from peer2peer.cohort.roster import trainee_label
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

STYLE = """<style>
.p2p-grid { border-collapse: collapse; font-size: 0.95em; }
.p2p-scroll { overflow-x: auto; max-width: 100%; }
.p2p-grid th, .p2p-grid td { border: 1px solid #bbb; padding: 4px 8px; text-align: left;
  white-space: nowrap; line-height: 1.4; }
.p2p-grid th { background: #f4f4f4; position: sticky; top: 0; }
.p2p-badge { display: inline-block; border-radius: 4px; padding: 1px 6px; white-space: nowrap; }
.p2p-queue a, a.p2p-download { color: #0b57d0; text-decoration: underline; }
</style>"""


def pill(words: str, look: tuple[str, str, str]) -> str:
    """A status as icon and words on a coloured background: (icon, background, colour)."""
    icon, background, colour = look
    return (
        f"<span class='p2p-badge' style='background:{background};color:{colour}'>"
        f"<span aria-hidden='true'>{icon}</span> {html.escape(words)}</span>"
    )


def badge(row: ModuleProgress) -> str:
    """One cell of the grid: icon, status word, and "late" when it was."""
    return pill(row.status + (", late" if row.late else ""), BADGES[row.status])


def html_table(header: Sequence[str], rows: Iterable[Sequence[str]], first_is_head=True) -> str:
    """A scrolling table; `header` is plain text, cells are HTML the caller has escaped."""
    head = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in header)
    body = []
    for cells in rows:
        first, rest = (cells[0], cells[1:]) if first_is_head else ("", cells)
        lead = f"<th scope='row'>{first}</th>" if first_is_head else ""
        body.append(f"<tr>{lead}{''.join(f'<td>{c}</td>' for c in rest)}</tr>")
    return (
        f"{STYLE}<div class='p2p-scroll'><table class='p2p-grid'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def cohort_grid(rows: Sequence[ModuleProgress], modules: Sequence[str], link: str = "") -> str:
    """The at-a-glance table: one line per trainee, one column per module.

    With `link` (such as "trainee.ipynb?trainee={trainee}"), each name links to that page.
    """
    by_trainee: dict[str, dict[str, ModuleProgress]] = {}
    names: dict[str, str] = {}
    for row in rows:
        by_trainee.setdefault(row.trainee, {})[row.module] = row
        names[row.trainee] = row.name
    head = "".join(f"<th scope='col'>{html.escape(m)}</th>" for m in modules)
    body = []
    for trainee, cells in by_trainee.items():
        shown = html.escape(trainee_label(trainee, names[trainee]))
        if link:
            href = html.escape(link.format(trainee=quote(trainee)))
            shown = f"<a href='{href}' target='_blank'>{shown}</a>"
        tds = "".join(f"<td>{badge(cells[m])}</td>" if m in cells else "<td></td>" for m in modules)
        body.append(f"<tr><th scope='row'>{shown}</th>{tds}</tr>")
    return (
        f"{STYLE}<div class='p2p-scroll'><table class='p2p-grid'>"
        f"<thead><tr><th scope='col'>Trainee</th>{head}</tr>"
        f"</thead><tbody>{''.join(body)}</tbody></table></div>"
    )


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


def download_link(rows: Iterable[object], name: str, columns: Sequence[str] = COLUMNS) -> str:
    """A link that saves the table shown as CSV (built in the page: nothing leaves it)."""
    data = base64.b64encode(table_csv(rows, columns).encode("utf-8")).decode("ascii")
    return (
        f"<a download='{html.escape(name)}' href='data:text/csv;base64,{data}' "
        f"class='p2p-download'>Download this table (CSV)</a>"
    )
