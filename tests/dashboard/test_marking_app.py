"""The marking app's widgets: a trainer marks each reflection in turn and nothing is lost."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest
from handing_in import MODULE

from peer2peer.cohort.course import gradebook
from peer2peer.cohort.settings import CohortError, load_settings
from peer2peer.dashboard.marking_app import COHORT_VARIABLE, MarkingApp, marking_page
from peer2peer.dashboard.marking_session import MarkingSession
from peer2peer.notebooks.cohort_kit import rubric_path


@pytest.fixture
def app(graded: Path) -> MarkingApp:
    return MarkingApp(MarkingSession.open(graded, MODULE))


def _choose(app: MarkingApp, level: str) -> None:
    for buttons in app.criteria.values():
        buttons.value = level


def _manual(cohort: Path, trainee: str) -> tuple[float | None, str | None]:
    with gradebook(load_settings(cohort)) as book:
        grade = book.find_grade("alpha-reflect-prompt", "assessment", MODULE, trainee)
        comment = book.find_comment("alpha-reflect-prompt", "assessment", MODULE, trainee)
        return grade.manual_score, comment.manual_comment


def test_the_page_opens_on_the_first_reflection_with_the_answer_escaped(app: MarkingApp) -> None:
    assert app.progress.value == "<p><strong>0 of 2</strong> reflections marked.</p>"
    assert [label for label, _ in app.queue.options] == [
        "Ada Example (t01): to mark",
        "Ben Example (t02): to mark",
    ]
    assert "I would listen first" in app.answer.value
    assert "may not be safe right now" in app.heading.value  # what to do on reading risk
    assert '"When you mark"' in app.heading.value
    app.next.click()
    assert "&lt;b&gt;Short&lt;/b&gt; answer." in app.answer.value and "<b>" not in app.answer.value


def test_save_and_next_writes_the_gradebook_and_moves_on(app: MarkingApp, graded: Path) -> None:
    _choose(app, "meets")
    app.bank.value = app.bank.options[1][1]
    app.add_comment.click()
    app.words.value += " Keep going."
    app.save_next.click()

    score, comment = _manual(graded, "t01")
    assert score == 2  # "meets" on every criterion: half of the rubric, of 4 points
    assert comment.startswith("Links to ideas from the module: Meets") and "Keep going." in comment
    assert "Saved: Ada Example scores 2 of 4." in app.status.value
    assert app.session.current.trainee == "t02" and app.progress.value.count("1 of 2")


def test_an_incomplete_rubric_is_refused_and_keeps_what_was_chosen(
    app: MarkingApp, graded: Path
) -> None:
    app.criteria["links-to-concepts"].value = "strong"
    app.words.value = "Half done."
    app.save.click()
    assert "choose a level for" in app.status.value
    assert _manual(graded, "t01")[0] is None
    assert app.criteria["links-to-concepts"].value == "strong" and app.words.value == "Half done."


def test_moving_away_keeps_a_draft_and_coming_back_restores_it(app: MarkingApp) -> None:
    app.criteria["links-to-concepts"].value = "strong"
    app.words.value = "Draft words."
    app.next.click()
    assert app.words.value == "" and app.criteria["links-to-concepts"].value is None
    app.previous.click()
    assert app.words.value == "Draft words." and app.criteria["links-to-concepts"].value == "strong"


def test_a_saved_mark_shows_again_when_the_page_is_reopened(app: MarkingApp, graded: Path) -> None:
    _choose(app, "strong")
    app.words.value = "Lovely work."
    app.save.click()
    again = MarkingApp(MarkingSession.open(graded, MODULE))
    again.queue.value = next(
        i for i, item in enumerate(again.session.items) if item.trainee == "t01"
    )
    assert again.criteria["application"].value == "strong" and again.words.value == "Lovely work."
    assert "t01): marked" in dict((v, k) for k, v in again.queue.options)[again.queue.value]


def test_the_page_says_plainly_when_it_has_no_cohort(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv(COHORT_VARIABLE, raising=False)
    assert "No cohort was given" in marking_page().value
    monkeypatch.setenv(COHORT_VARIABLE, str(tmp_path))
    assert "is not a cohort folder" in marking_page().value


def test_a_link_can_open_one_trainee(monkeypatch, graded: Path) -> None:
    monkeypatch.setenv(COHORT_VARIABLE, str(graded))
    monkeypatch.setenv("QUERY_STRING", f"module={MODULE}&trainee=t02")
    page = marking_page()
    chooser, body = page.children
    assert chooser.value == MODULE
    assert "&lt;b&gt;Short" in body.children[7].value


def test_moving_through_the_modules_keeps_what_was_chosen(monkeypatch, graded: Path) -> None:
    """The arrow keys change the module at each press: levels and words chosen stay."""
    second = rubric_path(graded, "02-beta")
    second.parent.mkdir(parents=True, exist_ok=True)
    second.write_text(rubric_path(graded, MODULE).read_text())
    monkeypatch.setenv(COHORT_VARIABLE, str(graded))
    page = marking_page()
    chooser, body = page.children
    radios = [w for w in body.children if isinstance(w, widgets.RadioButtons)]
    radios[0].value = "meets"
    chooser.value = "02-beta"
    assert page.children[1] is not body
    chooser.value = MODULE
    assert page.children[1] is body
    assert radios[0].value == "meets"


def test_a_module_named_in_the_address_is_checked_before_anything_is_read(graded: Path) -> None:
    for address in ("../../etc", "01-alpha/../../x", "99-nowhere"):
        with pytest.raises(CohortError):
            MarkingSession.open(graded, address)
