"""A throw-away demo cohort: twenty invented trainees at every stage, graded, ready to look at.

Everything here is synthetic and clearly fictional. Trainees are simulated through
nbgrader's own exchange (fetch, submit); the trainer's side uses the same commands a
real trainer runs (release, grade, feedback). Submissions are dated in the past, so
that one is late, by renaming them in the exchange as nbgrader names them.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import nbformat

from peer2peer.cohort.adjustments import grant_extension
from peer2peer.cohort.attendance import record_catch_up, take_register
from peer2peer.cohort.certificates import Certificate, write_certificate
from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.exchange import (
    collect,
    feedback,
    fetch_as_trainee,
    release,
    submit_as_trainee,
)
from peer2peer.cohort.grading import GradingReport, grade
from peer2peer.cohort.marking import load_rubric, save_mark, to_mark
from peer2peer.cohort.marking_record import read_record, verify_mark, waiting_for_verifier
from peer2peer.cohort.observed import record_observed
from peer2peer.cohort.people import acting_as
from peer2peer.cohort.roster import Trainee, add_trainees
from peer2peer.cohort.settings import CohortError, CohortSettings, save_settings
from peer2peer.curriculum.project import Document, load_project
from peer2peer.curriculum.schema import Choice, Match, Order, Reflection, Scale, Story
from peer2peer.notebooks.steps import shuffled_steps
from peer2peer.shared.answers import response_path, write_answers

MARKER = ".peer2peer-demo"
TRAINEES = [
    ("demo-01", "Ailsa"), ("demo-02", "Ben"), ("demo-03", "Catriona"), ("demo-04", "Dev"),
    ("demo-05", "Eilidh"), ("demo-06", "Fraser"), ("demo-07", "Gail"), ("demo-08", "Hamish"),
    ("demo-09", "Isla"), ("demo-10", "Jamie"), ("demo-11", "Kirsty"), ("demo-12", "Lewis"),
    ("demo-13", "Mairi"), ("demo-14", "Niall"), ("demo-15", "Orla"), ("demo-16", "Ruaridh"),
    ("demo-17", "Shona"), ("demo-18", "Tariq"), ("demo-19", "Una"), ("demo-20", "Vikram"),
]  # fmt: skip
SECOND_TOO = ["demo-01", "demo-02", "demo-03", "demo-13", "demo-14"]  # handed in two modules
TAMPERED, LATE = "demo-07", "demo-08"
PART_WAY = ["demo-09", "demo-10", "demo-19"]  # fetched and started, not handed in
NOT_STARTED = ["demo-11", "demo-12", "demo-20"]
TO_MARK = ["demo-15", "demo-16", "demo-17", "demo-18"]  # handed in after marking: in the queue
GRADUATE = "demo-01"  # hands in every module and completes the course: a certificate
GIVEN_MORE_TIME = "demo-10"  # five more days on the first module
MISSED_FIRST = {"demo-05": "excused", "demo-06": "absent"}  # demo-05 then does a catch-up
ASSESSORS, VERIFIER = ["alex", "sam"], "jo"  # invented trainers' login names
#: What each trainee did with the recovery story, where a module has one (all invented).
STORY_CHOICES = {
    "demo-01": "trainer",
    "demo-02": "cohort",
    "demo-03": "only-me",
    "demo-13": "withdrawn",
}
STORY = {
    "before": "(Invented demo story.) I stopped going out and lost touch with friends.",
    "turning-points": "(Invented demo story.) A peer worker at a drop-in asked what I enjoyed.",
    "what-helped": "(Invented demo story.) Walking group on Saturdays, and being listened to.",
    "now": "(Invented demo story.) I volunteer at that drop-in and hope to work in peer support.",
}
REFLECTIONS = [
    "(Invented demo answer.) For me recovery means having a say in my own life again. "
    "In peer support I would listen first and ask what matters to the person.",
    "(Invented demo answer.) Hope came back slowly, through small routines and people who "
    "did not give up on me. I would share that only if it helped the other person.",
    "(Invented demo answer.) I think connection is the part of CHIME I would notice most. "
    "I would ask open questions and let the person lead.",
]


@dataclass
class Demo:
    """Where the demo is and what happened in it."""

    cohort: Path
    homes: Path
    settings: CohortSettings
    grading: GradingReport
    certificate: Certificate


def run_demo(curriculum: Path, folder: Path) -> Demo:
    """Make the demo cohort in `folder` (replacing an earlier demo there) and grade it."""
    if folder.exists():
        if not (folder / MARKER).exists():
            raise CohortError(f"{folder} exists and is not a demo folder. Choose another folder")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("A throw-away demo made by `peer2peer demo`. Safe to delete.\n")
    cohort, homes = folder / "cohort", folder / "homes"
    first, second = _modules(curriculum)
    start = date.today() - timedelta(days=10)  # so the first module was due three days ago
    settings = init_cohort(cohort, "Demo cohort (invented trainees)", curriculum, start)
    settings = _course_rules(cohort, settings, first)
    add_trainees(settings, [Trainee(i, name, "Example", None) for i, name in TRAINEES])
    release(cohort, settings, settings.modules)
    rest = [m for m in settings.modules if m not in (first, second)]
    project = load_project(curriculum)
    rng = random.Random(2027)
    due = settings.due_date(first)
    hand_in = _HandIn(cohort, homes, settings, project, rng)
    for number, (trainee, _) in enumerate(TRAINEES):
        if trainee in NOT_STARTED or trainee in TO_MARK:
            continue
        quality = 0.9 - 0.1 * (number % 4)
        if trainee in PART_WAY:
            hand_in.start(trainee, first, quality)
            continue
        hand_in(trainee, first, quality, tamper=trainee == TAMPERED)
        late = trainee == LATE
        _date_submission(
            settings, trainee, first, due + (timedelta(days=1) if late else -timedelta(days=2))
        )
        if trainee in SECOND_TOO:
            hand_in(trainee, second, quality)
    # With its own chance, so that the other trainees' answers stay as they were.
    ahead = _HandIn(cohort, homes, settings, project, random.Random(1))
    for module in rest:
        ahead(GRADUATE, module, 1.0)
    collect(cohort, settings, settings.modules)
    report = grade(cohort, settings, settings.modules)
    with acting_as(ASSESSORS[0]):
        _mark_reflections(cohort, settings, first, rng)
    with acting_as(ASSESSORS[1]):  # a new assessor: every mark of theirs is sampled at first
        for module in rest + [second]:
            _mark_reflections(cohort, settings, module, random.Random(1), only=GRADUATE)
    feedback(cohort, settings, [first])
    _run_the_course(cohort, settings)
    # Handed in after the others were marked and given feedback: waiting in the marking queue.
    for number, trainee in enumerate(TO_MARK):
        hand_in(trainee, first, 0.9 - 0.15 * number)
        _date_submission(settings, trainee, first, due - timedelta(hours=20 - number))
    collect(cohort, settings, [first])
    later = grade(cohort, settings, [first])
    report.outcomes.extend(o for o in later.outcomes if o.trainee in TO_MARK)  # not retries
    report.seconds += later.seconds
    _second_look(cohort, settings)
    certificate = write_certificate(cohort, settings, GRADUATE)  # every rule met: test_demo
    return Demo(cohort, homes, settings, report, certificate)


def _course_rules(cohort: Path, settings: CohortSettings, first: str) -> CohortSettings:
    """The demo's trainers, its verifier, and a first session everyone must attend."""
    settings.assessors, settings.verifiers = ASSESSORS, [VERIFIER]
    settings.completion.mandatory_sessions = [first]
    save_settings(cohort, settings)
    return settings


