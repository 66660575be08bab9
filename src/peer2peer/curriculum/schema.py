"""The shape of every curriculum file, as pydantic models with a description per field."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

#: An exercise, outcome, example or other id: lower-case letters, digits and hyphens.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: A module id: two digits, a hyphen, then an id ("01-recovery").
MODULE_ID_PATTERN = re.compile(r"^[0-9]{2}-[a-z0-9][a-z0-9-]*$")

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN.pattern, max_length=60)]
ModuleId = Annotated[str, StringConstraints(pattern=MODULE_ID_PATTERN.pattern)]
Text = Annotated[str, StringConstraints(min_length=1)]


class Strict(BaseModel):
    """A model that refuses keys it does not know."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- curriculum/curriculum.yml ---------------------------------------------------


class Outcome(Strict):
    """A learning outcome of one module."""

    id: Id = Field(description="a short id, unique in the curriculum", examples=["recovery-1"])
    text: Text = Field(description="what the trainee can do afterwards", examples=["Name ..."])


class ModuleEntry(Strict):
    """One module as the curriculum lists it."""

    id: ModuleId = Field(description="two digits, a hyphen and a slug", examples=["01-recovery"])
    title: Text = Field(description="the title trainees see", examples=["Understanding recovery"])
    hours: float = Field(gt=0, le=40, description="length of the group session", examples=[2.5])
    lesson: Text = Field(
        description="path of the lesson", examples=["modules/01-recovery/lesson.md"]
    )
    assessment: Text = Field(
        description="folder of the assessment", examples=["assessments/01-recovery"]
    )
    values: list[Id] = Field(default=[], description="ids from `values:` at the top")
    competencies: list[Id] = Field(default=[], description="ids from `competencies:` at the top")
    outcomes: list[Outcome] = Field(min_length=1, description="the learning outcomes")


class Curriculum(Strict):
    """The whole programme: `curriculum/curriculum.yml`."""

    title: Text = Field(description="the programme's title", examples=["Peer2Peer"])
    version: Text = Field(description="the curriculum's version", examples=["1.0.0"])
    licence: Text = Field(description="the content licence", examples=["CC-BY-SA-4.0"])
    summary: Text = Field(description="two or three sentences about the programme")
    values: dict[Id, Text] = Field(description="values the modules serve, id: name")
    competencies: dict[Id, Text] = Field(description="competencies the modules serve, id: name")
    modules: list[ModuleEntry] = Field(min_length=1, description="the modules, in order")


# --- curriculum/area.yml ----------------------------------------------------------


class Contact(Strict):
    """How trainees reach the course team."""

    email: Text = Field(examples=["peer2peer@example.org"])
    phone: Text = Field(examples=["01234 567890"])
    hours: Text = Field(examples=["Monday to Friday, 9am to 5pm"])


class CrisisLine(Strict):
    """A line for help when someone needs it now: its phone number, hours and other routes."""

    name: Text = Field(examples=["Samaritans"])
    phone: Text = Field(description="the number as people say it", examples=["116 123"])
    hours: Text = Field(
        description="when it answers, as exactly as the line says",
        examples=["any time, day or night"],
    )
    text: Text | None = Field(
        default=None,
        description="how to reach it by text message, if it can be",
        examples=["text SHOUT to 85258"],
    )
    web_chat: Text | None = Field(
        default=None,
        description="where its web chat is, if it has one (a web address)",
        examples=["https://breathingspace.scot"],
    )
    textphone: Text | None = Field(
        default=None,
        description="its textphone or Relay UK number, if it has one",
        examples=["18001 0800 83 85 87"],
    )


class LocalService(Strict):
    """A local service trainees may point people towards."""

    name: Text = Field(examples=["Moray Wellbeing Hub"])
    what: Text = Field(examples=["peer-led activities and support"])
    contact: Text = Field(examples=["01343 000000"])


class LocalModule(ModuleEntry):
    """A module only this area teaches: a curriculum module entry, plus where it goes."""

    after: ModuleId | None = Field(
        default=None,
        description="the id of the module it comes after (default: at the end)",
        examples=["11-teams"],
    )


class AreaModules(Strict):
    """How this area changes the list of modules: upstream ids to drop, local modules to add."""

    drop: list[ModuleId] = Field(
        default=[], description="ids of curriculum modules this area leaves out"
    )
    add: list[LocalModule] = Field(default=[], description="this area's own modules")


