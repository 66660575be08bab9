"""A cohort's own settings, kept in cohort.yml inside the cohort folder."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from peer2peer.shared.files import read_parsed

SETTINGS_FILE = "cohort.yml"
#: The default hour modules are due, in the cohort's time zone.
DUE_HOUR = time(17, 0)


class CompletionRules(BaseModel):
    """What a trainee must do to complete the course (cohort.yml `completion:`)."""

    model_config = ConfigDict(extra="forbid")

    mandatory_sessions: list[str] = Field(
        default=[], description="module ids whose group session every trainee must attend"
    )
    sessions_may_miss: int = Field(default=2, ge=0, description="sessions a trainee may miss")
    catch_up_counts: bool = Field(default=True, description="a catch-up counts as attending")
    every_assessment_handed_in: bool = Field(default=True)
    reflections_meet: bool = Field(
        default=True,
        description="every reflection marked Meets or above, or its outcome evidenced another way",
    )
    observed_practice_met: bool = Field(
        default=True, description="every item of each observed-practice checklist met"
    )


class SamplingPlan(BaseModel):
    """Which marks an internal verifier looks at a second time (cohort.yml `sampling:`)."""

    model_config = ConfigDict(extra="forbid")

    first_marks: int = Field(default=10, ge=0, description="every mark of a new assessor, up to")
    share_percent: int = Field(default=25, ge=0, le=100, description="then this share of marks")


#: Reasons for an adjustment that come up again and again; a cohort can add its own.
ADJUSTMENT_LABELS = [
    "more time",
    "rest breaks",
    "spoken hand-in",
    "recorded hand-in",
    "paper hand-in",
    "reader or scribe",
]


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
    # Running the course: see COMMENTS for what each means, as cohort.yml says it.
    completion: CompletionRules = Field(default_factory=CompletionRules)
    observed_practice: dict[str, list[str]] = Field(
        default={}, description="module id -> the outcome ids its observed-practice checklist has"
    )
    assessors: list[str] = Field(default=[], description="who marks (their login names)")
    verifiers: list[str] = Field(default=[], description="internal verifiers (login names)")
    sampling: SamplingPlan = Field(default_factory=SamplingPlan)
    adjustment_labels: list[str] = Field(default=list(ADJUSTMENT_LABELS))

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


def safe_yaml(text: str) -> Any:
    """The data in a YAML text (plain values only: nothing in it is run)."""
    return YAML(typ="safe").load(text)


def load_settings(cohort: Path) -> CohortSettings:
    """Read cohort.yml; a folder without one is not a cohort."""
    path = cohort / SETTINGS_FILE
    if not path.is_file():
        raise NotACohort(f"{cohort} is not a cohort folder (it has no {SETTINGS_FILE})")
    return CohortSettings.model_validate(read_parsed(path, safe_yaml))


#: The comment cohort.yml carries above each setting a trainer may change.
COMMENTS = {
    "due": "Change `due:` to move a module's due date, e.g. 01-recovery: 2027-03-15T17:00:00",
    "completion": (
        "What a trainee must do to complete the course and get a certificate.\n"
        "mandatory_sessions: modules whose group session everyone must attend,\n"
        "  e.g. [08-trauma-safety]. sessions_may_miss: how many sessions a trainee may miss\n"
        "  (absent or excused). catch_up_counts: a catch-up counts as attending.\n"
        "every_assessment_handed_in, reflections_meet (Meets or above, or the outcome shown\n"
        "  another way), observed_practice_met: true to require, false to leave out."
    ),
    "observed_practice": (
        "Skills a trainer watches in practice: module -> the outcome ids on its checklist.\n"
        "Record them with `peer2peer observed COHORT MODULE TRAINEE ITEM met`."
    ),
    "assessors": "Who marks: login names. Leave empty if anyone who marks is an assessor.",
    "verifiers": (
        "Internal verifiers (login names) who take a second look at a sample of marks.\n"
        "Leave empty for no second look. A verifier never verifies their own marking."
    ),
    "sampling": (
        "Which marks a verifier looks at: every mark of a new assessor at first\n"
        "(first_marks), then share_percent of each assessor's marks."
    ),
    "adjustment_labels": "Reasons for adjustments that recur (`peer2peer adjust --label`).",
}


def save_settings(cohort: Path, settings: CohortSettings) -> None:
    """Write cohort.yml, with a comment above each setting a trainer may change."""
    yaml = YAML()
    yaml.default_flow_style = False
    data = CommentedMap(settings.model_dump(mode="json"))
    for key, words in COMMENTS.items():
        data.yaml_set_comment_before_after_key(key, before="\n" + words)
    with (cohort / SETTINGS_FILE).open("w") as stream:
        stream.write("# This cohort's settings.\n")
        yaml.dump(data, stream)


class NotACohort(Exception):
    """The folder given is not a cohort."""


class CohortError(Exception):
    """A cohort cannot be made or used as asked; the message says what to do."""
