"""The glossary in a text: short forms it must explain, and the terms a text uses.

A short form (an acronym) is a word with two capital letters in a row, such as CHIME,
SCQF, ImROC or A&E. Roman numerals, code, web and email addresses and placeholders are
not words a trainee reads as short forms, so they are left out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from peer2peer.curriculum.myst import FENCE_MARKS
from peer2peer.curriculum.schema import Glossary, GlossaryTerm

_WORD = re.compile(r"(?<![A-Za-z0-9&+'’])[A-Za-z0-9][A-Za-z0-9&+]*")
_CAPITALS = re.compile(r"[A-Z]&?[A-Z]")
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
#: Fences whose words a trainee reads: exercises and local examples. Others hold code.
_READ_FENCES = ("{exercise}", "{local-example}")
_YAML_COMMENT = re.compile(r"(^|\s)#[^\n]*")
#: What is not words, each with the texts one of its matches must contain (so that a text
#: without any of them is not searched: most are not, and the build reads every cell).
_NOT_WORDS = [
    (re.compile(r"<!--.*?-->", re.DOTALL), ("<!--",)),  # notes to authors, never shown
    (re.compile(r"`[^`\n]*`"), ("`",)),  # inline code
    (re.compile(r"\]\([^)\s]*\)"), ("](",)),  # a link's address
    (re.compile(r"<[a-z]+:[^>\s]*>|<[^>\n]*>"), ("<",)),  # autolinks and HTML tags
    (
        re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+|\b(?:tel|mailto):\S+"),
        ("http", "www.", "@", "tel:", "mailto:"),
    ),
    (re.compile(r"\{\{[^}\n]*\}\}"), ("{{",)),  # placeholders: checked in area.yml itself
]


@dataclass(frozen=True)
class ShortForm:
    """A short form found in a text, and its line."""

    word: str
    line: int


def words_only(text: str) -> str:
    """`text` with code, addresses, comments and placeholders blanked; lines stay put."""
    lines = text.splitlines(keepends=True) if any(m in text for m in FENCE_MARKS) else []
    fence, kind = "", ""  # the fence we are inside, and what it holds: code, yaml or text
    for number, line in enumerate(lines):  # (with no fence in the text, it stays as it is)
        opens = line.lstrip().startswith(FENCE_MARKS)  # as _FENCE matches, but quicker
        if not opens and (kind in ("", "text") or (kind == "yaml" and "#" not in line)):
            continue  # neither a fence nor anything to blank: the line stays as it is
        match = _FENCE.match(line)
        if fence and match and not match["info"].strip() and _closes(match["fence"], fence):
            fence, kind, line = "", "", ""
        elif not fence and match:
            info = match["info"].strip()
            fence, line = match["fence"], ""
            kind = "yaml" if info.startswith("{exercise}") else "text"
            kind = kind if info.startswith(_READ_FENCES) else "code"
        elif kind == "code":
            line = ""
        elif kind == "yaml":  # an exercise: its YAML comments are notes to authors
            line = _YAML_COMMENT.sub("", line.rstrip("\n"))
        lines[number] = line.rstrip("\n") + ("\n" if lines[number].endswith("\n") else "")
    said = "".join(lines) if lines else text
    for pattern, needles in _NOT_WORDS:
        if any(needle in said for needle in needles):
            said = pattern.sub(_blank, said)
    return said


def _blank(match: re.Match[str]) -> str:
    """The match with every character but line breaks made a space."""
    return _NOT_A_BREAK.sub(" ", match.group(0))


_NOT_A_BREAK = re.compile(r"[^\n]")


def _closes(marks: str, fence: str) -> bool:
    return set(marks) == {fence[0]} and len(marks) >= len(fence)


def is_short_form(word: str) -> bool:
    """True for a word with two capitals in a row (A&E counts), other than a Roman numeral."""
    return bool(_CAPITALS.search(word)) and not _ROMAN.match(word)


def short_forms(text: str, first_line: int = 1) -> list[ShortForm]:
    """Every short form in `text`, in order, with its line (code and addresses left out)."""
    found = []
    for number, line in enumerate(words_only(text).splitlines(), start=first_line):
        if _CAPITALS.search(line):  # most lines have no two capitals in a row: no short form
            found.extend(
                ShortForm(word, number) for word in _WORD.findall(line) if is_short_form(word)
            )
    return found


def explained_short_forms(glossary: Glossary) -> set[str]:
    """The short forms the glossary explains: every one inside its terms ("NHS 24" gives NHS)."""
    return {
        _bare(m.group(0))
        for entry in glossary.terms
        for m in _WORD.finditer(entry.term)
        if is_short_form(m.group(0))
    }


def is_explained(word: str, explained: set[str]) -> bool:
    """True when the glossary explains a short form, or its plural ("GPs")."""
    word = _bare(word)
    return word in explained or (word.endswith("s") and word[:-1] in explained)


def _bare(word: str) -> str:
    return word.rstrip("+&")


def terms_used(text: str, glossary: Glossary) -> list[GlossaryTerm]:
    """The glossary terms `text` uses, in the order they first appear.

    A short form matches as written; other terms match in any case, and in the plural.
    Where terms overlap ("NHS 24" and "NHS"), the longer one is the one used.
    """
    return TermFinder(glossary).used(text)


class TermFinder:
    """A glossary's terms, longest first, made ready once to be looked for in many texts."""

    def __init__(self, glossary: Glossary):
        longest_first = sorted(glossary.terms, key=lambda e: -len(e.term))
        self._terms = [(entry.term, _first_word(entry.term)) for entry in longest_first]
        self._entries = {entry.term: entry for entry in glossary.terms}

    def used(self, text: str) -> list[GlossaryTerm]:
        """The terms `text` uses, in the order they first appear (as `terms_used` says)."""
        plain = words_only(text)
        folded = plain.casefold()
        claimed: list[tuple[int, int]] = []
        first: dict[str, int] = {}
        for term, first_word in self._terms:
            if first_word not in folded:
                continue  # cannot match: a quick look before the (slower) pattern
            for span in _term_spans(term, plain):
                if any(start < span[1] and span[0] < end for start, end in claimed):
                    continue
                first.setdefault(term, span[0])
                claimed.append(span)
        # Each term is used first at its own place: claimed places never overlap.
        return [self._entries[term] for term in sorted(first, key=first.__getitem__)]