class Area(Strict):
    """This area's local values: `curriculum/area.yml`."""

    name: Text = Field(description="the area's name", examples=["Dundee"])
    organisation: Text = Field(
        description="who runs the course", examples=["Dundee Recovery College"]
    )
    venue: Text = Field(description="where trainees meet", examples=["the Wellbeing Hub"])
    contact: Contact = Field(description="email, phone and hours of the course team")
    trainers: list[Text] = Field(min_length=1, description="trainers' names", examples=[["Alex"]])
    crisis_lines: list[CrisisLine] = Field(min_length=1, description="help at any time")
    local_services: list[LocalService] = Field(default=[], description="local services")
    extras: dict[Id, Any] = Field(default={}, description="any further local values")
    modules: AreaModules = Field(
        default_factory=AreaModules, description="modules this area drops or adds"
    )

    def placeholder_values(self) -> dict[str, Any]:
        """The values placeholders can name: everything but the module changes."""
        return self.model_dump(exclude={"modules"})


# --- curriculum/glossary.yml -------------------------------------------------------


class GlossaryTerm(Strict):
    """A word or short form a trainee meets, in plain words, with where the meaning comes from."""

    term: Text = Field(description="the word as trainees see it", examples=["CHIME"])
    meaning: Text = Field(
        description="what it means, in a sentence or two of plain words",
        examples=["Five things that help personal recovery ..."],
    )
    source: Text = Field(
        description="where the meaning comes from", examples=["Leamy M and others (2011)"]
    )


class Glossary(Strict):
    """Every short form and special word trainees meet: `curriculum/glossary.yml`."""

    terms: list[GlossaryTerm] = Field(default=[], description="the terms, in any order")

    @model_validator(mode="after")
    def _each_term_once(self) -> Glossary:
        seen: set[str] = set()
        for entry in self.terms:
            if entry.term.casefold() in seen:
                raise ValueError(
                    f"the term {entry.term!r} is given twice | keep one entry for each term"
                )
            seen.add(entry.term.casefold())
        return self


# --- front matter of lessons and assessments ---------------------------------------


class Source(Strict):
    """A source that facts in a file come from."""

    id: Id = Field(examples=["srn-values"])
    cite: Text = Field(examples=["Scottish Recovery Network (2012), Values Framework"])
    url: str | None = Field(default=None, examples=["https://www.scottishrecovery.net/"])


class FrontMatter(Strict):
    """The block between `---` lines at the top of a lesson, assessment or facilitator notes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    module: ModuleId = Field(
        description="the module id in curriculum.yml", examples=["01-recovery"]
    )
    kind: Literal["lesson", "assessment", "facilitator"] = Field(examples=["lesson"])
    title: Text = Field(examples=["Understanding recovery"])
    sources: list[Source] = Field(description="where the facts come from", examples=[[]])
    content_note: Text | None = Field(default=None, description="a kind warning, if needed")


# --- assessments/NN-slug/rubric.yml ----------------------------------------------------


class RubricLevel(Strict):
    """One level a reflection can reach on a criterion."""

    id: Id = Field(examples=["meets"])
    label: Text = Field(examples=["Meets"])
    points: float = Field(ge=0, examples=[1])


class RubricCriterion(Strict):
    """One thing a trainer looks for in a reflection, with what each level looks like."""

    id: Id = Field(examples=["links-to-concepts"])
    name: Text = Field(examples=["Links to concepts"])
    descriptors: dict[Id, Text] = Field(
        description="what the reflection shows at each level, by level id",
        examples=[{"meets": "Uses at least one idea from the lesson correctly."}],
    )


class Rubric(Strict):
    """How a module's reflections are marked: the quality of reflection, never the experience."""

    levels: list[RubricLevel] = Field(min_length=2, description="from lowest to highest")
    criteria: list[RubricCriterion] = Field(min_length=1)
    comment_bank: list[Text] = Field(default=[], description="short comments a trainer can pick")

    @model_validator(mode="after")
    def _every_criterion_describes_every_level(self) -> Rubric:
        levels = [level.id for level in self.levels]
        for criterion in self.criteria:
            missing = [level for level in levels if level not in criterion.descriptors]
            stray = [level for level in criterion.descriptors if level not in levels]
            if missing or stray:
                raise ValueError(
                    f"criterion `{criterion.id}` describes {sorted(criterion.descriptors)}, "
                    f"not the levels {levels} | give one descriptor for each level"
                )
        return self

    def score(self, chosen: dict[str, str], out_of: float) -> float:
        """Points out of `out_of` for the levels chosen per criterion (scaled to the task)."""
        points = {level.id: level.points for level in self.levels}
        best = max(points.values()) * len(self.criteria)
        earned = sum(points[chosen[c.id]] for c in self.criteria if c.id in chosen)
        return round(out_of * earned / best, 2) if best else 0.0


