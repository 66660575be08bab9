"""Front matter and exercise fences are found with their line numbers."""

import pytest

from peer2peer.curriculum.myst import (
    ExerciseBlock,
    UnclosedFence,
    find_exercises,
    plain_text,
    split_front_matter,
    split_markdown,
)

TEXT = """---
module: 01-x
---

Intro

```{exercise} choice
id: q
```

````{exercise} reflection
id: r
```
not the end
```
````
"""


def test_front_matter_and_where_the_body_starts() -> None:
    front = split_front_matter(TEXT)
    assert front.yaml == "module: 01-x\n"
    assert front.body_first_line == 4
    assert split_front_matter("# no front matter\n") is None


def test_exercises_are_found_with_lines_and_longer_fences_nest() -> None:
    front = split_front_matter(TEXT)
    blocks = find_exercises(front.body, front.body_first_line)
    assert [(b.kind, b.line, b.body_line) for b in blocks] == [
        ("choice", 7, 8),
        ("reflection", 11, 12),
    ]
    assert "not the end" in blocks[1].body


def test_unclosed_fence_names_its_line() -> None:
    with pytest.raises(UnclosedFence) as caught:
        find_exercises("a\n```{exercise} scale\nid: s\n", first_line=10)
    assert caught.value.line == 11


def test_split_markdown_keeps_text_and_blocks_in_order() -> None:
    parts = split_markdown("Before\n\n```{exercise} scale\nid: s\n```\n\nAfter\n")
    assert parts[0] == "Before" and isinstance(parts[1], ExerciseBlock) and parts[2] == "After"


def test_plain_text_says_each_list_item_as_a_sentence_of_its_own() -> None:
    prompt = (
        "Think about the course. In your own words:\n\n"
        "- say why it matters\n"
        "- name one goal, and one way you will look after yourself during\n"
        "  the course\n\n"
        "You can use an example."
    )
    assert plain_text(prompt) == (
        "Think about the course. In your own words: Say why it matters. Name one goal, and "
        "one way you will look after yourself during the course. You can use an example."
    )
    assert plain_text("1. What helped?\n2. what did not") == "What helped? What did not."
    assert plain_text("One line\nwrapped, no stop") == "One line wrapped, no stop"


def test_a_code_fence_inside_an_exercise_is_found() -> None:
    front = split_front_matter(TEXT)
    nested = find_exercises(front.body, front.body_first_line)[1]
    assert nested.code_fences() == [13, 15]  # inside a longer fence: a code block in the prompt
    cut = find_exercises("```{exercise} reflection\nid: r\nprompt: |\n  Like this:\n  ```\n")
    assert cut[0].closing == "  ```" and cut[0].code_fences() == [5]  # it ends the exercise
    assert find_exercises("```{exercise} scale\nid: s\n```\n")[0].code_fences() == []
