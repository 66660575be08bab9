"""What a trainee reads in a lesson, as plain words, and how easy it is to read.

Run it on a file to see the score and the hardest sentences:
    .venv/bin/python tests/content/reading.py modules/02-story/lesson.md
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import textstat
import yaml

from peer2peer.curriculum import myst

EASY_ENOUGH = 60  # Flesch reading ease; 60-70 is plain English, about age 12-13

_EXERCISE_TEXT = ("prompt", "options", "steps", "statements", "categories", "low", "high")


def trainee_words(lesson_text: str) -> str:
    """The words a trainee reads: text and exercise wording, without markup or front matter."""
    front = myst.split_front_matter(lesson_text)
    body = front.body if front else lesson_text
    parts = []
    for part in myst.split_markdown(body):
        if isinstance(part, str):
            parts.append(part)
        else:
            spec = yaml.safe_load(part.body) or {}
            for key in _EXERCISE_TEXT:
                value = spec.get(key)
                if isinstance(value, dict):
                    parts.extend(str(v) for v in value.values())
                elif isinstance(value, list):
                    parts.extend(str(v) for v in value)
                elif value:
                    parts.append(str(value))
    return _plain("\n\n".join(parts))


def _plain(markdown: str) -> str:
    text = re.sub(r"\{\{[^}]*\}\}", "", markdown)  # local values vary by area
    text = re.sub(r"^`{3,}\{local-example\}.*$", "", text, flags=re.M)  # keep only its words
    text = re.sub(r"^\+\+\+$", "", text, flags=re.M)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*(#+|[-*]|\d+\.)\s+(.*)$", r"\2.", text, flags=re.M)  # items end a sentence
    text = re.sub(r"[*_`>|]+", "", text)
    text = re.sub(r"\.\.+", ".", text)
    return "\n".join(line for line in text.splitlines() if line.strip())


def reading_ease(lesson_text: str) -> float:
    """Flesch reading ease of what the trainee reads (higher is easier)."""
    return textstat.flesch_reading_ease(trainee_words(lesson_text))


def hardest_sentences(lesson_text: str, count: int = 8) -> list[tuple[float, str]]:
    """The sentences that pull the score down most, hardest first."""
    sentences = re.split(r"(?<=[.!?])\s+", trainee_words(lesson_text))
    scored = [(textstat.flesch_reading_ease(s), s) for s in sentences if len(s.split()) > 3]
    return sorted(scored)[:count]


if __name__ == "__main__":
    for name in sys.argv[1:]:
        text = Path(name).read_text(encoding="utf-8")
        print(f"{name}: reading ease {reading_ease(text):.1f} (needs {EASY_ENOUGH} or more)")
        for score, sentence in hardest_sentences(text):
            print(f"  {score:6.1f}  {sentence[:110]}")