# --- exercises ---------------------------------------------------------------------


class Exercise(Strict):
    """What every exercise has."""

    id: Id = Field(description="unique in the module", examples=["what-recovery-means"])
    prompt: Text = Field(description="the question, in Markdown", examples=["What helps you?"])


class Reflection(Exercise):
    """Free writing; graded by a trainer against the rubric when it has points."""

    kind: Literal["reflection"] = "reflection"
    min_words: int | None = Field(default=None, ge=1, le=2000, examples=[40])
    points: float | None = Field(default=None, gt=0, examples=[4])
    outcomes: list[Id] = Field(default=[], examples=[["recovery-1"]])


class Scale(Exercise):
    """A self-rating on a number line; never graded."""

    kind: Literal["scale"] = "scale"
    min: int = Field(default=1, examples=[1])
    max: int = Field(default=10, examples=[10])
    low: Text = Field(description="label of the lowest number", examples=["Not at all"])
    high: Text = Field(description="label of the highest number", examples=["Very much"])

    @model_validator(mode="after")
    def _max_above_min(self) -> Scale:
        if self.max <= self.min:
            raise ValueError("`max` is not larger than `min` | make `max` the larger number")
        return self


class Choice(Exercise):
    """Pick one or several options; an autograded knowledge check when it has points."""

    kind: Literal["choice"] = "choice"
    options: dict[Id, Text] = Field(min_length=2, examples=[{"a": "Yes", "b": "No"}])
    multiple: bool = Field(default=False, examples=[False])
    answer: Id | list[Id] | None = Field(default=None, examples=["b"])
    feedback: dict[Id, Text] = Field(default={}, examples=[{"a": "Not quite: ..."}])
    points: float | None = Field(default=None, gt=0, examples=[1])
    outcomes: list[Id] = Field(default=[], examples=[["recovery-2"]])

    @model_validator(mode="after")
    def _answer_fits_options(self) -> Choice:
        keys = ", ".join(self.options)
        answers = self.answer if isinstance(self.answer, list) else [self.answer]
        unknown = [a for a in answers if a is not None and a not in self.options]
        if unknown:
            raise ValueError(
                f"`answer` is {unknown[0]!r}, not one of the options | use one of: {keys}"
            )
        if isinstance(self.answer, list) and not self.multiple:
            raise ValueError("`answer` is a list but `multiple` is not true | add `multiple: true`")
        if self.points is not None and self.answer is None:
            raise ValueError("a graded choice has no `answer` | add `answer:` with the right key")
        stray = [key for key in self.feedback if key not in self.options]
        if stray:
            raise ValueError(
                f"`feedback` is given for {stray[0]!r}, which is not an option | use one of: {keys}"
            )
        return self

    def answer_keys(self) -> list[str]:
        """The right option keys as a sorted list (empty when there is no answer)."""
        if self.answer is None:
            return []
        return sorted(self.answer) if isinstance(self.answer, list) else [self.answer]


