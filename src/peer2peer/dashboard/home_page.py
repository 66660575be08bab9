"""A trainee's home page: the modules released to them, each to open and hand in.

Served by the hub inside the trainee's own server, as the trainee. It reads only what
the trainee may read: the modules released in nbgrader's exchange, and their own folder.
It never opens the gradebook. (Issue 15 grows this into the full home: due dates,
progress, feedback and stories.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import nbformat
from jupyter_core.paths import jupyter_config_path, jupyter_data_dir
from markupsafe import Markup
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from peer2peer.dashboard.home_stories import stories_for_home
from peer2peer.dashboard.templating import render

#: The notebooks of a module, in the order the page offers them, with their link words.
NOTEBOOKS = {"lesson.ipynb": "Open", "assessment.ipynb": "Check what you learned"}


@dataclass
class Course:
    """The course as a trainee's nbgrader settings name it."""

    course_id: str
    exchange: Path
    home: Path

    @classmethod
    def from_settings(cls, home: Path | None = None) -> Course:
        """Read the trainee's nbgrader_config.py files, as nbgrader's own commands do."""
        config = nbgrader_settings()
        return cls(
            config.CourseDirectory.course_id,
            Path(config.Exchange.root),
            home or Path.home(),
        )

    def released(self) -> list[str]:
        """The modules the trainer has released, in course order."""
        outbound = self.exchange / self.course_id / "outbound"
        if not outbound.is_dir():
            return []
        return sorted(p.name for p in outbound.iterdir() if p.is_dir())

    def config(self, module: str) -> Config:
        """nbgrader settings to fetch or hand in one module from the trainee's home."""
        config = Config()
        config.CourseDirectory.course_id = self.course_id
        config.CourseDirectory.root = str(self.home)
        config.CourseDirectory.assignment_id = module
        config.Exchange.root = str(self.exchange)
        config.Exchange.assignment_dir = str(self.home)
        config.Exchange.path_includes_course = False
        return config

    def run(self, exchange_class, module: str) -> None:
        """Run one of nbgrader's exchange steps for a module, as this trainee."""
        config = self.config(module)
        exchange_class(
            coursedir=CourseDirectory(config=config),
            authenticator=Authenticator(config=config),
            config=config,
        ).start()

    def fetch_new(self) -> list[str]:
        """Fetch every released module not in the trainee's folder yet; return them."""
        new = [m for m in self.released() if not (self.home / m).exists()]
        for module in new:
            self.run(ExchangeFetchAssignment, module)
        return new

    def handed_in(self, module: str) -> bool:
        """Whether the trainee has handed this module in (nbgrader keeps a copy for them)."""
        cache = Path(jupyter_data_dir()) / "nbgrader_cache" / self.course_id
        return any(cache.glob(f"*+{module}+*"))


def nbgrader_settings() -> Config:
    """nbgrader's settings from every Jupyter config folder, the first one winning."""
    config = Config()
    for folder in reversed(jupyter_config_path()):
        if (Path(folder) / "nbgrader_config.py").is_file():
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=folder).load_config())
    return config


def module_title(folder: Path) -> str:
    """A module's title: the first heading of its lesson, or its id."""
    lesson = folder / "lesson.ipynb"
    if lesson.is_file():
        for cell in nbformat.read(lesson, as_version=4).cells:
            if cell.cell_type == "markdown":
                for line in cell.source.splitlines():
                    if line.startswith("# "):
                        return line[2:].strip()
    return folder.name


def module_links(folder: Path) -> Markup:
    """Links to a module's pages in the lesson view (Voila: no code), beside this page."""
    links = [(name, words) for name, words in NOTEBOOKS.items() if (folder / name).is_file()]
    return render("home_links.html", module=folder.name, links=links)


def module_row(course: Course, module: str) -> widgets.Widget:
    """One module: its title, its links, and a Hand in button with what happened."""
    folder = course.home / module
    title = module_title(folder)
    said = widgets.HTML("<p>Handed in.</p>" if course.handed_in(module) else "")
    hand_in = widgets.Button(description="Hand in", icon="paper-plane", tooltip=f"Hand in {title}")

    def on_hand_in(_=None) -> None:
        hand_in.disabled = True
        try:
            course.run(ExchangeSubmit, module)
        except Exception:  # a trainee sees plain words, never a traceback
            said.value = (
                "<p>That did not work. Your answers are still saved. Please tell your trainer.</p>"
            )
        else:
            said.value = "<p>Handed in. Your trainer can see it now.</p>"
        hand_in.disabled = False

    hand_in.on_click(on_hand_in)
    return widgets.VBox(
        [
            widgets.HTML(render("home_module.html", title=title, links=module_links(folder))),
            hand_in,
            said,
        ],
        layout=widgets.Layout(margin="0 0 1.5em 0"),
    )


def home_page() -> widgets.Widget:
    """The trainee's home page: their released modules, fetched into their own folder."""
    try:
        course = Course.from_settings()
        course.fetch_new()
        modules = [m for m in course.released() if (course.home / m).is_dir()]
    except Exception:
        return widgets.HTML(
            "<h2>Your modules</h2><p>Your modules cannot be shown just now. "
            "Please try again later, or tell your trainer.</p>"
        )
    if not modules:
        body = [widgets.HTML("<p>No modules yet. Your trainer will add them soon.</p>")]
    else:
        body = [module_row(course, m) for m in modules]
    stories = stories_for_home(course, modules, module_title)
    return widgets.VBox([widgets.HTML(render("home_heading.html")), *body, stories])
