"""The cohort page's course-records view: completion, attendance, second looks, adjustments.

Completion with every reason, the register of each session, the marks waiting for an
internal verifier (and those sent back), and adjustments given. Read-only.
"""

from __future__ import annotations

import base64

import ipywidgets as widgets

from peer2peer.cohort.adjustments import load_adjustments
from peer2peer.cohort.marking_record import read_record, sent_back, waiting_for_verifier
from peer2peer.cohort.roster import trainee_label
from peer2peer.dashboard.templating import render
from peer2peer.progress.attendance import attendance_table
from peer2peer.progress.completion import COMPLETE, NOT_YET_COMPLETE, cohort_completion
from peer2peer.progress.export import completion_csv
from peer2peer.progress.snapshot import CohortData

#: completion -> (icon, background, text colour); the word always shows too.
COMPLETION_LOOKS = {
    COMPLETE: ("\u2605", "#d4edda", "#14401c"),
    NOT_YET_COMPLETE: ("\u25cb", "#ffffff", "#333333"),
}


def records_html(data: CohortData) -> str:
    """The whole view as HTML (every name, note and reason escaped by the template)."""
    labels = {t: trainee_label(t, n) for t, n in data.trainees.items()}
    completion = cohort_completion(data)
    register = attendance_table(data.cohort, data.settings, data.trainees)
    entries = read_record(data.cohort)
    given = load_adjustments(data.cohort)
    return render(
        "records_view.html",
        complete=sum(row.status == COMPLETE for row in completion),
        completion=[
            {
                "label": labels[r.trainee],
                "status": r.status,
                "reasons": r.reasons,
                "look": COMPLETION_LOOKS[r.status],
            }
            for r in completion
        ],  # fmt: skip
        csv_name=f"{data.settings.course_id}-completion.csv",
        csv_data=base64.b64encode(completion_csv(completion).encode("utf-8")).decode("ascii"),
        modules=data.settings.modules,
        attendance=[
            {
                "label": label,
                "cells": [{"words": r.words, "note": r.note} for r in register if r.trainee == t],
            }
            for t, label in labels.items()
        ],  # fmt: skip
        verifiers=", ".join(data.settings.verifiers),
        waiting=[_mark(m, labels) for m in waiting_for_verifier(entries)],
        sent_back=[(_mark(m, labels), d) for m, d in sent_back(entries)],
        adjustments=[
            (labels.get(t, t), a.module, a.words()) for t, row in given.items() for a in row
        ],
    )


def _mark(mark, labels: dict[str, str]) -> dict:
    return {"n": mark.n, "label": labels.get(mark.trainee, mark.trainee), "module": mark.module,
            "item": mark.item, "by": mark.by, "at": mark.at, "why": mark.why}  # fmt: skip


def records_view(data: CohortData) -> widgets.Widget:
    """The view, for the cohort page."""
    return widgets.HTML(records_html(data))
