"""Trainer pages come from templates that escape everything: no name, answer or id is markup."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import ipywidgets as widgets
import pytest
from jinja2 import UndefinedError
from markupsafe import Markup

import peer2peer.dashboard
from peer2peer.cohort.marking import ToMark
from peer2peer.cohort.settings import CohortError, CohortSettings
from peer2peer.curriculum.schema import Rubric
from peer2peer.dashboard import (
    cohort_page,
    home_page,
    marking_app,
    module_view,
    outcome_view,
    register_app,
    render,
)
from peer2peer.dashboard import trainee_page as trainee
from peer2peer.dashboard.marking_session import MarkingSession
from peer2peer.dashboard.templating import PACKAGE, feedback_fragment
from peer2peer.dashboard.templating import render as render_template
from peer2peer.notebooks.item_map import Item, ItemMap, ModuleItems
from peer2peer.progress.item_results import ItemScore
from peer2peer.progress.journey import MarkedReflection, SharedStory
from peer2peer.progress.module_report import CriterionAverage, MissedCheck
from peer2peer.progress.outcomes import EVIDENCED, OutcomeEvidence
from peer2peer.progress.snapshot import CohortData
from peer2peer.progress.status import MARKED, NEEDS_MARKING, ModuleProgress
from peer2peer.shared.templating import environment

EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
#: Words that would leave a single-quoted attribute, as a file name or link could try.
BREAKOUT = "x' onclick='alert(3)"
DASHBOARD = Path(peer2peer.dashboard.__file__).parent
STATIC = DASHBOARD.parent / "exercises" / "static.py"


def assert_escaped(html: str) -> None:
    assert "<script" not in html and "<img" not in html and "onclick='" not in html
    assert ESCAPED in html or "&#39; onclick=&#39;" in html


# --- the environment and its templates


def test_every_template_is_escaped_and_none_switches_it_off() -> None:
    templates = environment(PACKAGE)
    assert templates.autoescape is True  # for every template, whatever its file name
    names = templates.list_templates()
    assert "pill.html" in names and "table.html" in names and len(names) > 10
    for name in names:
        source = (DASHBOARD / "templates" / name).read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b|autoescape\s+false|Markup", source), name


def test_a_missing_variable_is_an_error_not_an_empty_string() -> None:
    with pytest.raises(UndefinedError, match="is undefined"):
        render_template("pill.html", words="needs marking")


def test_a_fragment_goes_into_another_template_as_markup_and_text_is_escaped_once() -> None:
    pill = render.pill("marked", render.BADGES[MARKED])
    assert isinstance(pill, Markup)
    table = render.html_table(["Name", "Status"], [["a & b", pill]])
    assert "<span class='p2p-badge'" in table and "<td>a &amp; b</td>" not in table
    assert "a &amp; b" in table and "&amp;amp;" not in table


# --- every public function that makes HTML escapes what it is given


def progress(name: str = EVIL, module: str = "01-alpha") -> list[ModuleProgress]:
    return [
        ModuleProgress("t1", name, module, NEEDS_MARKING, True, datetime(2027, 3, 9), 5.0, 6.0),
        ModuleProgress("t2", "Ben", module, MARKED, False, datetime(2027, 3, 8), 4.0, 6.0),
    ]


def cohort_data(tmp_path: Path) -> CohortData:
    """A snapshot of a cohort whose names, titles, prompts and outcomes are all hostile."""
    items = ItemMap(
        modules={
            "01-alpha": ModuleItems(
                title=EVIL,
                outcomes={"a-1": EVIL},
                items={
                    "q1-test": Item(exercise="q1", notebook="assessment", kind="check",
                                    prompt=EVIL, outcomes=["a-1"]),
                },
            )
        }
    )  # fmt: skip
    settings = CohortSettings(
        name=EVIL,
        course_id="c",
        start=date(2027, 3, 1),
        curriculum="curriculum",
        modules=["01-alpha"],
        db_url="sqlite://",
        exchange=str(tmp_path / "exchange"),
    )
    scores = [ItemScore("t1", "01-alpha", "assessment", "q1-test", 1, 1, False)]
    return CohortData(tmp_path, settings, progress(), items, scores, {}, {})


REFLECTIONS = [MarkedReflection("01-alpha", EVIL, EVIL, {EVIL: EVIL}, EVIL)]
STORIES = [
    SharedStory("01-alpha", EVIL, EVIL, [(EVIL, EVIL)], [EVIL]),
    SharedStory("01-alpha", "trainer", "first", [], [], withdrawn_at=EVIL),
]


def journey(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(trainee, "marked_reflections", lambda *_: REFLECTIONS)
    monkeypatch.setattr(trainee, "shared_stories", lambda *_: STORIES)
    return trainee.journey(cohort_data(tmp_path), "t1")


def home_links(tmp_path: Path) -> str:
    folder = tmp_path / BREAKOUT  # a module folder whose name would leave the link
    folder.mkdir()
    (folder / "lesson.ipynb").write_text("{}")
    return home_page.module_links(folder)


VIEWS: dict[str, Callable[[Path, pytest.MonkeyPatch], str]] = {
    "pill": lambda *_: render.pill(EVIL, render.BADGES[MARKED]),
    "html_table header": lambda *_: render.html_table([EVIL], [["a"]]),
    "html_table cells": lambda *_: render.html_table(["a", "b"], [[EVIL, EVIL]]),
    "html_table empty": lambda *_: render.html_table(["a"], [], empty=EVIL),
    "cohort_grid name": lambda *_: render.cohort_grid(progress(), ["01-alpha"]),
    "cohort_grid module": lambda *_: render.cohort_grid(progress("Ada", EVIL), [EVIL]),
    "cohort_grid link": lambda *_: render.cohort_grid(progress(), ["01-alpha"], BREAKOUT),
    "download_link": lambda *_: render.download_link(progress(), BREAKOUT),
    "marking_queue": lambda *_: cohort_page.marking_queue(progress(module=EVIL)),
    "missed_table": lambda *_: module_view.missed_table([MissedCheck("c", EVIL, 2, 1)]),
    "criteria_table": lambda *_: module_view.criteria_table(
        [CriterionAverage("c", EVIL, 1, 1.0, 2.0, {EVIL: 1})]
    ),
    "outcome_tally": lambda *_: outcome_view.outcome_tally(
        [OutcomeEvidence("t1", "Ada", "01-alpha", EVIL, EVIL, EVIDENCED, 1)], "01-alpha"
    ),
    "outcome_grid": lambda *_: outcome_view.outcome_grid(
        [OutcomeEvidence("t1", EVIL, "01-alpha", EVIL, "x", EVIDENCED, 1)], "01-alpha"
    ),
    "progress_table": lambda path, _: trainee.progress_table(cohort_data(path), "t1"),
    "outcomes_list": lambda path, _: trainee.outcomes_list(cohort_data(path), "t1"),
    "reflections_html": lambda *_: trainee.reflections_html(REFLECTIONS),
    "stories_html": lambda *_: trainee.stories_html(STORIES[:1]),
    "stories_html withdrawn": lambda *_: trainee.stories_html(STORIES[1:], lambda _: EVIL),
    "journey": journey,
    "home module_links": lambda path, _: home_links(path),
    "home module": lambda *_: render_template(
        "home_module.html", title=EVIL, due=EVIL, state=EVIL, kind="not-started", links=""
    ),
    "home ask": lambda *_: render_template(
        "home_ask.html", title=EVIL, sends=[EVIL], handed_in=EVIL, due=EVIL, before_due=True
    ),
    "home progress": lambda *_: render_template(
        "home_progress.html",
        news=True,
        finished=0,
        released=1,
        outcomes=[(EVIL, [{"outcome": EVIL, "state": "shown"}])],
        shown=1,
        total=1,
        sessions=[(EVIL, {"status": "present", "caught_up": False})],
        attended=1,
        recorded=1,
    ),  # fmt: skip
    "home feedback": lambda *_: render_template(
        "home_feedback.html",
        title=EVIL,
        pages=[feedback_fragment("<main><h1>" + ESCAPED + "</h1></main>", 3)],
    ),  # fmt: skip
}


@pytest.mark.parametrize("view", VIEWS)
def test_each_view_escapes_names_answers_and_ids(
    view: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = VIEWS[view](tmp_path, monkeypatch)
    assert isinstance(html, Markup)
    assert_escaped(html)


def all_html(widget: widgets.Widget) -> str:
    """Every HTML widget's value in a page, in order."""
    found = [widget.value] if isinstance(widget, widgets.HTML) else []
    return "".join(found + [all_html(child) for child in getattr(widget, "children", ())])


