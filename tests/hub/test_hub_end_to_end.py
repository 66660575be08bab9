"""The course through a real hub on loopback: a trainer and three trainees, each a Unix account.

A trainee logs in with Chromium, lands on their home (Voila, no code), opens a module,
answers and hands it in through nbgrader's exchange; the trainer grades and releases
feedback, which the trainee reads in plain words on a phone; what each person can reach
is checked; teardown leaves no process, port, account or file.

To extend, add tests that use `hub` and the `login` / `as_user` helpers; the order of
the tests in this file is the story.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests
from browsing import screenshot
from hub_support import PREFIX, TRAINEES
from support import copy_project

from peer2peer.cohort.course import gradebook
from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.exchange import release
from peer2peer.cohort.roster import Trainee, add_trainees
from peer2peer.cohort.settings import load_settings
from peer2peer.dashboard.static_cache import HASHED_NAME
from peer2peer.hub.accounts import account, ledger_of, processes_of, remove_all
from peer2peer.hub.deployment import LANDING, PAGES_FOLDER, Deployment
from peer2peer.hub.passwords import new_password, set_password
from peer2peer.hub.running import (
    RunningHub,
    free_port,
    port_is_free,
    start_hub,
    stop_hub,
    wait_until_ready,
)
from peer2peer.hub.setup import init_deployment
from peer2peer.shared.answers import read_answers
from peer2peer.shared.mailbox import letterbox

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0, reason="the hub makes Unix accounts: run as root"),
]
TRAINER = f"{PREFIX}trainer"
PRIVATE_STORY = "A winter I keep for myself."
REFLECTION = "Listening first helped me see what the other person needed from me that day."
MODULE = "01-alpha"


@dataclass
class Hub:
    """The running hub of this test module and everything it made."""

    folder: Path
    deployment: Deployment
    running: RunningHub
    passwords: dict[str, str]
    uids: dict[str, int]

    @property
    def base(self) -> str:
        return self.deployment.address()


def tear_down(hub: Hub) -> list[str]:
    """Stop everything and remove every account and file; return what is left behind."""
    stop_hub(hub.running)
    remove_all(ledger_of(hub.deployment))
    shutil.rmtree(hub.folder, ignore_errors=True)
    left = [f"process {pid}" for uid in hub.uids.values() for pid in processes_of(uid)]
    left += [f"account {name}" for name in hub.uids if account(name) is not None]
    left += [f"home of {name}" for name in hub.uids if Path(f"/home/{name}").exists()]
    if not port_is_free(hub.deployment.ip, hub.deployment.port):
        left.append(f"port {hub.deployment.port}")
    if hub.folder.exists():
        left.append(str(hub.folder))
    return left


@pytest.fixture(scope="module")
def hub() -> Hub:
    # Under /tmp, open to every account: pytest's own folders are root's alone.
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}hub-", dir="/tmp"))
    folder.chmod(0o755)
    project = copy_project(folder / "project")
    cohort = folder / "cohort"
    settings = init_cohort(cohort, "Hub end to end 2027", project, date(2027, 3, 1))
    add_trainees(settings, [Trainee(t, "Test", "Trainee", None) for t in TRAINEES])
    release(cohort, settings, settings.modules)
    made = None
    try:
        deployment, _ = init_deployment(cohort, folder / "hub", trainer=TRAINER, port=free_port())
        passwords = {name: new_password() for name in [TRAINER, *TRAINEES]}
        for name, password in passwords.items():
            set_password(deployment, name, password)
        running = start_hub(deployment)
        uids = {name: account(name).pw_uid for name in passwords}
        made = Hub(folder, deployment, running, passwords, uids)
        wait_until_ready(running)
        yield made
    finally:
        if made is not None:
            tear_down(made)
        else:
            remove_all(folder / "hub" / "state" / "accounts.json")
            shutil.rmtree(folder, ignore_errors=True)


def log_in(page, hub: Hub, name: str) -> None:
    """Log in through the hub's form in a browser page."""
    page.goto(f"{hub.base}/hub/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", hub.passwords[name])
    page.click("input[type=submit], button[type=submit]")


