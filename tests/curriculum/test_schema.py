"""Rules the schema itself enforces on exercises."""

import pytest
from pydantic import ValidationError

from peer2peer.curriculum.schema import EXERCISE_KINDS, Choice, Reflection, is_graded


def test_known_kinds_are_data() -> None:
    assert list(EXERCISE_KINDS) == [
        "reflection", "scale", "choice", "order", "match", "story", "private",
    ]  # fmt: skip


def test_multiple_answer_needs_multiple_true() -> None:
    with pytest.raises(ValidationError, match="add `multiple: true`"):
        Choice(id="q", prompt="P", options={"a": "A", "b": "B"}, answer=["a", "b"])


def test_graded_choice_needs_an_answer() -> None:
    with pytest.raises(ValidationError, match="has no `answer`"):
        Choice(id="q", prompt="P", options={"a": "A", "b": "B"}, points=1)


def test_feedback_only_for_options() -> None:
    with pytest.raises(ValidationError, match="not an option"):
        Choice(id="q", prompt="P", options={"a": "A", "b": "B"}, feedback={"c": "?"})


def test_answer_keys_are_sorted_and_graded_means_points() -> None:
    spec = Choice(
        id="q", prompt="P", options={"a": "A", "b": "B"}, multiple=True, answer=["b", "a"]
    )
    assert spec.answer_keys() == ["a", "b"]
    assert not is_graded(spec)
    assert is_graded(Reflection(id="r", prompt="P", points=4))


def test_match_answer_must_use_known_statements_and_categories() -> None:
    from peer2peer.curriculum.schema import Match

    base = {"id": "m", "prompt": "P", "categories": {"a": "A", "b": "B"}, "statements": {"s": "S"}}
    with pytest.raises(ValidationError, match="not a category"):
        Match(**base, answer={"s": "c"})
    with pytest.raises(ValidationError, match="gives nothing for 's'"):
        Match(**base, answer={}, points=1)
    with pytest.raises(ValidationError, match="has no `answer`"):
        Match(**base, points=1)


def test_order_steps_must_differ() -> None:
    from peer2peer.curriculum.schema import Order

    with pytest.raises(ValidationError, match="two `steps` are the same"):
        Order(id="o", prompt="P", steps=["A", "A"])


def test_match_feedback_is_given_by_statement() -> None:
    from peer2peer.curriculum.schema import Match

    base = {"id": "m", "prompt": "P", "categories": {"a": "A", "b": "B"}, "statements": {"s": "S"}}
    assert Match(**base, feedback={"s": "Because."}).feedback == {"s": "Because."}
    with pytest.raises(ValidationError, match="not a statement"):
        Match(**base, feedback={"t": "?"})


def test_order_is_graded_by_place_unless_it_says_pairs() -> None:
    from peer2peer.curriculum.schema import Order

    steps = ["Stay", "Listen", "Ask", "Tell", "Record"]
    assert Order(id="o", prompt="P", steps=steps).by == "place"
    spec = Order(id="o", prompt="P", steps=steps, by="pairs", any_order=[[1, 2, 3]])
    pairs = spec.pairs_that_count()
    assert (0, 1) not in pairs and (1, 2) not in pairs and (0, 2) not in pairs
    assert (0, 3) in pairs and (3, 4) in pairs and len(pairs) == 10 - 3


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"any_order": [[1, 2]]}, "add `by: pairs`"),
        ({"by": "pairs", "any_order": [[1, 3]]}, "skips a step"),
        ({"by": "pairs", "any_order": [[2, 9]]}, "use numbers from 1 to 3"),
        ({"by": "pairs", "any_order": [[1, 2], [2, 3]]}, "in another group too"),
        ({"by": "pairs", "any_order": [[1, 2, 3]]}, "nothing can be graded"),
    ],
)
def test_any_order_groups_must_make_sense(extra: dict, words: str) -> None:
    from peer2peer.curriculum.schema import Order

    with pytest.raises(ValidationError, match=words.replace("`", ".")):
        Order(id="o", prompt="P", steps=["A", "B", "C"], **extra)


def test_crisis_lines_may_give_other_routes_and_the_glossary_each_term_once() -> None:
    from peer2peer.curriculum.schema import CrisisLine, Glossary

    line = CrisisLine(name="L", phone="1", hours="any time", web_chat="https://x.org")
    assert line.text is None and line.textphone is None
    term = {"term": "CHIME", "meaning": "M", "source": "S"}
    assert len(Glossary(terms=[term]).terms) == 1
    with pytest.raises(ValidationError, match="given twice"):
        Glossary(terms=[term, {**term, "term": "chime"}])
