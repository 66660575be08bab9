"""A trainee's home in a real browser: open a module, answer, hand in, read plain feedback.

On one computer, as `peer2peer home` serves it. Also: a phone's width, the keyboard alone,
and axe-core on the home and on the feedback. (All data invented.)
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browsing import (
    SCREENSHOTS,
    assert_everyone_can_use,
    at,
    press_tab_until,
    screenshot,
    start_voila,
    stop,
    wait_focused,
)
from docx import Document
from pypdf import PdfReader
from running_a_course import MODULE, SECOND, cohort_with_roster, hand_in_module

from peer2peer.cohort.exchange import collect, feedback, release
from peer2peer.cohort.grading import grade
from peer2peer.cohort.marking import load_rubric, save_mark, to_mark
from peer2peer.cohort.people import acting_as
from peer2peer.cohort.settings import load_settings
from peer2peer.exercises.my_course import (
    COURSE_VARIABLE,
    EXCHANGE_VARIABLE,
    FOLDER_VARIABLE,
    TRAINEE_VARIABLE,
)
from peer2peer.hub.deployment import LANDING, TRAINEE
from peer2peer.hub.singleuser import write_role_pages
from peer2peer.progress.home_status import publish_status
from peer2peer.workbooks.stored import read_blank

SAVED = "Saved at"
HOME = LANDING[TRAINEE].lstrip("/")
TRAINER_WORDS = "(Invented.) You listened well here."


@dataclass
class Served:
    cohort: Path
    folder: Path
    url: str


def serve_home(cohort: Path, trainee: str) -> tuple[Served, object]:
    """Serve one trainee's home on loopback, as `peer2peer home` does."""
    settings = load_settings(cohort)
    folder = cohort.parent / "homes" / trainee
    folder.mkdir(parents=True, exist_ok=True)
    write_role_pages(folder, TRAINEE)
    env = {
        COURSE_VARIABLE: settings.course_id,
        EXCHANGE_VARIABLE: settings.exchange,
        TRAINEE_VARIABLE: trainee,
        FOLDER_VARIABLE: str(folder),
    }
    url, voila = start_voila(folder, env)
    return Served(cohort, folder, at(url, HOME)), voila


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Two modules released to Ada (t01); the trainer has posted the news."""
    cohort = cohort_with_roster(tmp_path_factory.mktemp("home-browser"))
    settings = load_settings(cohort)
    release(cohort, settings, [MODULE, SECOND])
    publish_status(cohort, settings)
    served, voila = serve_home(cohort, "t01")
    try:
        yield served
    finally:
        stop(voila)


def open_home(page, served: Served) -> None:
    page.goto(served.url)
    page.get_by_role("heading", name="Your modules").wait_for(timeout=90_000)


def card(page, title: str):
    return page.locator(".p2p-module", has=page.get_by_role("heading", name=title))


def trainer_marks_and_sends_feedback(cohort: Path) -> None:
    """Collect, grade, mark the reflection, release feedback, post the news."""
    settings = load_settings(cohort)
    collect(cohort, settings, [MODULE])
    grade(cohort, settings, [MODULE], jobs=1)
    rubric = load_rubric(cohort, MODULE)
    for item in to_mark(cohort, settings, MODULE):
        with acting_as("alex"):
            save_mark(
                cohort, settings, item, {c.id: "meets" for c in rubric.criteria}, TRAINER_WORDS
            )
    feedback(cohort, settings, [MODULE])
    publish_status(cohort, settings)


def test_open_answer_hand_in_then_read_plain_feedback(course: Served, page) -> None:
    open_home(page, course)
    alpha = card(page, "Alpha in Testshire")
    alpha.get_by_text("Not started yet.").wait_for()
    alpha.get_by_text("Due Monday 8 March at 5 pm.").wait_for()
    screenshot(page, "home-first-visit")
    assert_everyone_can_use(page)

    with page.context.expect_page() as opened:
        alpha.get_by_role("link", name="Check what you learned").click()
    module = opened.value
    exercise = module.locator(".p2p-exercise").first
    exercise.wait_for(timeout=90_000)
    exercise.locator("input[value='a']").check()
    exercise.locator(".p2p-status", has_text=SAVED).wait_for(timeout=15_000)
    module.close()

    page.reload()
    alpha = card(page, "Alpha in Testshire")
    alpha.get_by_text("You have started. Your answers are saved.").wait_for(timeout=90_000)
    alpha.get_by_role("button", name="Hand in").click()
    alpha.get_by_text("what you answered in the lesson and in Check what you").wait_for()
    alpha.get_by_text("You can hand it in again until Monday 8 March at 5 pm").wait_for()
    screenshot(page, "home-hand-in-asks")
    alpha.get_by_role("button", name="Yes, hand it in").click()
    alpha.get_by_text("Your trainer can see it now.").wait_for(timeout=60_000)
    alpha.locator(".p2p-state", has_text="Handed in on").wait_for()
    screenshot(page, "home-handed-in")

    trainer_marks_and_sends_feedback(course.cohort)
    page.reload()
    alpha = card(page, "Alpha in Testshire")
    alpha.get_by_text("Your feedback is ready.").wait_for(timeout=90_000)
    alpha.get_by_role("button", name="Read feedback").click()
    shown = alpha.locator(".p2p-feedback")
    shown.get_by_text(TRAINER_WORDS).wait_for(timeout=60_000)
    text = shown.inner_text()
    for furniture in ("In [", "BEGIN HIDDEN TESTS", "ex.", "Grade cell", "Comments:"):
        assert furniture not in text
    assert page.locator(".p2p-progress").get_by_text("You have finished 1 of 2 modules").count()
    screenshot(page, "home-feedback")
    assert_everyone_can_use(page)


def test_on_a_phone_nothing_is_cut_off(course: Served, browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        open_home(page, course)
        alpha = card(page, "Alpha in Testshire")
        alpha.get_by_role("button", name="Hand in").click()
        alpha.get_by_role("button", name="Yes, hand it in").wait_for()
        if alpha.get_by_role("button", name="Read feedback").is_visible():
            alpha.get_by_role("button", name="Read feedback").click()
            alpha.locator(".p2p-feedback h4").first.wait_for(timeout=60_000)
        screenshot(page, "home-phone")
        assert_everyone_can_use(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways: {width} px wide"
        for box in page.locator(".p2p-module button").all():
            if box.is_visible():
                edge = box.bounding_box()
                assert edge["x"] >= 0 and edge["x"] + edge["width"] <= 390
    finally:
        context.close()


def test_the_whole_flow_by_keyboard(tmp_path: Path, browser) -> None:
    """Ben (t02): opens his module and hands it in by keyboard; Enter twice never hands in;
    then reads feedback."""
    cohort = cohort_with_roster(tmp_path)
    settings = load_settings(cohort)
    release(cohort, settings, [MODULE])
    publish_status(cohort, settings)
    served, voila = serve_home(cohort, "t02")
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        open_home(page, served)
        press_tab_until(page, page.get_by_role("link", name="Open", exact=True))
        with page.context.expect_page() as opened:
            page.keyboard.press("Enter")
        lesson = opened.value
        lesson.locator(".p2p-exercise").first.wait_for(timeout=90_000)
        assert_everyone_can_use(lesson)
        lesson.close()
        hand_in = page.get_by_role("button", name="Hand in")
        hand_in.wait_for()
        press_tab_until(page, hand_in)
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Not now").wait_for()
        wait_focused(page, "Not now")  # the safe choice has the focus
        page.keyboard.press("Enter")  # a second Enter: nothing is handed in
        page.get_by_text("Not handed in. Your answers are still saved.").wait_for()
        assert not list((served.folder / ".nbgrader-cache").glob("*/*"))
        wait_focused(page, "Hand in")
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Not now").wait_for()
        page.keyboard.press("Shift+Tab")
        wait_focused(page, "Yes, hand it in")
        page.keyboard.press("Enter")
        page.get_by_text("Your trainer can see it now.").wait_for(timeout=60_000)

        trainer_marks_and_sends_feedback(cohort)
        page.reload()
        read = page.get_by_role("button", name="Read feedback")
        read.wait_for(timeout=90_000)
        press_tab_until(page, read)
        page.keyboard.press("Enter")
        page.locator(".p2p-feedback").get_by_text(TRAINER_WORDS).wait_for(timeout=60_000)
        wait_focused(page, "Close feedback")
        page.keyboard.press("Enter")
        wait_focused(page, "Read feedback")
        screenshot(page, "home-by-keyboard")
    finally:
        page.context.close()
        stop(voila)


#: Words only Ada (t01) writes, and words only Ben (t02) hands in (all invented).
ADA_WORDS = "Ada says her Thursday allotment mornings steady her."
BEN_WORDS = "Ben says the harbour walk after work is what keeps him going."


def words_only(text: str) -> str:
    """Just the words, lower case, one space apart (a PDF breaks lines where it likes)."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'")))


