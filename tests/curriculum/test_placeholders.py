"""Placeholders are found with their lines and filled from the area's values."""

import pytest

from peer2peer.curriculum.placeholders import (
    UndefinedPlaceholder,
    fill,
    find_placeholders,
    find_slips,
    render,
)

AREA = {
    "name": "Moray",
    "contact": {"phone": "01343 000000"},
    "trainers": ["Alex", "Sam", "Jo"],
    "crisis_lines": [{"name": "Samaritans", "phone": "116 123", "hours": "any time"}],
}


def test_found_with_lines() -> None:
    found = find_placeholders("a\n{{ area.name }} and {{area.contact.phone}}\n", first_line=5)
    assert [(p.key, p.line) for p in found] == [("name", 6), ("contact.phone", 6)]


def test_fill_scalars_lists_and_records() -> None:
    assert fill("In {{ area.name }}, call {{ area.contact.phone }}.", AREA) == (
        "In Moray, call 01343 000000."
    )
    assert fill("{{ area.trainers }}", AREA) == "Alex, Sam and Jo"
    assert render(AREA["crisis_lines"]) == "- **Samaritans**: 116 123 (any time)\n"


def test_undefined_key_raises() -> None:
    with pytest.raises(UndefinedPlaceholder):
        fill("{{ area.helpline }}", AREA)


def test_an_empty_list_says_nothing() -> None:
    assert fill("Services:\n{{ area.local_services }}", {"local_services": []}) == "Services:\n"


def test_slips_the_build_would_leave_as_typed_are_found() -> None:
    text = "{{ area.name }} {{AREA.name}}\n{{ area.trainers\n{{ name }} and { area.x }}\n"
    found = [(slip.written, slip.line, slip.fix) for slip in find_slips(text, first_line=3)]
    assert found == [
        ("{{AREA.name}}", 3, "write `area` in small letters, with no spaces inside the name: "
         "{{ area.name }}"),
        ("{{ area.trainers", 4, "end it with `}}` on the same line: {{ area.trainers }}"),
        ("{{ name }}", 5, "write {{ area.name }} for a value of area.yml, or remove the braces"),
        ("}}", 5, "write the placeholder whole, such as {{ area.name }}, or remove the `}}`"),
    ]  # fmt: skip
    assert fill("{{AREA.name}}", AREA) == "{{AREA.name}}"  # why they matter: left as typed
    assert find_slips("{{ area.name }} and {{area.contact.phone}}\n") == []