def test_the_pages_escape_a_problem_that_names_a_hostile_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(marking_app.COHORT_VARIABLE, str(tmp_path / EVIL.replace("/", "|")))
    pages = (
        cohort_page.cohort_page,
        trainee.trainee_page,
        marking_app.marking_page,
        register_app.register_page,
    )
    for page in pages:
        html = all_html(page())
        assert "is not a cohort folder" in html and "<script" not in html, page.__name__


def marking(score: Callable[..., float]) -> marking_app.MarkingApp:
    """The marking page on one hostile reflection; saving calls `score` instead of the gradebook."""
    rubric = Rubric.model_validate(
        {
            "levels": [
                {"id": "not-yet", "label": "Not yet", "points": 0},
                {"id": "meets", "label": EVIL, "points": 1},
            ],
            "criteria": [
                {"id": "depth", "name": EVIL, "descriptors": {"not-yet": EVIL, "meets": EVIL}}
            ],
        }
    )
    item = ToMark("t1", EVIL, "assessment", "r", 4.0, EVIL, EVIL, None, {}, "", False)
    session = MarkingSession(Path("."), None, EVIL, rubric, [item], {"t1": EVIL})
    session.save = score
    return marking_app.MarkingApp(session)


def test_the_marking_page_escapes_prompt_answer_criterion_module_and_name() -> None:
    app = marking(lambda levels, words: 2.0)
    page = all_html(app.layout())
    assert_escaped(page)
    assert "&lt;script" in app.prompt.value  # the prompt is Markdown made plain first
    assert ESCAPED in app.answer.value
    assert ESCAPED in app.heading.value and "id='criterion-depth'" in page
    app.save.click()
    saved = f"<p class='p2p-status-ok' role='status'>Saved: {ESCAPED} scores 2 of 4.</p>"
    assert app.status.value == saved