def _run_the_course(cohort: Path, settings: CohortSettings) -> None:
    """The register of every session, observed practice, and one trainee given more time."""
    first = settings.modules[0]
    with acting_as(ASSESSORS[0]):
        for module in settings.modules:
            marks = {}
            for number, (trainee, _) in enumerate(TRAINEES):
                if trainee in NOT_STARTED:
                    marks[trainee] = ("absent", "(Invented.) Has not come yet.")
                elif module == first and trainee in MISSED_FIRST:
                    marks[trainee] = (MISSED_FIRST[trainee], "(Invented.) Unwell.")
                else:
                    marks[trainee] = ("late" if number % 7 == 3 else "present", "")
            take_register(cohort, settings, module, marks)
        record_catch_up(cohort, settings, first, "demo-05", "(Invented.) One-to-one catch-up.")
    with acting_as(ASSESSORS[1]):
        for module, items in settings.observed_practice.items():
            record_observed(cohort, settings, module, GRADUATE, "all", "met")
            record_observed(cohort, settings, module, "demo-02", items[0], "met", "(Invented.)")
        grant_extension(
            cohort, settings, GIVEN_MORE_TIME, first, 5, "more time",
            "(Invented.) Agreed at the start of the course.",
        )  # fmt: skip


def _second_look(cohort: Path, settings: CohortSettings) -> None:
    """The verifier agrees with the first mark sampled and sends the second back."""
    waiting = waiting_for_verifier(read_record(cohort))
    if waiting:
        verify_mark(cohort, settings, waiting[0].n, "agree", by=VERIFIER)
    if len(waiting) > 1:
        verify_mark(
            cohort, settings, waiting[1].n, "send-back",
            "(Invented.) Depth looks like Meets to me, not Strong: please look again.",
            by=VERIFIER,
        )  # fmt: skip


class _HandIn:
    """A simulated trainee fetching a module, answering it, and (unless part-way) submitting."""

    def __init__(self, cohort, homes, settings, project, rng):
        self.cohort, self.homes, self.settings = cohort, homes, settings
        self.project, self.rng = project, rng

    def start(self, trainee: str, module: str, quality: float, partly: bool = True) -> Path:
        """Fetch the module and answer it (about half of it, when `partly`)."""
        home = self.homes / trainee
        home.mkdir(parents=True, exist_ok=True)
        fetched = fetch_as_trainee(self.cohort, trainee, home, module)
        documents = self.project.documents[module]
        _answer(fetched, documents, self.rng, quality, partly, STORY_CHOICES.get(trainee))
        return fetched

    def __call__(self, trainee: str, module: str, quality: float, tamper: bool = False) -> None:
        """Answer the whole module and submit it."""
        fetched = self.start(trainee, module, quality, partly=False)
        if tamper:
            _tamper(fetched / "assessment.ipynb")
        submit_as_trainee(self.cohort, trainee, self.homes / trainee, module)