@functools.cache
def _first_word(term: str) -> str:
    return term.split()[0].casefold() if term.split() else ""


def _term_spans(term: str, plain: str) -> Iterator[tuple[int, int]]:
    """Where `term` stands in `plain` as whole words, in order.

    The same as searching with a look behind for a word character first, but faster: a
    pattern that starts with the term's own letters is searched for quickly.
    """
    pattern, at = _term_pattern(term), 0
    while match := pattern.search(plain, at):
        start = match.start()
        if start and _JOINS_A_WORD.match(plain, start - 1):
            at = start + 1  # inside a longer word: look again from the next letter
            continue
        yield match.span()
        at = max(match.end(), start + 1)


_JOINS_A_WORD = re.compile(r"[\w&+-]")


@functools.cache
def _term_pattern(term: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(part) for part in term.split())
    flags = 0 if is_short_form(term) else re.IGNORECASE
    return re.compile(rf"{words}(?:e?s)?(?![\w&+-])", flags)


_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):")
_ENTRY_KEY = re.compile(r"^\s*(?:-\s+)?(?P<key>[A-Za-z_][\w-]*):")


def read_by_trainees(markdown: str) -> str:
    """A lesson or assessment with its front matter blanked, but for its title and content note.

    Sources are for authors and trainers; the build shows trainees the rest.
    """
    lines = markdown.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return markdown
    key = ""
    for number in range(1, len(lines)):
        if lines[number].strip() == "---":
            break
        found = _TOP_KEY.match(lines[number])
        key = found["key"] if found else key
        if key not in ("title", "content_note"):
            lines[number] = "\n"
    lines[0] = "\n"
    return "".join(lines)


def yaml_words(text: str, keys: tuple[str, ...] = ()) -> str:
    """A YAML text with its comments blanked, and (given `keys`) every value but theirs."""
    said = []
    key = ""
    for line in text.splitlines(keepends=True):
        found = _ENTRY_KEY.match(line)
        key = found["key"] if found else key
        if line.lstrip().startswith("#") or (keys and key not in keys):
            said.append("\n")
        else:
            said.append(re.sub(r"(^|\s)#.*$", "", line.rstrip("\n")) + "\n")
    return "".join(said)
