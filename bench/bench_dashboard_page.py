"""Benchmark: trainer pages fully drawn in headless Chromium, cold and warm, two ways.

Makes the README's demo cohort (20 invented trainees) unless --cohort names one, then
serves the trainer pages with Voila as `peer2peer dashboard` does, in the same run:
- baseline: as before this work, only the cohort page is run ahead of its visitor;
- ours: every dashboard page kind (cohort, journey, marking) has a kernel run ahead
  (`cli.page_verbs.DASHBOARD`; the journey and marking pages wait for their visitor
  before reading their address and data).
For each page kind a fresh server is started; "cold" is the first visit as soon as the
server answers (when the link is printed), "warm" the median of later visits, each a
fresh browser page timed from the request until the page's content is drawn.
Goal: under 2 s cold and under 1 s warm (issue 19).

Run: .venv/bin/python bench/bench_dashboard_page.py [--cohort PATH] [--visits 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from figures import load
from playwright.sync_api import sync_playwright

from peer2peer.cli.page_verbs import DASHBOARD
from peer2peer.cohort.demo import run_demo
from peer2peer.dashboard.marking_app import COHORT_VARIABLE
from peer2peer.dashboard.serve import (
    answers,
    pools_filled,
    prepare_private,
    server_environment,
    voila_command,
    write_pages,
)
from peer2peer.progress.snapshot import CohortData

REPO = Path(__file__).parents[1]
CHROMIUM = os.environ.get("PEER2PEER_CHROMIUM", "/usr/bin/chromium")
REFILL_SECONDS = 8  # time a page's kernel gets to be run ahead again between visits
BEFORE = ["cohort.ipynb"]  # what was run ahead before this work
LOG = Path(tempfile.gettempdir()) / "p2p-bench-pages.log"  # what Voila said, if a page fails


def serve(
    pages: Path, cohort: Path, port: int, preheat: list[str], wait_for_pools: bool
) -> subprocess.Popen:
    """Start Voila on the pages folder, as `peer2peer dashboard` does, and wait until it answers.

    With `wait_for_pools`, also until the pages run ahead are ready, as `serve_page` now
    does before it prints the link (before this work, it printed it as soon as Voila
    answered).
    """
    # the server's token and kernel sockets; short, as a socket's path must be
    private = Path(tempfile.mkdtemp(prefix="p2p-", dir="/tmp"))
    private.rmdir()
    prepare_private(private, "bench", pages)
    command = voila_command(pages, port, private, preheat=preheat)
    env = server_environment(private, {COHORT_VARIABLE: str(cohort)})
    process = subprocess.Popen(
        command, cwd=pages, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    filled = pools_filled(process, preheat, LOG.open("a"))
    for _ in range(1200):
        if answers(port, private):
            if wait_for_pools:
                filled.wait(120)
            return process
        time.sleep(0.1)
    process.terminate()
    raise SystemExit("Voila did not start within 120 s")


def visit(browser, url: str, drawn: str) -> float:
    """Seconds from the request until `drawn` (a text or a CSS selector) shows, in a new page."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    started = time.perf_counter()
    page.goto(url, timeout=120_000)
    target = page.locator(drawn[4:]) if drawn.startswith("css:") else page.get_by_text(drawn)
    target.first.wait_for(timeout=120_000)
    seconds = time.perf_counter() - started
    page.close()
    return seconds


def main() -> None:
    """Print cold and warm times for each page kind, beside the baseline from this run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cohort", type=Path, help="a cohort folder (default: make the demo)")
    parser.add_argument("--visits", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="p2p-bench-page-"))
    try:
        cohort = args.cohort or run_demo(REPO, work / "demo").cohort
        trainee = next(iter(CohortData.read(cohort).trainees))
        kinds = {
            "cohort page": ("cohort.ipynb", "css:.p2p-grid"),
            "journey": (f"trainee.ipynb?trainee={trainee}", "please do not share this page"),
            "marking": ("marking.ipynb", "Marking reflections"),
        }
        pages = write_pages(work / "pages")
        print(f"Pages: {len(CohortData.read(cohort).trainees)} trainees; {load()}", flush=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            port = 8890
            for kind, (path, drawn) in kinds.items():
                found = {}
                for label, preheat in (("baseline", BEFORE), ("ours", DASHBOARD)):
                    port += 1
                    voila = serve(pages, cohort, port, preheat, label == "ours")
                    try:
                        url = f"http://127.0.0.1:{port}/voila/render/{path}"
                        url += ("&" if "?" in url else "?") + "token=bench"
                        cold = visit(browser, url, drawn)
                        warm = []
                        for _ in range(args.visits):
                            time.sleep(REFILL_SECONDS)
                            warm.append(visit(browser, url, drawn))
                        found[label] = (cold, statistics.median(warm))
                    finally:
                        voila.terminate()
                        voila.wait(timeout=30)
                (cold, warm), (cold_before, warm_before) = found["ours"], found["baseline"]
                print(
                    f"  {kind}: cold {cold:.2f} s | baseline {cold_before:.2f} s | ratio "
                    f"{cold / cold_before:.2f} | goal under 2 s; warm {warm:.2f} s | baseline "
                    f"{warm_before:.2f} s | ratio {warm / warm_before:.2f} | goal under 1 s "
                    f"| {load()}",
                    flush=True,
                )
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