def login(hub: Hub, name: str) -> requests.Session:
    """Log in through the hub's form and wait until the person's server answers."""
    session = requests.Session()
    session.get(f"{hub.base}/hub/login", timeout=30)
    answer = session.post(
        f"{hub.base}/hub/login",
        data={"username": name, "password": hub.passwords[name], "_xsrf": session.cookies["_xsrf"]},
        timeout=120,
    )
    assert answer.status_code == 200, answer.text[:500]
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        ready = session.get(f"{hub.base}/user/{name}/api", timeout=30)  # the server's version
        if ready.status_code == 200 and ready.headers.get("content-type", "").startswith(
            "application/json"
        ):
            session.get(f"{hub.base}/user/{name}/", timeout=120)  # the server's own login (OAuth)
            return session
        time.sleep(1)
    raise AssertionError(f"the server of {name} did not start")


def as_user(hub: Hub, name: str, *command: str) -> subprocess.CompletedProcess:
    """Run a command as one of the hub's Unix accounts."""
    home = f"/home/{name}"
    environment = {
        "HOME": home,
        "USER": name,
        "PATH": f"{hub.deployment.environment}/bin:/usr/bin:/bin",
    }
    entry = account(name)
    return subprocess.run(
        list(command),
        user=entry.pw_uid,
        group=entry.pw_gid,
        extra_groups=[],
        cwd="/",
        env=environment,
        capture_output=True,
        text=True,
    )


def assert_no_code(page) -> None:
    """What a trainee sees is a page, not code, and not JupyterLab."""
    assert "/voila/render/" in page.url and "/lab/" not in page.url  # Voila, not JupyterLab
    assert page.locator(".cm-editor:visible, .CodeMirror:visible").count() == 0
    text = page.locator("body").inner_text()
    for code in (r"\bimport ", r"\bex\.\w", r"peer2peer\.\w", "Traceback", r"\w+Error\b"):
        assert not re.search(code, text), f"the trainee sees {code!r}"


def test_a_trainee_lands_on_their_home_opens_a_module_answers_and_hands_in(hub: Hub, browser):
    trainee = TRAINEES[0]
    context = browser.new_context(viewport={"width": 1100, "height": 1400})
    asked: list[str] = []
    context.on("request", lambda request: asked.append(request.url))
    scripts: dict[str, str] = {}  # an extension script's address: how long it may be kept

    def note_script(answer) -> None:
        if "/voila/labextensions/" in answer.url:
            scripts.setdefault(answer.url.split("?")[0], answer.headers.get("cache-control", ""))

    context.on("response", note_script)
    try:
        page = context.new_page()
        log_in(page, hub, trainee)
        page.wait_for_url(f"**/user/{trainee}{LANDING['trainee']}*", timeout=180_000)
        page.get_by_role("heading", name="Your modules").wait_for(timeout=120_000)
        page.get_by_role("button", name="Hand in").first.wait_for(timeout=60_000)
        screenshot(page, "hub-trainee-home")
        assert_no_code(page)

        with context.expect_page() as opened:
            page.get_by_role("link", name="Open").first.click()
        lesson = opened.value
        reflection = lesson.locator(".p2p-kind-reflection textarea")
        reflection.wait_for(timeout=120_000)
        assert_no_code(lesson)
        reflection.fill("I would listen first, and share only if it helps.")
        reflection.blur()
        lesson.locator(".p2p-kind-choice input[value='a']").first.check()
        story = lesson.locator(".p2p-kind-story textarea").first
        story.fill(PRIVATE_STORY)  # kept for "only me" unless the trainee chooses otherwise
        story.blur()
        time.sleep(1.5)  # answers are saved 0.3 s after typing stops
        screenshot(lesson, "hub-trainee-lesson")
        lesson.close()

        with context.expect_page() as opened:
            page.get_by_role("link", name="Check what you learned").first.click()
        assessment = opened.value
        reflection = assessment.locator(".p2p-kind-reflection textarea").first
        reflection.wait_for(timeout=120_000)
        reflection.fill(REFLECTION)
        reflection.blur()
        time.sleep(1.5)
        assessment.close()

        page.get_by_role("button", name="Hand in").first.click()
        page.get_by_role("button", name="Yes, hand it in").click()
        page.get_by_text("Your trainer can see it now.").wait_for(timeout=60_000)
        screenshot(page, "hub-trainee-handed-in")
    finally:
        context.close()
    elsewhere = [u for u in asked if urlparse(u).hostname not in ("127.0.0.1", "localhost")]
    assert asked and not [u for u in elsewhere if not u.startswith(("data:", "blob:"))]
    # Scripts named after their content are kept by the browser; others are asked about.
    hashed = {u: kept for u, kept in scripts.items() if HASHED_NAME.search(u)}
    assert hashed and all("immutable" in kept for kept in hashed.values())
    assert all(kept == "no-cache" for u, kept in scripts.items() if u not in hashed)
    answers = Path(f"/home/{trainee}/{MODULE}/lesson.responses.json")
    saved = read_answers(answers)
    assert "listen first" in saved["alpha-think"] and saved["alpha-pick"] == "a"
    inbound = hub.deployment.exchange / hub.deployment.course_id / "inbound"
    [handed_in] = inbound.glob(f"{trainee}+{MODULE}+*")
    # The private story stays in the trainee's own private folder: never handed in.
    private = Path(f"/home/{trainee}/.local/share/peer2peer/private")
    assert PRIVATE_STORY in "".join(p.read_text() for p in private.rglob("*.json"))
    assert private.stat().st_mode & 0o077 == 0
    assert PRIVATE_STORY not in "".join(
        p.read_text(errors="replace") for p in handed_in.rglob("*") if p.is_file()
    )


