"""`peer2peer area add-module`: a local module's files from a small template, listed in area.yml."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from peer2peer.area.new import AreaNotWritten
from peer2peer.curriculum.fixmes import Fixme, find_fixmes
from peer2peer.curriculum.paths import AREA_FILE, LOCAL_FOLDER
from peer2peer.curriculum.project import load_project
from peer2peer.curriculum.schema import MODULE_ID_PATTERN

LESSON = """\
---
module: {id}
kind: lesson
title: {title_yaml}
sources: []  # FIXME: where the facts in this lesson come from: a list of id, cite and url
---

# {title}

<!-- FIXME: say in two or three plain, warm sentences what this module is about -->
This module is about peer support in {{{{ area.name }}}}.

## What you'll do

<!-- FIXME: list what trainees will do in this session -->
- Find out about peer support in {{{{ area.name }}}}.
- Think about what it could mean for you.

## What you'll learn

By the end of this module, you should be able to:

<!-- FIXME: the learning outcomes, in the words you used in curriculum/area.yml -->
- {outcome}

+++

## Peer support here

<!-- FIXME: the lesson itself, in short sections with plain, warm words -->
Peer workers in {{{{ area.name }}}} work in many places.

```{{exercise}} reflection
id: {slug}-thoughts
# FIXME: your own question, in plain words
prompt: What interests you most about this, and why?
min_words: 30
```

```{{exercise}} reflection
id: {slug}-next
prompt: What is one thing you would like to find out more about?
min_words: 20
```

```{{exercise}} scale
id: {slug}-confidence
prompt: How confident do you feel about this topic?
low: Not confident yet
high: Very confident
```

+++

## Key points

<!-- FIXME: three to five key points trainees take away -->
- Peer support happens in many places.
"""

ASSESSMENT = """\
---
module: {id}
kind: assessment
title: {assessment_title_yaml}
sources: []
---

# {title}: what you have learned

<!-- FIXME: a short, kind introduction to the assessment -->
This is a chance to show what you have learned. Take your time. Share only
what you want to.

```{{exercise}} reflection
id: {slug}-graded
# FIXME: your question for the reflection a trainer marks against the rubric
prompt: Describe one thing you learned in this module, and how you might use it.
min_words: 80
points: 4
outcomes: [{slug}-1]
```
"""

RUBRIC = """\
# How trainers mark the reflection in this module (see docs/authoring.md).
levels:
  - {{id: not-yet, label: Not yet, points: 0}}
  - {{id: meets, label: Meets, points: 1}}
  - {{id: strong, label: Strong, points: 2}}
criteria:
  - id: links-to-module
    name: Links to ideas from the module  # FIXME: what a trainer looks for in the reflection
    descriptors:
      not-yet: Does not yet use the ideas from this module.
      meets: Uses at least one idea from this module correctly.
      strong: Uses several ideas and shows how they connect.
comment_bank:
  - Thank you for sharing this with such care.
"""

FACILITATOR = """\
---
module: {id}
kind: facilitator
title: {facilitator_title_yaml}
sources: []
---

# {title}: notes for trainers

## Session plan

<!-- FIXME: timings that add up to the module's hours, with what happens in each part -->
- 15 minutes: welcome and check-in
- 60 minutes: the lesson, in small groups

## If someone is distressed

Stop the activity gently. Offer a quiet space and a break. Remind everyone of
these lines:

{{{{ area.crisis_lines }}}}

## Local signposting

