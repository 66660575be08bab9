"""Benchmark: time to a fully drawn cohort page in headless Chromium, cold and warm.

Makes the README's demo cohort (20 invented trainees) unless --cohort names one, then
serves the trainer pages with Voila twice, as `peer2peer dashboard` does:
- cold: no preheated kernel, so every visit starts a kernel and runs the page;
- warm: Voila keeps one kernel a run ahead of the next visitor (`--preheat_kernel`).
Each visit is a fresh browser page, timed from the request until the cohort grid is drawn.
Goal: under 2 s warm. Baseline (STACK.md, same kind of machine): a Voila page with widgets
and plotly and a new kernel per visit showed its widgets after about 8 s.

Run: .venv/bin/python bench/bench_dashboard_page.py [--cohort PATH] [--visits 5]
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
from peer2peer.dashboard.marking_app import COHORT_VARIABLE
from peer2peer.dashboard.serve import (
    answers,
    prepare_private,
    server_environment,
    voila_command,
    write_pages,
)

REPO = Path(__file__).parents[1]
CHROMIUM = os.environ.get("PEER2PEER_CHROMIUM", "/usr/bin/chromium")
BASELINE_SECONDS = 8.0  # STACK.md: widgets visible, new kernel per visit
REFILL_SECONDS = 8  # time the warm pool gets to run the page again between visits


def serve(pages: Path, cohort: Path, port: int, preheat: bool) -> subprocess.Popen:
    """Start Voila on the pages folder, as `peer2peer dashboard` does, and wait until it answers."""
    private = pages.parent / f"private-{port}"  # the server's token and kernel sockets
    prepare_private(private, "bench", pages)
    command = voila_command(pages, port, private, preheat=["cohort.ipynb"] if preheat else [])
    env = server_environment(private, {COHORT_VARIABLE: str(cohort)})
    process = subprocess.Popen(
        command, cwd=pages, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(600):
        if answers(port, private):
            return process
        time.sleep(0.1)
    process.terminate()
    raise SystemExit("Voila did not start within 60 s")


def visit_times(browser, url: str, visits: int, pause: float) -> list[float]:
    """Seconds from request to a drawn cohort grid, for each of `visits` fresh pages."""
    times = []
    for _ in range(visits):
        time.sleep(pause)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        started = time.perf_counter()
        page.goto(url)
        page.locator(".p2p-grid").first.wait_for(timeout=120_000)
        times.append(time.perf_counter() - started)
        page.close()
    return times


def main() -> None:
    """Print cold and warm page times for the demo cohort."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cohort", type=Path, help="a cohort folder (default: make the demo)")
    parser.add_argument("--visits", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="p2p-bench-page-"))
    try:
        cohort = args.cohort or run_demo(REPO, work / "demo").cohort
        pages = write_pages(work / "pages")
        results = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            for label, preheat in (("cold", False), ("warm", True)):
                port = 8890 + preheat
                voila = serve(pages, cohort, port, preheat)
                try:
                    url = f"http://127.0.0.1:{port}/voila/render/cohort.ipynb?token=bench"
                    # warm: the first pool run starts with the server; give it time to finish
                    results[label] = visit_times(
                        browser, url, args.visits, REFILL_SECONDS if preheat else 0
                    )
                finally:
                    voila.terminate()
                    voila.wait(timeout=30)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"Cohort page, {args.visits} visits each, Python {sys.version.split()[0]}")
    for label, times in results.items():
        print(
            f"  {label}: median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f})"
        )
    cold, warm = (statistics.median(results[k]) for k in ("cold", "warm"))
    print(f"  warm goal under 2 s: {'met' if warm < 2 else 'NOT met'}")
    print(f"  cold / warm: {cold / warm:.1f}x; baseline {BASELINE_SECONDS:.0f} s / warm: "
          f"{BASELINE_SECONDS / warm:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
