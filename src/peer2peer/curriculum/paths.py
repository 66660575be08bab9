"""Where the curriculum's files are, and where things go when the user does not say."""

from pathlib import Path

#: The programme: modules in order, outcomes, hours, competencies.
CURRICULUM_FILE = Path("curriculum/curriculum.yml")
#: This area's adaptation: the one file a fork edits first.
AREA_FILE = Path("curriculum/area.yml")
#: Every short form and special word trainees meet, in plain words (optional).
GLOSSARY_FILE = Path("curriculum/glossary.yml")
#: The rubric of a module's reflections, inside its assessment folder.
RUBRIC_FILE = "rubric.yml"
#: The notes for the trainer who runs a module's group session.
FACILITATOR_FILE = "facilitator.md"
#: The top-level folder that holds everything an area adds; upstream never has one.
LOCAL_FOLDER = Path("local")
#: Where `peer2peer build` writes the nbgrader course, inside the curriculum root.
COURSE_FOLDER = Path("build") / "course"
