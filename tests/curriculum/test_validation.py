"""Schema failures become Problems that point at the right line and say how to fix them."""

from peer2peer.curriculum.schema import Area, Choice, Scale
from peer2peer.curriculum.validation import validate
from peer2peer.curriculum.yamlfile import parse_yaml

AREA = """name: X
organisation: Y
venue: Z
contact: {email: a@b.c, phone: "1", hours: any}
trainers: [Robin]
crisis_lines:
  - name: Samaritans
    phone: 116 123
"""


def test_missing_nested_key_points_at_its_parent_and_shows_an_example() -> None:
    model, problems = validate(Area, parse_yaml(AREA), "area.yml")
    assert model is None
    (problem,) = problems
    assert problem.line == 7
    assert "missing key `hours`" in problem.what
    assert problem.fix.startswith("add `hours: ")


def test_first_line_shifts_lines_of_text_found_inside_a_file() -> None:
    data = parse_yaml("id: q\nprompt: P\nlow: L\nhigh: H\nmin: 5\nmax: 3\n")
    _, problems = validate(Scale, data, "lesson.md", first_line=20, what_it_is="exercise `q`")
    (problem,) = problems
    assert (problem.line, problem.path) == (25, "lesson.md")
    assert problem.what.startswith("exercise `q`: `max` is not larger")


def test_wrong_type_says_what_kind_of_value_is_wanted() -> None:
    data = parse_yaml("id: q\nprompt: P\noptions: {a: A, b: B}\npoints: lots\nanswer: a\n")
    _, problems = validate(Choice, data, "x.md")
    assert any(p.line == 4 and "points" in p.what for p in problems)
    assert any("points: 1" in p.fix for p in problems)


def test_valid_data_gives_the_model() -> None:
    model, problems = validate(Area, parse_yaml(AREA + "    hours: any\n"), "area.yml")
    assert problems == [] and model.crisis_lines[0].phone == "116 123"
