"""Words that stigmatise, and kinder words to use instead.

The list serves `peer2peer check`, so that an area adapting the course keeps to it too.
Each entry is a regular expression (matched as whole words, any case) and a suggestion.
A phrase inside quotation marks is taken as shown, not used: a lesson may quote it to avoid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STIGMATISING: dict[str, str] = {
    r"suffer(s|ed|ing)? (from|with)": 'say "lives with" or "has experience of"',
    r"(the )?mentally ill( people| person)?": (
        'say "people with experience of mental health problems"'
    ),
    r"committ?(ed|s|ing)? suicide": 'say "died by suicide" or "took their own life"',
    r"(un)?successful suicide|failed suicide": 'say "died by suicide" or "survived"',
    r"schizo(s)?": "name the person, not a label",
    r"psycho(s)?": "name the person, not a label",
    r"lunatics?": "name the person, not a label",
    r"nutters?": "name the person, not a label",
    r"nutcase": "name the person, not a label",
    r"loony|loonies": "name the person, not a label",
    r"crazy": 'describe what happened, for example "really distressed"',
    r"insane": 'describe what happened, for example "very unwell"',
    r"attention[- ]seeking": 'say "looking for connection" or "reaching out"',
    r"manipulative": "describe what the person did and what they might need",
    r"non-?compliant": 'say "chose not to take" or "stopped taking"',
    r"normal people": 'say "people without this experience"',
    r"(a|an|the) (schizophrenic|depressive|anorexic|bipolar)s?\b": (
        'put the person first: "a person living with ..."'
    ),
}

#: Every letter a phrase above can start with (tests/curriculum/test_language.py checks this
#: against the phrases themselves: add the first letter of a new phrase here).
FIRST_LETTERS = "acfilmnpstu"

# One search per line for all of them (much faster than one per phrase): group pN is phrase N.
# The phrases are tried only where a word starts with one of their first letters (five times
# faster than trying each phrase at every word boundary).
_ANY = re.compile(
    rf"\b(?=[{FIRST_LETTERS}])(?:"
    + "|".join(rf"(?P<p{n}>{pattern})" for n, pattern in enumerate(STIGMATISING))
    + r")\b",
    re.IGNORECASE,
)
_KINDER = {f"p{n}": kinder for n, kinder in enumerate(STIGMATISING.values())}


@dataclass(frozen=True)
class UnkindWords:
    """A stigmatising phrase found in a text, where, and what to say instead."""

    line: int
    phrase: str
    kinder: str


def find_unkind_words(text: str, first_line: int = 1) -> list[UnkindWords]:
    """Every stigmatising phrase in `text`, with its line number."""
    if not _ANY.search(text):  # no phrase spans lines, so none is in any line: most texts
        return []
    found = []
    for number, line in enumerate(text.splitlines(), start=first_line):
        for match in _ANY.finditer(line):
            if not _quoted(line, match.start()):
                found.append(UnkindWords(number, match.group(0), _KINDER[match.lastgroup]))
    return found


def _quoted(line: str, start: int) -> bool:
    """True inside quotation marks: a lesson on language may show a phrase to avoid."""
    before = line[:start]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")