def downloaded(page, button) -> tuple[str, bytes]:
    """Press a download button; the file's suggested name and its bytes."""
    with page.expect_download(timeout=90_000) as event:
        button.click()
    return event.value.suggested_filename, Path(event.value.path()).read_bytes()


def pdf_words(data: bytes) -> str:
    return words_only(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def docx_words(data: bytes) -> tuple[str, set[float]]:
    """A Word file's words, and the sizes (pt) its body text is set in."""
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    sizes = {run.font.size.pt for p in document.paragraphs for run in p.runs if run.font.size} | {
        document.styles["Normal"].font.size.pt
    }
    return words_only(" ".join(texts)), sizes


def test_a_workbook_downloads_blank_or_with_my_own_answers_only(course: Served, browser) -> None:
    """Ada downloads Alpha's workbook: PDF and Word, large print, with her answers, never Ben's."""
    hand_in_module(course.cohort, "t02", MODULE, {"alpha-reflect": BEN_WORDS})
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        open_home(page, course)
        alpha = card(page, "Alpha in Testshire")
        with page.context.expect_page() as opened:
            alpha.get_by_role("link", name="Open").click()
        lesson = opened.value
        think = lesson.locator(".p2p-kind-reflection").first
        think.locator("textarea").wait_for(timeout=90_000)
        think.locator("textarea").fill(ADA_WORDS)
        think.locator("textarea").blur()
        think.locator(".p2p-status", has_text="Saved at").wait_for(timeout=15_000)
        lesson.close()

        book = alpha.locator(".p2p-workbook")
        book.get_by_text("Workbook to print or open in Word").click()  # it opens when asked
        prompts = [
            words_only(" ".join(b.text for b in q.prompt if hasattr(b, "text")))
            for q in read_blank(course.folder / MODULE).questions()
        ]
        assert prompts and all(prompts)

        name, data = downloaded(page, book.get_by_role("button", name="Download to print (PDF)"))
        assert name == f"{MODULE}-workbook.pdf" and data.startswith(b"%PDF")
        text = pdf_words(data)
        assert all(prompt in text for prompt in prompts)
        assert words_only(ADA_WORDS) not in text  # blank unless she asks
        book.get_by_role("status").get_by_text("Your workbook is ready.").wait_for()

        book.get_by_label("With my answers filled in").check()
        name, data = downloaded(page, book.get_by_role("button", name="Download to print (PDF)"))
        assert name == f"{MODULE}-workbook-mine.pdf"
        text = pdf_words(data)
        assert words_only(ADA_WORDS) in text and words_only(BEN_WORDS) not in text
        assert all(prompt in text for prompt in prompts)

        book.get_by_label("Large print (bigger letters, one column)").check()
        name, data = downloaded(page, book.get_by_role("button", name="Open in Word"))
        assert name == f"{MODULE}-workbook-large-print-mine.docx"
        text, sizes = docx_words(data)
        assert words_only(ADA_WORDS) in text and words_only(BEN_WORDS) not in text
        assert all(prompt in text for prompt in prompts)
        assert min(sizes) >= 16
        screenshot(page, "home-workbook")
        assert_everyone_can_use(page)
        page.set_viewport_size({"width": 390, "height": 844})  # a phone
        book.scroll_into_view_if_needed()
        book.screenshot(path=str(SCREENSHOTS / "home-workbook-phone.png"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for button in book.get_by_role("button").all():
            edge = button.bounding_box()
            assert edge["x"] >= 0 and edge["x"] + edge["width"] <= 390
        assert not list(course.folder.glob("**/*workbook*.pdf"))  # nothing left on the server
    finally:
        context.close()
