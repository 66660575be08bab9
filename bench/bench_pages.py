"""Benchmark: every page kind fully drawn in headless Chromium, cold and warm, two ways.

Makes the README's demo cohort (20 invented trainees) unless --cohort names one, then serves
each page kind as its verb does, in the same run:
- baseline: today's page without a kernel run ahead (a kernel started at each visit);
- ours: as the verbs serve it now, with a kernel waiting for each page kind
  (`peer2peer dashboard`: cohort, journey, marking, register; `peer2peer register`;
  `peer2peer home`: the home and the next lesson; `peer2peer lesson`).
For each page kind and way a fresh server is started. "Cold" is the first visit as soon as
the link is printed (`serve_page` prints it once the server answers and, now, once each
page run ahead has said it is ready for its visitor), "warm" the median of later visits,
each a fresh browser page timed from the request until the page's content is drawn. A
cohort view is timed from the request until the view, chosen once the page shows, is drawn.
Then the demo cohort grows to 200 trainees (180 invented ones, with hand-ins made in the
gradebook) and the cohort page is timed again.
Goals (issue 19): under 2 s cold, under 1 s warm; the 200-trainee cohort page under 3 s.

Where a visit's time went (December 2026, Playwright timings of single visits, load 4-5 on
2 cores; "HTML" is the page's last byte, "scripts" the load event, "kernel" the widgets'
connection opening, "drawn" as above):
- journey, before: HTML 0.7-0.9 s (in the kernel after the visit 0.7-0.9 s, 0.5 s of it
  parsing twelve rubrics' YAML), scripts 1.2-1.7 s, kernel 1.6-2.0 s, drawn 2.2-2.8 s. After
  reading ahead (`shared.visit.before_visit`, `shared.files.read_parsed`): 0.08-0.18 s in the
  kernel, HTML 0.15-0.45 s, scripts 0.9-1.0 s, kernel 1.2-1.45 s, drawn 1.7-2.2 s.
- home: HTML 0.8-0.9 s (478 widgets built for 12 modules; 278 once controls share their
  layout and style), scripts 1.9-2.3 s, kernel 2.1-2.5 s, drawn 2.9-3.3 s.
- lesson view: HTML 0.9 s (every cell after `ex.start` runs, and Voila renders each markdown
  cell, after the visit), scripts 2.3-2.8 s, kernel 2.8-3.1 s, drawn 3.3-3.8 s.
Each visit is a fresh browser context, so nothing is cached: Voila's scripts (97 files,
5.3 MB) are fetched each time; from the last HTML byte to drawn is about 1.5 s of browser
work (scripts, then the widgets' states) whatever the page.
A returning browser (its cache kept; load 1-2, December 2026): journey HTML 0.07-0.10 s;
Voila's scripts, all from the cache once hashed extension scripts are kept
(`dashboard.static_cache`; before, 20 were asked about again, a round trip each), run until
the load event at 0.5-0.65 s (a CPU profile: 0.45 s is Voila's bundle setting up its
modules); extensions loaded and the kernel's socket open at 0.77-0.95 s; the widgets'
states (53 KB) at 0.94-1.09 s; drawn 1.0-1.2 s. The browser's main thread is busy 1.0 s of
that. The home's states are 374 KB for 283 widgets (its 13 anywidgets each carry their
script and style, 130 KB), drawn 1.3-1.9 s. The cohort page's module view ran plotly's
script (0.5 s of the browser's time, 1.4 s from the click to the chart drawn) once the
view was chosen; its chart is now a drawing made in the kernel (`module_view.score_chart`),
with no script.

Run: .venv/bin/python bench/bench_pages.py [--cohort PATH] [--visits 3] [--only KIND ...]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench_records import hand_in_everything
from figures import figure, load
from playwright.sync_api import sync_playwright

from peer2peer.cli.page_verbs import DASHBOARD
from peer2peer.cohort.demo import run_demo
from peer2peer.cohort.roster import Trainee, add_trainees
from peer2peer.cohort.settings import load_settings
from peer2peer.dashboard.home_page import Course
from peer2peer.dashboard.marking_app import COHORT_VARIABLE
from peer2peer.dashboard.serve import (
    answers,
    pages_ready,
    prepare_private,
    server_environment,
    voila_command,
    write_pages,
)
from peer2peer.exercises.my_course import (
    COURSE_VARIABLE,
    EXCHANGE_VARIABLE,
    FOLDER_VARIABLE,
    TRAINEE_VARIABLE,
)
from peer2peer.hub.deployment import LANDING, TRAINEE
from peer2peer.hub.singleuser import write_role_pages
from peer2peer.progress.home_status import publish_status
from peer2peer.progress.snapshot import CohortData

REPO = Path(__file__).parents[1]
CHROMIUM = os.environ.get("PEER2PEER_CHROMIUM", "/usr/bin/chromium")
REFILL_SECONDS = 8  # time a page's kernel gets to be run ahead again between visits
LOG = Path(tempfile.gettempdir()) / "p2p-bench-pages.log"  # what Voila said, if a page fails
HOME = LANDING[TRAINEE].removeprefix("/voila/render/")
BIG_COHORT = 200


@dataclass
class Served:
    """What one server shows: the notebook or folder, its settings, the pages run ahead."""

    target: Path
    env: dict[str, str]
    preheat: list[str]


@dataclass
class Kind:
    """One page kind: its server, its address, what shows once drawn, a view to choose."""

    name: str
    served: Served
    path: str
    drawn: str  # a text, or "css:" and a selector
    choose: str = ""  # a button to press once the page shows (a cohort view)


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(served: Served, preheat: list[str]) -> tuple[subprocess.Popen, int]:
    """Start Voila as `serve_page` does, and return once it would print the link."""
    # the server's token and kernel sockets; short, as a socket's path must be
    private = Path(tempfile.mkdtemp(prefix="p2p-", dir="/tmp"))
    private.rmdir()
    prepare_private(private, "bench", served.target)
    port = free_port()
    command = voila_command(served.target, port, private, preheat=preheat)
    folder = served.target if served.target.is_dir() else served.target.parent
    env = server_environment(private, served.env)
    # Voila's messages through a pipe only when something reads it (a full pipe stalls Voila).
    where = subprocess.PIPE if preheat else LOG.open("a")
    process = subprocess.Popen(
        command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=where, text=True
    )
    process.private = private  # type: ignore[attr-defined]
    ready = pages_ready(process, preheat, private, LOG.open("a"))
    for _ in range(1200):
        if answers(port, private):
            ready.wait(120)  # set at once when nothing is run ahead
            return process, port
        time.sleep(0.1)
    stop(process)
    raise SystemExit("Voila did not start within 120 s")


def stop(process: subprocess.Popen) -> None:
    """Stop a server this benchmark started, by its PID, and remove its private folder."""
    process.terminate()
    process.wait(timeout=30)
    shutil.rmtree(process.private, ignore_errors=True)  # type: ignore[attr-defined]


def visit(context, url: str, drawn: str, choose: str = "") -> float:
    """Seconds from the request until `drawn` shows (after pressing `choose`), in a new page
    of the browser `context` (a new context: nothing cached; the same one: its cache kept)."""
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, timeout=120_000)
    if choose:
        page.get_by_role("button", name=choose).click(timeout=120_000)
    target = page.locator(drawn[4:]) if drawn.startswith("css:") else page.get_by_text(drawn)
    target.first.wait_for(timeout=120_000)
    seconds = time.perf_counter() - started
    page.close(run_before_unload=True)
    return seconds


def fresh(browser):
    """A new browser context, as a first-time visitor has: nothing cached."""
    return browser.new_context(viewport={"width": 1400, "height": 1000})


def measure(browser, kind: Kind, preheat: list[str], visits: int) -> tuple[float, float, float]:
    """Cold, median warm (nothing cached) and median warm (the same browser, its cache kept)
    seconds for one page kind, on a fresh server."""
    voila, port = serve(kind.served, preheat)
    returning = fresh(browser)  # the cold visitor, who comes back with their cache
    try:
        # a folder's pages are under voila/render/; a notebook served alone is at the root
        where = "voila/render/" if kind.served.target.is_dir() else ""
        url = f"http://127.0.0.1:{port}/{where}{kind.path}"
        url += ("&" if "?" in url else "?") + "token=bench"
        cold = visit(returning, url, kind.drawn, kind.choose)
        warm, again = [], []
        for _ in range(visits):
            time.sleep(REFILL_SECONDS)
            context = fresh(browser)
            warm.append(visit(context, url, kind.drawn, kind.choose))
            context.close()
            time.sleep(REFILL_SECONDS)
            again.append(visit(returning, url, kind.drawn, kind.choose))
        return cold, statistics.median(warm), statistics.median(again)
    finally:
        returning.close()
        stop(voila)


def report(browser, kind: Kind, visits: int, cold_goal: str = "under 2 s") -> None:
    """Print a page kind's cold and warm times beside today's page without a kernel ahead."""
    before = measure(browser, kind, [], visits)
    ours = measure(browser, kind, kind.served.preheat, visits)
    figure(f"{kind.name}, cold", ours[0], before[0], "without a kernel ahead", cold_goal)
    figure(f"{kind.name}, warm", ours[1], before[1], "without a kernel ahead", "under 1 s")
    figure(
        f"{kind.name}, warm, same browser",
        ours[2],
        before[2],
        "without a kernel ahead",
        "under 1 s",
    )


def page_kinds(cohort: Path, work: Path) -> list[Kind]:
    """Every page kind of the demo cohort, served as its verb serves it."""
    settings = load_settings(cohort)
    data = CohortData.read(cohort)
    trainee, module = next(iter(data.trainees)), settings.modules[0]
    trainer = Served(write_pages(work / "pages"), {COHORT_VARIABLE: str(cohort)}, DASHBOARD)
    # A trainee's home, as `peer2peer home` serves it (their modules fetched first).
    folder = cohort.parent / "homes" / "demo-09"
    folder.mkdir(parents=True, exist_ok=True)
    write_role_pages(folder, TRAINEE)
    publish_status(cohort, settings, ["demo-09"])
    home_env = {COURSE_VARIABLE: settings.course_id, EXCHANGE_VARIABLE: settings.exchange,
                TRAINEE_VARIABLE: "demo-09", FOLDER_VARIABLE: str(folder)}  # fmt: skip
    course = Course.from_settings(server=home_env)
    course.fetch_new()
    lesson = course.next_lesson() or f"{module}/lesson.ipynb"
    home = Served(folder, home_env, [HOME, lesson])
    # The lesson view, as `peer2peer lesson` serves it: that notebook alone.
    notebook = folder / lesson
    exercises = sum("ex.start(" not in "".join(cell["source"]) and cell["cell_type"] == "code"
                    for cell in json.loads(notebook.read_text())["cells"])  # fmt: skip
    alone = Served(notebook, {}, [notebook.name])
    views = [
        ("At a glance", "css:.p2p-grid"),
        ("Learning outcomes", "Each trainee"),
        ("Modules", "css:.p2p-chart .p2p-bar"),
        ("Course records", "css:.p2p-records"),
    ]
    return [
        Kind("lesson view", alone, "", f"css:.p2p-exercise >> nth={exercises - 1}"),
        Kind("home", home, HOME, "Your modules"),
        Kind(
            "journey", trainer, f"trainee.ipynb?trainee={trainee}", "please do not share this page"
        ),
        Kind("marking", trainer, "marking.ipynb", "Marking reflections"),
        Kind("register", trainer, f"register.ipynb?module={module}", "css:.p2p-register"),
        *(
            Kind(f"cohort page: {view}", trainer, "cohort.ipynb", drawn, "" if i == 0 else view)
            for i, (view, drawn) in enumerate(views)
        ),  # fmt: skip
    ]


def grow(cohort: Path, trainees: int) -> int:
    """Add invented trainees until the cohort has `trainees`, with hand-ins in the gradebook."""
    settings = load_settings(cohort)
    have = len(CohortData.read(cohort).trainees)
    new = [Trainee(f"big-{n:03d}", f"Invented{n}", "Example", None) for n in range(trainees - have)]
    add_trainees(settings, new)
    hand_in_everything(settings, students={t.id for t in new})
    return len(CohortData.read(cohort).trainees)


def main() -> None:
    """Print cold and warm times for each page kind, beside the baseline from this run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cohort", type=Path, help="a demo cohort folder (default: make one)")
    parser.add_argument("--visits", type=int, default=3)
    parser.add_argument("--only", nargs="*", help='page kinds whose name starts so ("big": 200)')
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="p2p-bench-pages-"))
    try:
        cohort = args.cohort or run_demo(REPO, work / "demo").cohort
        every = page_kinds(cohort, work)
        kinds = [k for k in every if any(k.name.startswith(o) for o in args.only or [""])]
        print(f"Pages: {len(CohortData.read(cohort).trainees)} trainees; {load()}", flush=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            for kind in kinds:
                report(browser, kind, args.visits)
            if not args.only or "big" in args.only:
                grown = grow(cohort, BIG_COHORT)
                print(f"Pages: {grown} trainees; {load()}", flush=True)
                big = Kind(f"cohort page, {grown} trainees", every[-1].served, "cohort.ipynb",
                           "css:.p2p-grid")  # fmt: skip
                report(browser, big, args.visits, "under 3 s")
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
