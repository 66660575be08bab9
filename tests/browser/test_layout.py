"""The lesson view reads well on a laptop and on a phone: line length, text size, targets.

Measured in Chromium, as a trainee sees the page: lesson text in lines of at most about
75 characters on a wide screen, one text size for questions and answers, a 1-10 scale in
one row on a laptop and two even rows on a phone, every target at least 24 px, and nothing
wider than a phone's screen.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browsing import assert_everyone_can_use, screenshot, start_voila, stop

MEASURE = """() => {
  const paragraph = [...document.querySelectorAll('.jp-RenderedMarkdown p')]
    .find((p) => p.textContent.trim().length > 20);
  const ruler = document.createElement('div');
  ruler.style.width = '75ch';
  paragraph.parentElement.appendChild(ruler);
  const result = {
    line: paragraph.getBoundingClientRect().width,
    limit: ruler.getBoundingClientRect().width,
    text: parseFloat(getComputedStyle(paragraph).fontSize),
    answer: parseFloat(getComputedStyle(document.querySelector('.p2p-textarea')).fontSize),
    page: document.documentElement.scrollWidth,
    scale: [...document.querySelectorAll('.p2p-scale .p2p-option')].map((o) => {
      const box = o.getBoundingClientRect();
      return [Math.round(box.top), box.width, box.height];
    }),
  };
  ruler.remove();
  return result;
}"""


@pytest.fixture
def lesson(built_minimal: Path, tmp_path: Path):
    """The lesson view of the minimal project's first module, served by Voila."""
    folder = tmp_path / "trainee" / "01-alpha"
    shutil.copytree(built_minimal / "release" / "01-alpha", folder)
    url, voila = start_voila(folder / "lesson.ipynb", {"PEER2PEER_PRIVATE_DIR": str(tmp_path)})
    yield url
    stop(voila)


def rows_of(scale: list[list[float]]) -> list[int]:
    """How many scale options sit on each row, top to bottom."""
    tops: dict[int, int] = {}
    for top, _, _ in scale:
        tops[top] = tops.get(top, 0) + 1
    return [tops[top] for top in sorted(tops)]


def measured(browser, url: str, width: int, height: int, name: str) -> dict:
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(url, timeout=120_000)
        page.locator(".p2p-scale").wait_for(timeout=120_000)
        page.locator(".p2p-scale").scroll_into_view_if_needed()
        screenshot(page, name)
        assert_everyone_can_use(page)
        return page.evaluate(MEASURE)
    finally:
        context.close()


def test_a_laptop_gets_short_lines_one_text_size_and_a_scale_in_one_row(browser, lesson):
    seen = measured(browser, lesson, 1366, 900, "layout-laptop")
    assert seen["line"] <= seen["limit"] + 1, "lesson lines longer than about 75 characters"
    assert seen["text"] == seen["answer"] == 16
    assert rows_of(seen["scale"]) == [10]
    assert all(w >= 24 and h >= 24 for _, w, h in seen["scale"])


def test_a_phone_gets_the_scale_in_two_even_rows_and_no_sideways_scroll(browser, lesson):
    seen = measured(browser, lesson, 390, 844, "layout-phone")
    assert rows_of(seen["scale"]) == [5, 5]
    assert all(w >= 44 and h >= 44 for _, w, h in seen["scale"])
    assert seen["page"] <= 390
    assert seen["text"] == seen["answer"]
