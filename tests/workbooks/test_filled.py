"""A trainee's own answers in their workbook: only theirs, never their private writing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from support import FIXTURES, copy_project
from workbook_reading import docx_paragraphs, docx_tick_boxes, pdf_pages, squashed

from peer2peer.cli import main
from peer2peer.cohort.settings import CohortError
from peer2peer.curriculum.project import load_project
from peer2peer.exercises.private import PRIVATE_DIR_VARIABLE, PrivateStore
from peer2peer.workbooks import words
from peer2peer.workbooks.files import workbook_bytes
from peer2peer.workbooks.filled import Answers, fill, handed_in, own_answers
from peer2peer.workbooks.model import make_workbook

MODULE = "01-alpha"
ADA = {
    "lesson": {
        "alpha-think": "Ada thinks a quiet walk helps her most.",
        "alpha-hope": 7,
        "alpha-pick": "b",
        "alpha-story": {"private": True, "audience": "only-me", "updated_at": "2027-03-02"},
    },
    "assessment": {
        "alpha-check": "a",
        "alpha-many": ["a", "b"],
        "alpha-reflect": "Ada would listen first, then share only what helps.",
        "alpha-match": {"s1": "hope", "s2": "mutuality"},
    },
}
BEN = {
    "lesson": {
        "alpha-think": "Ben's words must never reach anyone else's copy.",
        "alpha-story": {
            "audience": "trainer",
            "naming": "first",
            "content_notes": [],
            "sections": {"before": "Ben shared this part with his trainer."},
            "consent": {"audience": "trainer", "given_at": "2027-03-02"},
        },
    },
}


def _hand_in(cohort: Path, trainee: str, answers: dict[str, dict]) -> None:
    folder = cohort / "submitted" / trainee / MODULE
    folder.mkdir(parents=True)
    for notebook, given in answers.items():
        payload = {"format": 1, "answers": given}
        (folder / f"{notebook}.responses.json").write_text(json.dumps(payload))


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> Path:
    """A cohort of the minimal project where Ada (t01) and Ben (t02) handed in module 01."""
    from peer2peer.cohort.create import init_cohort
    from peer2peer.cohort.roster import add_trainees, read_roster

    folder = tmp_path_factory.mktemp("workbooks")
    project = copy_project(folder / "project")
    cohort = folder / "cohorts" / "test-cohort"
    settings = init_cohort(cohort, "Test cohort 2027", project, date(2027, 3, 1))
    add_trainees(settings, read_roster(FIXTURES / "rosters" / "roster-valid.csv")[0])
    _hand_in(cohort, "t01", ADA)
    _hand_in(cohort, "t02", BEN)
    return cohort


def _project(cohort: Path):
    return load_project(cohort.parent.parent / "project")


def test_a_trainees_copy_has_their_answers_and_no_one_elses(cohort):
    answers = handed_in(cohort, "t01", MODULE)
    assert answers.label == "Ada Example (t01)"
    pdf = squashed(
        " ".join(pdf_pages(workbook_bytes(_project(cohort), MODULE, "pdf", False, answers)))
    )
    word = workbook_bytes(_project(cohort), MODULE, "docx", False, answers)
    docx = squashed(" ".join(t for _, t in docx_paragraphs(word)))
    assert docx_tick_boxes(word).count(True) == 4
    for text in (pdf, docx):
        assert "Answers of Ada Example (t01)." in text
        assert ADA["lesson"]["alpha-think"] in text
        assert ADA["assessment"]["alpha-reflect"] in text
        assert "Ben" not in text
        assert text.count("☒") == 4  # alpha-pick b, alpha-check a, alpha-many a and b
        assert f"{words.MY_NUMBER} 7" in text
        assert squashed(words.KEPT_PRIVATE) in text  # her "only me" story: said, not shown


def test_a_story_shared_with_the_trainer_is_in_that_trainees_own_copy(cohort):
    answers = handed_in(cohort, "t02", MODULE)
    data = workbook_bytes(_project(cohort), MODULE, "docx", False, answers)
    text = " ".join(t for _, t in docx_paragraphs(data))
    assert "Ben shared this part with his trainer." in text
    assert "Ada" not in text


@pytest.mark.parametrize(
    ("trainee", "said"),
    [
        ("t99", "no trainee 't99' in this cohort"),
        ("../t01", "is not a trainee id"),
        ("t03", "t03 has not handed in 01-alpha yet"),
    ],
)
def test_someone_not_in_the_cohort_or_not_handed_in_is_refused_and_nothing_is_written(
    cohort, tmp_path, capsys, trainee, said
):
    with pytest.raises(CohortError, match=said):
        handed_in(cohort, trainee, MODULE)
    out = tmp_path / "out"
    project = str(cohort.parent.parent / "project")
    code = main(["workbook", MODULE, "--root", project, "--answers", str(cohort), trainee,
                 "--out", str(out)])  # fmt: skip
    assert code == 1
    assert said in capsys.readouterr().err
    assert not out.exists()


def test_a_module_not_in_the_cohort_is_refused(cohort, tmp_path, capsys):
    for module, said in (("09-nope", "no module '09-nope' in this cohort"),
                         ("../t02", "is not a module id")):  # fmt: skip
        with pytest.raises(CohortError, match=said):
            handed_in(cohort, "t01", module)
    code = main(["workbook", "09-nope", "--answers", str(cohort), "t01",
                 "--out", str(tmp_path / "out")])  # fmt: skip
    assert code == 1 and "no module '09-nope' in this cohort" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_without_root_the_cohorts_own_curriculum_is_used(cohort, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no curriculum here or above
    code = main(["workbook", MODULE, "--answers", str(cohort), "t01", "--out", str(tmp_path)])
    assert code == 0 and (tmp_path / f"{MODULE}-workbook-t01.pdf").is_file()


def test_a_filled_file_is_named_after_the_trainee_and_readable_by_its_owner_alone(cohort, tmp_path):
    project = str(cohort.parent.parent / "project")
    code = main(["workbook", MODULE, "--root", project, "--answers", str(cohort), "t01",
                 "--format", "docx", "--out", str(tmp_path)])  # fmt: skip
    path = tmp_path / f"{MODULE}-workbook-t01.docx"
    assert code == 0 and path.is_file()
    assert path.stat().st_mode & 0o777 == 0o600


def test_private_writing_is_never_filled_from_what_was_handed_in():
    """Even an old answers file holding a wellness plan's words does not put them on paper."""
    from workbook_reading import repo_project

    project = repo_project()
    workbook = make_workbook(project, "09-wellness-planning")
    private = next(q for q in workbook.questions() if q.kind == "private")
    secret = {"sections": {key: "A plan no one else may read." for key, _, _ in private.sections}}
    answers = Answers("Ada Example (t01)", {private.notebook: {private.exercise_id: secret}})
    fill(workbook, answers)
    assert private.answer is None
    data = workbook_bytes(project, "09-wellness-planning", "pdf", False, answers)
    assert "A plan no one else may read." not in " ".join(pdf_pages(data))