class Order(Exercise):
    """Put steps in order; trainees see them shuffled. Autograded when it has points.

    Graded `by: place` (the default), each step earns its share in its own place. Graded
    `by: pairs`, each pair of steps earns its share when the earlier one comes first, so
    one step out of place costs little; steps in an `any_order` group may swap freely.
    """

    kind: Literal["order"] = "order"
    steps: list[Text] = Field(
        min_length=2, description="the steps in the right order", examples=[["First", "Then"]]
    )
    reveal: bool = Field(default=True, description="in a lesson, say when the order is right")
    by: Literal["place", "pairs"] = Field(
        default="place",
        description="grade each step's place, or each pair's order (`pairs`)",
        examples=["pairs"],
    )
    any_order: list[list[int]] = Field(
        default=[],
        description="with `by: pairs`: groups of step numbers (1 is the first step) that "
        "may come in any order among themselves",
        examples=[[[1, 2, 3]]],
    )
    feedback: Text | None = Field(
        default=None,
        description="why the order is as it is: the trainee reads it with their result",
        examples=["You stay and listen first, because ..."],
    )
    points: float | None = Field(default=None, gt=0, examples=[2])
    outcomes: list[Id] = Field(default=[], examples=[["boundaries-3"]])

    @model_validator(mode="after")
    def _steps_differ(self) -> Order:
        if len(set(self.steps)) != len(self.steps):
            raise ValueError("two `steps` are the same | make each step different")
        if self.any_order and self.by != "pairs":
            raise ValueError(
                "`any_order` is given, but the order is graded by place "
                "| add `by: pairs`, so that steps in a group may swap"
            )
        seen: set[int] = set()
        for group in self.any_order:
            numbers = sorted(group)
            if len(numbers) < 2 or numbers[0] < 1 or numbers[-1] > len(self.steps):
                raise ValueError(
                    f"the `any_order` group {group} is not two or more step numbers "
                    f"| use numbers from 1 to {len(self.steps)}, as the steps are listed"
                )
            if numbers != list(range(numbers[0], numbers[-1] + 1)):
                raise ValueError(
                    f"the `any_order` group {group} skips a step "
                    "| list steps that may swap next to each other under `steps`"
                )
            if seen & set(numbers):
                raise ValueError(
                    f"a step of the `any_order` group {group} is in another group too "
                    "| put each step in one group at most"
                )
            seen |= set(numbers)
        if self.any_order and not self.pairs_that_count():
            raise ValueError(
                "`any_order` lets every step come in any order, so nothing can be graded "
                "| leave out the steps whose order matters"
            )
        return self

    def pairs_that_count(self) -> list[tuple[int, int]]:
        """The (earlier, later) step indexes, from 0, whose order is graded with `by: pairs`."""
        group_of = {n - 1: i for i, group in enumerate(self.any_order) for n in group}
        count = len(self.steps)
        return [
            (a, b)
            for a in range(count)
            for b in range(a + 1, count)
            if a not in group_of or group_of.get(a) != group_of.get(b)
        ]


class Match(Exercise):
    """Match each statement to a category. Autograded when it has points."""

    kind: Literal["match"] = "match"
    categories: dict[Id, Text] = Field(min_length=2, examples=[{"hope": "Hope"}])
    statements: dict[Id, Text] = Field(min_length=1, examples=[{"s1": "Things can get better."}])
    answer: dict[Id, Id] | None = Field(default=None, examples=[{"s1": "hope"}])
    feedback: dict[Id, Text] = Field(
        default={},
        description="by statement: why it belongs where it does, read with the result",
        examples=[{"s1": "This is mutuality: both people learn."}],
    )
    points: float | None = Field(default=None, gt=0, examples=[2])
    outcomes: list[Id] = Field(default=[], examples=[["peer-support-3"]])

    @model_validator(mode="after")
    def _answer_fits(self) -> Match:
        stray = [key for key in self.feedback if key not in self.statements]
        if stray:
            raise ValueError(
                f"`feedback` is given for {stray[0]!r}, which is not a statement "
                f"| use: {', '.join(self.statements)}"
            )
        if self.answer is None:
            if self.points is not None:
                raise ValueError(
                    "a graded match has no `answer` | add `answer:` for each statement"
                )
            return self
        missing = [key for key in self.statements if key not in self.answer]
        if missing:
            raise ValueError(f"`answer` gives nothing for {missing[0]!r} | add `{missing[0]}: ...`")
        for statement, category in self.answer.items():
            if statement not in self.statements:
                raise ValueError(
                    f"`answer` names {statement!r}, which is not a statement "
                    f"| use: {', '.join(self.statements)}"
                )
            if category not in self.categories:
                raise ValueError(
                    f"`answer` gives {category!r}, which is not a category "
                    f"| use: {', '.join(self.categories)}"
                )
        return self


class StorySection(Strict):
    """One part of a recovery story."""

    title: Text = Field(examples=["Before"])
    hint: Text = Field(examples=["What life was like before things changed."])


class Story(Exercise):
    """A recovery story in sections, private by default, shared only as its author chooses."""

    kind: Literal["story"] = "story"
    sections: dict[Id, StorySection] | None = Field(
        default=None, description="the parts of the story (a standard four if left out)"
    )


class Private(Exercise):
    """Writing in parts that only its author ever sees: kept privately, never handed in."""

    kind: Literal["private"] = "private"
    sections: dict[Id, StorySection] | None = Field(
        default=None, description="the parts to write (one box if left out)"
    )


ExerciseSpec = Reflection | Scale | Choice | Order | Match | Story | Private

#: Known exercise kinds: the name an author writes after ```{exercise} and its model.
EXERCISE_KINDS: dict[str, type[Exercise]] = {
    "reflection": Reflection,
    "scale": Scale,
    "choice": Choice,
    "order": Order,
    "match": Match,
    "story": Story,
    "private": Private,
}


def is_graded(spec: Exercise) -> bool:
    """True when an exercise carries points, so nbgrader grades it."""
    return getattr(spec, "points", None) is not None