def test_the_marking_page_escapes_a_problem_when_saving() -> None:
    def refuse(levels, words):
        raise CohortError(EVIL)

    app = marking(refuse)
    app.save.click()
    assert app.status.value == f"<p class='p2p-status-problem' role='alert'>{ESCAPED}.</p>"


# --- no HTML is made outside the templates


def python_files() -> list[Path]:
    return sorted(DASHBOARD.rglob("*.py")) + [STATIC]


def test_no_module_escapes_by_hand_or_builds_tags_in_an_f_string() -> None:
    found = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.name}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.JoinedStr):
                text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
                if re.search(r"<[A-Za-z/!]", text):
                    found.append(f"{where} builds a tag in an f-string")
            elif isinstance(node, ast.Call):
                called = node.func
                name = getattr(called, "attr", None) or getattr(called, "id", None)
                regex = getattr(getattr(called, "value", None), "id", "") == "re"
                if name == "escape" and not regex:  # re.escape quotes a pattern, not HTML
                    found.append(f"{where} escapes by hand")
                if name == "Markup" and path.name not in ("templating.py", "static.py"):
                    found.append(f"{where} marks text as safe")
            elif isinstance(node, ast.Import | ast.ImportFrom):
                modules = [node.module] if isinstance(node, ast.ImportFrom) else []
                modules += [alias.name for alias in node.names]
                if "html" in modules:
                    found.append(f"{where} imports html")
    assert found == []


def test_feedback_keeps_only_its_words_and_known_tags() -> None:
    page = (
        "<html><head><style>body{}</style></head><body><main><h1 class='x' onclick='y()'>"
        "Alpha &amp; you</h1><script>alert(1)</script><img src=x onerror=alert(2)>"
        "<a href='https://example.org'>away</a><section class='item right'><p>Right.</p>"
        "</section></main><p>outside</p></body></html>"
    )
    kept = feedback_fragment(page, 3)
    assert kept == (
        "<h4 class='x'>Alpha &amp; you</h4>away<section class='item right'><p>Right.</p></section>"
    )
