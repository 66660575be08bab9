"""Placeholders are found with their lines and filled from the area's values."""

import pytest

from peer2peer.curriculum.placeholders import UndefinedPlaceholder, fill, find_placeholders, render

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
