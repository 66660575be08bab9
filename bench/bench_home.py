"""Benchmark: time to a fully drawn trainee home in headless Chromium, 12 modules released.

Makes the README's demo cohort (every module released; 20 invented trainees) unless
--cohort names one, posts each trainee's status, then serves one trainee's home as
`peer2peer home` does and times fresh browser pages from the request until all twelve
modules and My progress are drawn:
- cold: the trainee's first visit, into an empty folder: the page fetches all twelve modules
  from the exchange (a new server each time);
- warm: later visits, modules already in their folder (the same server).
The home is never preheated: it must show what the trainee did a moment ago.

Run: .venv/bin/python bench/bench_home.py [--cohort PATH] [--trainee demo-01] [--visits 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from peer2peer.cohort.demo import run_demo
from peer2peer.cohort.settings import load_settings
from peer2peer.dashboard.serve import answers, prepare_private, server_environment, voila_command
from peer2peer.exercises.my_course import (
    COURSE_VARIABLE,
    EXCHANGE_VARIABLE,
    FOLDER_VARIABLE,
    TRAINEE_VARIABLE,
)
from peer2peer.hub.deployment import LANDING, TRAINEE
from peer2peer.hub.singleuser import write_role_pages
from peer2peer.progress.home_status import publish_status

REPO = Path(__file__).parents[1]
CHROMIUM = os.environ.get("PEER2PEER_CHROMIUM", "/usr/bin/chromium")
MODULES = 12


def serve(folder: Path, cohort: Path, trainee: str, port: int) -> subprocess.Popen:
    """Serve a trainee's home from `folder`, as `peer2peer home` does; wait until it answers."""
    settings = load_settings(cohort)
    write_role_pages(folder, TRAINEE)
    private = folder.parent / f"private-{port}"
    prepare_private(private, "bench", folder)
    env = server_environment(
        private,
        {
            COURSE_VARIABLE: settings.course_id,
            EXCHANGE_VARIABLE: settings.exchange,
            TRAINEE_VARIABLE: trainee,
            FOLDER_VARIABLE: str(folder),
        },
    )
    process = subprocess.Popen(
        voila_command(folder, port, private),
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        if answers(port, private):
            return process
        time.sleep(0.1)
    process.terminate()
    raise SystemExit("Voila did not start within 60 s")


def visit(browser, url: str) -> float:
    """Seconds from request to a home with every module and My progress drawn."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    started = time.perf_counter()
    page.goto(url)
    page.locator(".p2p-progress").wait_for(timeout=180_000)
    page.locator(".p2p-module").nth(MODULES - 1).wait_for(timeout=60_000)
    seconds = time.perf_counter() - started
    page.close()
    return seconds


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def main() -> None:
    """Print cold and warm times for one trainee's home."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cohort", type=Path, help="a cohort folder (default: make the demo)")
    parser.add_argument("--trainee", default="demo-01")
    parser.add_argument("--visits", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="p2p-bench-home-"))
    path = f"{LANDING[TRAINEE].lstrip('/')}?token=bench"
    try:
        cohort = args.cohort or run_demo(REPO, work / "demo").cohort
        settings = load_settings(cohort)
        released = len(list((Path(settings.exchange) / settings.course_id / "outbound").iterdir()))
        if released < MODULES:
            raise SystemExit(f"{cohort} has {released} modules released; {MODULES} are needed")
        publish_status(cohort, settings, [args.trainee])
        cold, warm = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            for number in range(args.visits):
                folder = work / f"home-{number}"
                folder.mkdir()
                port = 8900 + number
                voila = serve(folder, cohort, args.trainee, port)
                try:
                    cold.append(visit(browser, f"http://127.0.0.1:{port}/{path}"))
                    if number == 0:
                        warm = [
                            visit(browser, f"http://127.0.0.1:{port}/{path}")
                            for _ in range(args.visits)
                        ]
                finally:
                    stop(voila)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"Trainee home, {MODULES} modules released, {args.visits} visits each, "
        f"Python {sys.version.split()[0]}"
    )
    for label, times in (("cold (first visit, fetches 12 modules)", cold), ("warm", warm)):
        print(
            f"  {label}: median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f})"
        )


if __name__ == "__main__":
    main()