def test_a_trainee_asking_for_their_own_copy_can_have_their_private_story_in_it(
    tmp_path, monkeypatch
):
    monkeypatch.setenv(PRIVATE_DIR_VARIABLE, str(tmp_path / "private"))
    project = load_project(copy_project(tmp_path / "project"))
    mine = tmp_path / "home" / MODULE
    mine.mkdir(parents=True)
    (mine / "lesson.responses.json").write_text(json.dumps({"answers": ADA["lesson"]}))
    story = {"sections": {"before": "Words for my eyes only."}, "audience": "only-me"}
    PrivateStore(MODULE, "lesson").save("alpha-story", story)

    kept = own_answers(mine, MODULE)
    text = " ".join(pdf_pages(workbook_bytes(project, MODULE, "pdf", False, kept)))
    assert "Words for my eyes only." not in text
    assert ADA["lesson"]["alpha-think"] in squashed(text)

    asked = own_answers(mine, MODULE, include_private=True)
    text = squashed(" ".join(pdf_pages(workbook_bytes(project, MODULE, "pdf", False, asked))))
    assert "Words for my eyes only." in text
    assert squashed(words.FILLED_WITH_PRIVATE) in text


def test_private_writing_is_refused_without_mine(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    code = main(["workbook", MODULE, "--root", str(project), "--with-private",
                 "--out", str(tmp_path / "out")])  # fmt: skip
    assert code == 1 and "--with-private works only with --mine" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
