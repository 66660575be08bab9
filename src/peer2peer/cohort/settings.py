"""A cohort's own settings, kept in cohort.yml inside the cohort folder."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field
from ruamel.yaml import YAML

SETTINGS_FILE = "cohort.yml"
#: The default hour modules are due, in the cohort's time zone.
DUE_HOUR = time(17, 0)


class CohortSettings(BaseModel):
    """What a trainer chose when creating a cohort, and where its parts live."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="the cohort's name, as trainers say it")
    course_id: str = Field(description="the nbgrader course id, made from the name")
    start: date = Field(description="the first session; module N is due N+1 weeks later")
    timezone: str = Field(default="Europe/London")
    curriculum: str = Field(description="the curriculum folder the cohort was built from")
    modules: list[str] = Field(description="module ids, in order")
    db_url: str = Field(description="the nbgrader gradebook (SQLite or PostgreSQL)")
    exchange: str = Field(description="nbgrader's exchange folder")
    due: dict[str, datetime] = Field(default={}, description="due dates that differ from weekly")
    feedback_shows_points: bool = Field(
        default=False, description="whether feedback shows points as well as words"
    )

    def due_date(self, module_id: str) -> datetime:
        """When a module is due: its own date if set, else one module a week from the start."""
        zone = ZoneInfo(self.timezone)
        if module_id in self.due:
            due = self.due[module_id]
            return due if due.tzinfo else due.replace(tzinfo=zone)
        week = self.modules.index(module_id) + 1
        return datetime.combine(self.start + timedelta(weeks=week), DUE_HOUR, tzinfo=zone)


def course_id_for(name: str) -> str:
    """A course id nbgrader accepts: "Dundee spring 2027" becomes dundee-spring-2027."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "cohort"


def load_settings(cohort: Path) -> CohortSettings:
    """Read cohort.yml; a folder without one is not a cohort."""
    path = cohort / SETTINGS_FILE
    if not path.is_file():
        raise NotACohort(f"{cohort} is not a cohort folder (it has no {SETTINGS_FILE})")
    return CohortSettings.model_validate(YAML(typ="safe").load(path.read_text()))


def save_settings(cohort: Path, settings: CohortSettings) -> None:
    """Write cohort.yml."""
    yaml = YAML()
    yaml.default_flow_style = False
    with (cohort / SETTINGS_FILE).open("w") as stream:
        stream.write("# This cohort's settings. Change `due:` to move a module's due date.\n")
        yaml.dump(settings.model_dump(mode="json"), stream)


class NotACohort(Exception):
    """The folder given is not a cohort."""


class CohortError(Exception):
    """A cohort cannot be made or used as asked; the message says what to do."""
