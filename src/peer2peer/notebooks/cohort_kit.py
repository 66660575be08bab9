"""What a cohort needs from a build besides the notebooks: the item map and the rubrics.

The build writes them beside source/ and release/; making a cohort copies them, so a cohort
never loads the curriculum and later curriculum edits never change what its marks mean.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from peer2peer.curriculum.paths import RUBRIC_FILE
from peer2peer.curriculum.project import Project
from peer2peer.notebooks.item_map import ITEMS_FILE, item_map_of, save_item_map

#: The folder of rubrics, one `<module>.yml` each, in a built course and in a cohort.
RUBRICS_FOLDER = "rubrics"


def rubric_path(folder: Path, module: str) -> Path:
    """Where a module's rubric is kept in a built course or a cohort."""
    return folder / RUBRICS_FOLDER / f"{module}.yml"


def write_kit(project: Project, course: Path) -> None:
    """Write the item map of every module and a copy of each module's rubric into `course`."""
    modules = [module.id for module in project.curriculum.modules]
    save_item_map(course, item_map_of(project, modules))
    shutil.rmtree(course / RUBRICS_FOLDER, ignore_errors=True)
    (course / RUBRICS_FOLDER).mkdir(parents=True)
    for module in project.curriculum.modules:
        source = project.root / module.assessment / RUBRIC_FILE
        if source.is_file():
            shutil.copyfile(source, rubric_path(course, module.id))


def copy_kit(course: Path, cohort: Path) -> None:
    """Copy a built course's item map and rubrics into a new cohort."""
    shutil.copyfile(course / ITEMS_FILE, cohort / ITEMS_FILE)
    shutil.copytree(course / RUBRICS_FOLDER, cohort / RUBRICS_FOLDER)