def _modules(curriculum: Path) -> tuple[str, str]:
    curriculum_model = load_project(curriculum).curriculum
    if curriculum_model is None or len(curriculum_model.modules) < 2:
        raise CohortError("the demo needs a curriculum with at least two modules")
    return curriculum_model.modules[0].id, curriculum_model.modules[1].id


def _answer(
    folder: Path,
    documents: list[Document],
    rng: random.Random,
    quality: float,
    partly: bool,
    story: str | None = None,
) -> None:
    """Write invented answers to every exercise (or about half of them, when `partly`)."""
    for document in documents:
        answers = {}
        for exercise in document.exercises:
            spec = exercise.spec
            if spec is None or (partly and rng.random() < 0.5):
                continue
            if isinstance(spec, Story):
                value = _story(story)
            else:
                value = _invented(spec, rng, rng.random() < quality)
            if value is not None:
                answers[spec.id] = value
        write_answers(response_path(folder, document.notebook_name), answers)


def _invented(spec, rng: random.Random, right: bool):
    """An invented answer to one exercise: right or not, as `right` says."""
    if isinstance(spec, Reflection):
        return rng.choice(REFLECTIONS)
    if isinstance(spec, Scale):
        return rng.randint(spec.min, spec.max)
    if isinstance(spec, Choice):
        keys = spec.answer_keys() or [next(iter(spec.options))]
        wrong = [k for k in spec.options if k not in keys] or keys
        if spec.multiple:
            return keys if right else sorted(set(keys[:1] + wrong[:1]))
        return keys[0] if right else rng.choice(wrong)
    if isinstance(spec, Order):
        items, order = shuffled_steps(spec)
        return order if right else list(items)
    if isinstance(spec, Match) and spec.answer:
        if right:
            return dict(spec.answer)
        categories = list(spec.categories)
        return {
            key: categories[(categories.index(c) + 1) % len(categories)]
            for key, c in spec.answer.items()
        }
    return None


def _story(choice: str | None) -> dict | None:
    """A story record as the story builder saves it, for the choice a demo trainee made."""
    when = "2027-01-01T10:00:00+00:00"
    if choice in ("trainer", "cohort"):
        consent = {"audience": choice, "given_at": when}
        return {"sections": dict(STORY), "audience": choice, "naming": "first",
                "content_notes": [], "consent": consent, "updated_at": when}  # fmt: skip
    if choice == "only-me":  # the words stay in the trainee's private folder, never handed in
        return {"private": True, "audience": "only-me", "updated_at": when}
    if choice == "withdrawn":
        return {"withdrawn": True, "withdrawn_at": when}
    return None


def _tamper(path: Path) -> None:
    """Change a fixed part of a notebook, as a trainee who edits the page would."""
    notebook = nbformat.read(path, as_version=4)
    fixed = next(
        c
        for c in notebook.cells
        if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("locked")
    )
    fixed.source += "\n\n(edited by the trainee)"
    nbformat.write(notebook, path)


def _date_submission(settings: CohortSettings, trainee: str, module: str, when: datetime) -> None:
    """Give a submission in the exchange the time `when`, named as nbgrader names it."""
    stamp = when.astimezone(ZoneInfo(settings.timezone)).strftime("%Y-%m-%d %H:%M:%S.%f %Z")
    inbound = Path(settings.exchange) / settings.course_id / "inbound"
    for folder in inbound.glob(f"{trainee}+{module}+*"):
        _, _, _, *rest = [*folder.name.split("+")]
        suffix = "+" + rest[0] if rest else ""
        (folder / "timestamp.txt").write_text(stamp)
        folder.rename(inbound / f"{trainee}+{module}+{stamp}{suffix}")


def _mark_reflections(
    cohort: Path, settings: CohortSettings, module: str, rng: random.Random, only: str = ""
) -> None:
    """Mark each graded reflection as a trainer would, against the module's rubric."""
    try:
        rubric = load_rubric(cohort, module)
    except CohortError:
        return  # a module without reflections has no rubric
    ids = [level.id for level in rubric.levels]
    words = rubric.comment_bank[0] if rubric.comment_bank else ""
    for item in to_mark(cohort, settings, module):
        if only and item.trainee != only:
            continue
        # mostly the middle level, sometimes one above or below, as real marks vary
        levels = {
            c.id: ids[min(len(ids) - 1, max(0, len(ids) // 2 + rng.choice([-1, 0, 0, 0, 1])))]
            for c in rubric.criteria
        }
        if item.trainee == GRADUATE:  # whose work meets every criterion
            levels = {c: ids[max(ids.index(level), len(ids) // 2)] for c, level in levels.items()}
        save_mark(cohort, settings, item, levels, f"{words} (Demo mark.)")
