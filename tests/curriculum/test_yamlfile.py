"""YAML is read with the line of every key, and syntax errors name their line."""

import pytest

from peer2peer.curriculum.yamlfile import YamlError, line_of, parse_fast, parse_yaml, to_plain


def test_line_of_finds_nested_keys_and_list_items() -> None:
    data = parse_yaml("a: 1\nmodules:\n  - id: x\n    hours: 2\n  - id: y\n")
    assert line_of(data, ["a"]) == 1
    assert line_of(data, ["modules", 0, "hours"]) == 4
    assert line_of(data, ["modules", 1]) == 5


def test_line_of_stops_at_the_deepest_part_that_exists() -> None:
    data = parse_yaml("modules:\n  - id: x\n")
    assert line_of(data, ["modules", 0, "missing"]) == 2
    assert line_of(data, ["modules", 0], offset=10) == 12


def test_syntax_error_names_its_line_and_a_fix() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml("title: ok\nlist: [unclosed\nnext: 1\n")
    assert caught.value.line >= 2
    assert "quotes" in caught.value.fix


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml("a: 1\na: 2\n")
    assert caught.value.what == "YAML syntax error: a key appears twice"


def test_to_plain_gives_plain_containers() -> None:
    plain = to_plain(parse_yaml("a:\n  - b: 1\n"))
    assert plain == {"a": [{"b": 1}]} and type(plain) is dict and type(plain["a"]) is list


TRICKY = [
    "on",
    "yes",
    "No",
    "n",
    "010",
    "0o17",
    "0x1F",
    "1_000",
    "9:30",
    "2026-01-01",
    "~",
    "",
    ".5",
    "1e3",
    ".inf",
    '"true"',
    "2.5",
    "-3",
    "true",
    "0800 83 85 87",
]


def _base(value: object) -> object:
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return kind(value)
    return value


@pytest.mark.parametrize("scalar", TRICKY)
def test_fast_parser_reads_scalars_as_the_line_aware_one_does(scalar: str) -> None:
    fast = parse_fast(f"a: {scalar}")["a"]
    precise = to_plain(parse_yaml(f"a: {scalar}"))["a"]
    assert (_base(fast), type(_base(fast))) == (_base(precise), type(_base(precise)))


def test_fast_parser_refuses_duplicate_keys() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        parse_fast("a: 1\na: 2\n")
