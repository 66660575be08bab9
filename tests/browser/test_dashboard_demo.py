"""The demo cohort's dashboard in a real browser: every figure shown matches the gradebook.

Runs the main job as `make demo` does (`peer2peer demo --serve`), then walks through the
cohort page's three views and a trainee's page, saving a screenshot of each.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from browsing import assert_everyone_can_use, free_port, screenshot, wait_for

from peer2peer.cohort.demo import STORY
from peer2peer.progress.module_report import missed_checks, score_percentages
from peer2peer.progress.outcomes import cohort_outcomes
from peer2peer.progress.snapshot import CohortData

REPO = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`peer2peer demo --serve`, as `make demo` runs it; yields (demo folder, cohort page URL)."""
    folder = tmp_path_factory.mktemp("dashboard-demo")
    said = folder / "said.txt"
    command = [str(Path(sys.executable).parent / "peer2peer"), "demo", "--serve",
               "--folder", str(folder / "demo"), "--port", str(free_port())]  # fmt: skip
    with said.open("w") as out:
        process = subprocess.Popen(command, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
    try:
        link = None
        for _ in range(3000):  # the demo takes about a minute
            found = re.search(r"Open this link in your browser: (\S+)", said.read_text())
            if found:
                link = found.group(1)
                break
            assert process.poll() is None, said.read_text()
            time.sleep(0.2)
        assert link, said.read_text()
        wait_for(link.split("/voila/")[0] + "/voila/static/voila.js", process)
        yield folder / "demo", link
    finally:
        process.terminate()  # the command stops Voila with it
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def demo(served) -> CohortData:
    """The demo cohort, read as the pages read it."""
    return CohortData.read(served[0] / "cohort")


@pytest.fixture(scope="module")
def site(served):
    """The base URL of the served pages and their token."""
    link = served[1]
    return link.split("/cohort.ipynb")[0], parse_qs(urlparse(link).query)["token"][0]


def test_the_cohort_views_show_the_gradebook_figures(demo: CohortData, site, browser) -> None:
    base, token = site
    page = browser.new_context(viewport={"width": 1400, "height": 1600}).new_page()
    try:
        page.goto(f"{base}/cohort.ipynb?token={token}")
        grid = page.locator(".p2p-grid")
        grid.wait_for(timeout=120_000)
        assert len(demo.trainees) == 20
        page.get_by_text("Showing 20 trainees.").wait_for()
        for status, count in Counter(r.status for r in demo.progress).items():
            late = sum(r.late for r in demo.progress if r.status == status)
            exactly = re.compile(rf"^\W+{re.escape(status)}(, late)?$")  # not "not submitted"
            assert grid.locator("td .p2p-badge", has_text=exactly).count() == count, status
            assert grid.locator("td .p2p-badge", has_text=f"{status}, late").count() == late
        queue = page.locator(".p2p-queue li")
        assert queue.count() == sum(r.status == "needs marking" for r in demo.progress) == 8
        screenshot(page, "dashboard-demo-glance")
        assert_everyone_can_use(page)

        page.get_by_label("Status").select_option(["could not be graded"])
        page.get_by_text("Showing 1 trainees.").wait_for()
        with page.expect_download() as download:
            page.get_by_text("Download this table (CSV)").click()
        rows = Path(download.value.path()).read_text().splitlines()
        assert rows[0].startswith("trainee,name,module,status")
        assert {row.split(",")[0] for row in rows[1:]} == {"demo-07"}

        page.get_by_role("button", name="Learning outcomes").click()
        page.get_by_text("Each trainee").wait_for()
        first = demo.settings.modules[0]
        for summary in cohort_outcomes(demo.evidence):
            if summary.module == first:
                row = page.locator(".p2p-grid tr", has_text=summary.text)
                assert f"{summary.evidenced} of {summary.trainees} trainees" in row.inner_text()
        screenshot(page, "dashboard-demo-outcomes")
        assert_everyone_can_use(page)

        page.get_by_role("button", name="Modules").click()
        page.get_by_text("Knowledge checks most often missed").wait_for()
        page.locator(".p2p-chart .p2p-bar").first.wait_for()  # drawn
        percentages = score_percentages(demo.progress, first)
        assert page.get_by_text(f"{len(percentages)} graded hand-ins.").is_visible()
        worst = missed_checks(demo.item_map, demo.scores, first)[0]
        row = page.locator(".p2p-grid tr", has_text=worst.prompt[:40]).first
        assert f"{worst.missed} of {worst.answered}" in row.inner_text()
        screenshot(page, "dashboard-demo-modules")
        assert_everyone_can_use(page)

        page.get_by_role("button", name="Course records").click()
        page.get_by_role("heading", name="Completion").wait_for()
        screenshot(page, "dashboard-demo-records")
        assert_everyone_can_use(page)
    finally:
        page.context.close()


def test_the_trainee_page_shows_shared_stories_only(demo: CohortData, site, browser) -> None:
    base, token = site
    page = browser.new_context(viewport={"width": 1400, "height": 1600}).new_page()
    try:
        page.goto(f"{base}/trainee.ipynb?token={token}&trainee=demo-01")
        page.get_by_text("Stories shared with the trainer").wait_for(timeout=120_000)
        assert page.get_by_text(STORY["before"]).first.is_visible()  # shared in each module
        assert page.get_by_text("Me and my trainer.").first.is_visible()
        screenshot(page, "dashboard-demo-trainee")
        assert_everyone_can_use(page)

        page.get_by_label("Trainee").select_option(label="Catriona Example (demo-03)")  # "only me"
        page.get_by_role("heading", name="Catriona Example (demo-03)").wait_for()
        assert page.get_by_text("No stories shared with the trainer.").is_visible()
        assert page.get_by_text(STORY["before"]).count() == 0
        page.get_by_label("Trainee").select_option(label="Mairi Example (demo-13)")  # withdrew it
        page.get_by_text("the trainee withdrew a story").wait_for()
        assert page.get_by_text(STORY["before"]).count() == 0
    finally:
        page.context.close()