{{{{ area.local_services }}}}
"""


@dataclass(frozen=True)
class LocalModuleFiles:
    """What `area add-module` wrote: each file with the FIXME notes left in it."""

    written: list[tuple[Path, list[Fixme]]]


def add_local_module(
    root: Path, module_id: str, title: str, after: str | None = None
) -> LocalModuleFiles:
    """Write a local module's lesson, assessment, rubric and notes, and list it in area.yml."""
    if not MODULE_ID_PATTERN.match(module_id):
        raise AreaNotWritten(
            f"`{module_id}` is not a module id: use two digits, a hyphen and lower-case words, "
            "like 12-local-roles"
        )
    project = load_project(root)
    if project.curriculum is None or project.area is None:
        raise AreaNotWritten("the curriculum has problems to fix first: run `peer2peer check`")
    if module_id in [module.id for module in project.curriculum.modules]:
        raise AreaNotWritten(f"the course already has a module `{module_id}`: choose another id")
    lesson_folder = LOCAL_FOLDER / "modules" / module_id
    assessment_folder = LOCAL_FOLDER / "assessments" / module_id
    for folder in (lesson_folder, assessment_folder):
        if (root / folder).exists():
            raise AreaNotWritten(f"{folder.as_posix()} exists already, so nothing was written")
    slug = module_id.split("-", 1)[1]
    words = {
        "id": module_id,
        "slug": slug,
        "title": title,
        "title_yaml": json.dumps(title, ensure_ascii=False),
        "assessment_title_yaml": json.dumps(f"{title}: assessment", ensure_ascii=False),
        "facilitator_title_yaml": json.dumps(f"{title}: facilitator notes", ensure_ascii=False),
        "outcome": "say what you can do after this module",
    }
    files = {
        lesson_folder / "lesson.md": LESSON,
        lesson_folder / "facilitator.md": FACILITATOR,
        assessment_folder / "assessment.md": ASSESSMENT,
        assessment_folder / "rubric.yml": RUBRIC,
    }
    written = []
    for relative, template in files.items():
        text = template.format(**words)
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
        written.append((root / relative, find_fixmes(text, markdown=relative.suffix == ".md")))
    area_text = _listed(
        (root / AREA_FILE).read_text(encoding="utf-8"),
        _entry(module_id, title, after, lesson_folder / "lesson.md", assessment_folder, slug),
    )
    (root / AREA_FILE).write_text(area_text, encoding="utf-8")
    written.insert(0, (root / AREA_FILE, find_fixmes(area_text)))
    return LocalModuleFiles(written)


def _entry(
    module_id: str, title: str, after: str | None, lesson: Path, assessment: Path, slug: str
) -> CommentedMap:
    """The module's entry under `modules: add:`, with FIXME notes on what is still to choose."""
    entry = CommentedMap()
    entry["id"] = module_id
    entry["title"] = title
    if after:
        entry["after"] = after
    entry["hours"] = 2
    entry["lesson"] = lesson.as_posix()
    entry["assessment"] = assessment.as_posix()
    for key in ("values", "competencies"):
        entry[key] = CommentedSeq()
        entry[key].fa.set_flow_style()
    outcome = CommentedMap(id=f"{slug}-1", text="Say what you can do after this module.")
    outcome.yaml_add_eol_comment("# FIXME: what trainees can do afterwards, in plain words", "text")
    entry["outcomes"] = CommentedSeq([outcome])
    notes = {
        "hours": "how long the group session is, in hours",
        "values": "ids from `values:` in curriculum/curriculum.yml, like [hope, mutuality]",
        "competencies": "ids from `competencies:` in curriculum/curriculum.yml",
    }
    for key, hint in notes.items():
        entry.yaml_add_eol_comment(f"# FIXME: {hint}", key)
    return entry


def _listed(area_text: str, entry: CommentedMap) -> str:
    """area.yml with `entry` added under `modules: add:`, keeping every comment.

    Without a `modules:` section yet, one is added at the end of the file, after the notes
    that explain it.
    """
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    data = yaml.load(area_text)
    if data.get("modules") is None:
        data.pop("modules", None)
        section = CommentedMap(modules=CommentedMap(add=CommentedSeq([entry])))
        return area_text.rstrip("\n") + "\n\n" + _dumped(yaml, section)
    if data["modules"].get("add") is None:
        data["modules"]["add"] = CommentedSeq()
    data["modules"]["add"].append(entry)
    return _dumped(yaml, data)


def _dumped(yaml: YAML, data: CommentedMap) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
