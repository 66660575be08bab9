"""Stigmatising words are found, whole words only, with a kinder suggestion."""

from __future__ import annotations

import re._constants as _sre  # the parsed form of a pattern, to see how it starts
import re._parser as _parser

import pytest

from peer2peer.curriculum.language import FIRST_LETTERS, STIGMATISING, find_unkind_words


@pytest.mark.parametrize(
    "text",
    [
        "He suffers from depression.",
        "Services for the mentally ill.",
        "Her brother committed suicide.",
        "Stop being so crazy.",
        "That is attention-seeking.",
        "He was non-compliant with treatment.",
        "Unlike normal people, ...",
        "She is a schizophrenic.",
    ],
)
def test_stigmatising_phrases_are_found(text: str) -> None:
    [found] = find_unkind_words(text)
    assert found.line == 1 and found.kinder


#: One use of each phrase in the list, in the list's order.
EVERY_PHRASE = [
    "She suffered with anxiety.",
    "Mentally ill people were there.",
    "He commits suicide in the film.",
    "It was an unsuccessful suicide.",
    "Do not call him a schizo.",
    "Some psychos in the news.",
    "Lunatics, they said.",
    "A nutter, he said.",
    "That nutcase again.",
    "The loonies next door.",
    "A crazy week.",
    "It was insane.",
    "Attention seeking again.",
    "She is manipulative.",
    "He was noncompliant.",
    "Normal people do not.",
    "He is an anorexic.",
]


def test_every_phrase_in_the_list_is_found_with_its_own_suggestion() -> None:
    assert len(EVERY_PHRASE) == len(STIGMATISING)
    for text, kinder in zip(EVERY_PHRASE, STIGMATISING.values(), strict=True):
        [found] = find_unkind_words(text)
        assert found.kinder == kinder, text


def test_ordinary_words_that_contain_a_term_are_not_flagged() -> None:
    text = "Psychology and psychodrama were part of the course. Committed to recovery."
    assert find_unkind_words(text) == []


def test_a_quoted_phrase_is_shown_not_used() -> None:
    assert find_unkind_words('Instead of "suffers from", say "lives with".') == []
    assert find_unkind_words("Instead of \u201cthe mentally ill\u201d, say people.") == []


def test_lines_are_counted_from_the_first_line_given() -> None:
    [found] = find_unkind_words("fine\nshe suffers with it", first_line=10)
    assert (found.line, found.phrase) == (11, "suffers with")


def _first_letters(items: list) -> tuple[set[str], bool]:
    """The characters a parsed pattern can start with, and whether it can match nothing."""
    found: set[str] = set()
    for op, argument in items:
        if op is _sre.LITERAL:
            return found | {chr(argument)}, False
        if op is _sre.AT:  # \b and the like take no character
            continue
        if op is _sre.SUBPATTERN:
            first, empty = _first_letters(argument[-1])
        elif op is _sre.BRANCH:
            parts = [_first_letters(branch) for branch in argument[1]]
            first = set().union(*(part for part, _ in parts))
            empty = any(empty for _, empty in parts)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            first, empty = _first_letters(argument[2])
            empty = empty or argument[0] == 0
        else:
            raise AssertionError(f"this test does not know how {op} starts a phrase")
        found |= first
        if not empty:
            return found, False
    return found, True


def test_first_letters_hold_the_first_letter_of_every_phrase() -> None:
    for pattern in STIGMATISING:
        first, empty = _first_letters(list(_parser.parse(pattern)))
        assert not empty, pattern
        assert {letter.lower() for letter in first} <= set(FIRST_LETTERS), pattern