def test_the_trainer_grades_what_was_handed_in(hub: Hub):
    peer2peer = str(hub.deployment.environment / "bin" / "peer2peer")
    graded = as_user(hub, TRAINER, peer2peer, "grade", str(hub.deployment.cohort), MODULE)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    with gradebook(load_settings(hub.deployment.cohort)) as book:
        submission = book.find_submission(MODULE, TRAINEES[0])
        assert submission.notebooks  # autograded into the gradebook


def test_the_trainer_marks_the_reflection_and_sends_feedback(hub: Hub, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1800})
    try:
        page = context.new_page()
        log_in(page, hub, TRAINER)
        page.wait_for_url(f"**/user/{TRAINER}/**", timeout=180_000)
        page.goto(
            f"{hub.base}/user/{TRAINER}/voila/render/{PAGES_FOLDER}/marking.ipynb?module={MODULE}"
        )
        page.get_by_text("Listening first helped me").wait_for(timeout=180_000)
        groups = page.locator(".widget-radio-box")
        for group in range(groups.count()):
            groups.nth(group).get_by_text("Meets:").click()
        page.locator("textarea").fill("Thank you: a clear example.")
        page.get_by_role("button", name="Save and go to next").click()
        page.get_by_text("Saved:").wait_for(timeout=60_000)
        screenshot(page, "hub-trainer-marking")
    finally:
        context.close()
    with gradebook(load_settings(hub.deployment.cohort)) as book:
        grade = book.find_grade("alpha-reflect-prompt", "assessment", MODULE, TRAINEES[0])
        assert grade.manual_score is not None and not grade.needs_manual_grade

    peer2peer = str(hub.deployment.environment / "bin" / "peer2peer")
    sent = as_user(hub, TRAINER, peer2peer, "feedback", str(hub.deployment.cohort), MODULE)
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert "not updated" not in sent.stderr, sent.stderr  # each trainee's home was told
    released = hub.deployment.exchange / hub.deployment.course_id / "feedback"
    assert any(REFLECTION in page.read_text() for page in released.glob("*.html"))


def test_the_trainee_reads_their_feedback_in_plain_words_on_a_phone(hub: Hub, browser):
    trainee = TRAINEES[0]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        log_in(page, hub, trainee)
        page.wait_for_url(f"**/user/{trainee}{LANDING['trainee']}*", timeout=180_000)
        page.get_by_text("Your feedback is ready.", exact=False).first.wait_for(timeout=120_000)
        page.get_by_role("button", name="Read feedback").first.click()
        shown = page.locator(".p2p-feedback").first
        shown.get_by_text("Thank you: a clear example.").first.wait_for(timeout=60_000)
        screenshot(page, "hub-trainee-feedback")
        assert_no_code(page)
        assert "BEGIN HIDDEN TESTS" not in shown.inner_text()
    finally:
        context.close()
    # fetched through nbgrader's fetch_feedback, into the trainee's own folder, as theirs
    fetched = list(Path(f"/home/{trainee}/{MODULE}/feedback").glob("*/*.html"))
    assert fetched and fetched[0].stat().st_uid == hub.uids[trainee]


def test_the_trainer_lands_on_the_cohort_dashboard(hub: Hub):
    session = login(hub, TRAINER)
    page = session.get(f"{hub.base}/user/{TRAINER}/", timeout=120)
    assert page.status_code == 200
    assert page.url.endswith(LANDING["trainer"]) or LANDING["trainer"] + "?" in page.url


def test_a_trainees_cookie_opens_no_one_elses_server_or_pages(hub: Hub):
    session = login(hub, TRAINEES[1])
    for other in (TRAINEES[0], TRAINER):
        for path in (
            "",
            "api/contents",
            f"voila/render/peer2peer-pages/{'home' if other != TRAINER else 'cohort'}.ipynb",
        ):
            answer = session.get(
                f"{hub.base}/user/{other}/{path}", timeout=60, allow_redirects=True
            )
            assert answer.status_code in (403, 404) or "/hub/login" in answer.url, (other, path)
            assert "Your modules" not in answer.text and "p2p-open" not in answer.text


def test_a_trainee_cannot_list_other_people_through_the_hub_api(hub: Hub):
    name = TRAINEES[1]
    session = login(hub, name)
    headers = {"X-XSRFToken": session.cookies.get("_xsrf", path="/hub/") or ""}
    answer = session.get(f"{hub.base}/hub/api/users", headers=headers, timeout=30)
    if answer.status_code == 200:
        assert [user["name"] for user in answer.json()] == [name]
    else:
        assert answer.status_code == 403
    other = session.get(f"{hub.base}/hub/api/users/{TRAINEES[0]}", headers=headers, timeout=30)
    assert other.status_code in (403, 404)


def test_a_trainee_cannot_read_another_trainees_files_the_cohort_or_the_gradebook(hub: Hub):
    name, other = TRAINEES[1], TRAINEES[0]
    cohort = hub.deployment.cohort
    course = hub.deployment.exchange / hub.deployment.course_id
    for command in [
        ("ls", f"/home/{other}"),
        ("cat", f"/home/{other}/{MODULE}/lesson.responses.json"),
        ("ls", str(cohort)),
        ("cat", str(cohort / "gradebook.db")),
        ("ls", str(course / "inbound")),
        ("mv", str(course), str(hub.deployment.exchange / "taken")),
        ("cat", str(hub.deployment.role_folder("trainer") / "nbgrader_config.py")),
        ("cat", str(hub.deployment.state / "proxy_token")),
        ("ls", str(letterbox(hub.deployment.exchange, hub.deployment.course_id, other))),
        ("ls", str(course / "personal")),
    ]:
        done = as_user(hub, name, *command)
        assert done.returncode != 0, f"{name} could run {command}: {done.stdout}"
    # and what is theirs to read, they can
    assert as_user(hub, name, "ls", str(course / "outbound")).returncode == 0
    # their letterbox: what the trainer posts they read; what they post the trainer reads
    box = letterbox(hub.deployment.exchange, hub.deployment.course_id, name)
    trainer_posts = as_user(hub, TRAINER, "sh", "-c", f"echo '{{}}' > {box}/status.json")
    assert trainer_posts.returncode == 0, trainer_posts.stderr
    assert as_user(hub, name, "cat", str(box / "status.json")).stdout.strip() == "{}"
    assert as_user(hub, name, "touch", str(box / "requests" / "asked.json")).returncode == 0
    assert as_user(hub, TRAINER, "rm", str(box / "requests" / "asked.json")).returncode == 0


def test_teardown_leaves_no_process_port_account_or_file(hub: Hub):
    left = tear_down(hub)
    assert left == []
    assert not re.search(r"p2pt-", Path("/etc/passwd").read_text())
