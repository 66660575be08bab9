"""Placeholders are found with their lines and filled from the area's values."""

import pytest

from peer2peer.curriculum.placeholders import (
    UndefinedPlaceholder,
    fill,
    find_placeholders,
    find_slips,
    phone_link,
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
    assert fill("In {{ area.name }}.", AREA) == "In Moray."
    assert fill("{{ area.trainers }}", AREA) == "Alex, Sam and Jo"
    assert render([{"name": "Hub", "what": "cafe", "contact": "01 2"}]) == (
        "- **Hub**: cafe (01 2)\n"
    )


def test_phone_numbers_become_tap_to_call_links_that_read_as_the_number() -> None:
    assert fill("Call {{ area.contact.phone }}.", AREA) == (
        "Call **[01343 000000](tel:01343000000)**."
    )
    assert fill("Call {{ area.contact.phone }}.", AREA, links=False) == "Call 01343 000000."
    assert phone_link("+44 1343 000000") == "**[+44 1343 000000](tel:+441343000000)**"
    assert phone_link("see the website") == "see the website"


def test_crisis_lines_say_their_hours_and_every_other_way_to_reach_them() -> None:
    assert fill("{{ area.crisis_lines }}", AREA) == (
        "- **Samaritans**: call **[116 123](tel:116123)**, any time.\n"
    )
    line = {
        "name": "Breathing Space",
        "phone": "0800 83 85 87",
        "hours": "Monday to Thursday 6pm to 2am",
        "text": "BREATHE to 00000",
        "web_chat": "https://breathingspace.scot/",
        "textphone": "18001 0800 22 44 88",
    }
    assert render([line], "crisis_lines") == (
        "- **Breathing Space**: call **[0800 83 85 87](tel:0800838587)**, Monday to Thursday "
        "6pm to 2am. Text BREATHE to 00000. Web chat: **[breathingspace.scot]"
        "(https://breathingspace.scot/)**. Textphone: **[18001 0800 22 44 88]"
        "(tel:180010800224488)**.\n"
    )


def test_the_course_contact_reads_as_a_sentence_with_links() -> None:
    contact = {"email": "team@example.org", "phone": "01234 567890", "hours": "weekdays"}
    assert render(contact, "contact") == (
        "email **[team@example.org](mailto:team@example.org)** or call "
        "**[01234 567890](tel:01234567890)**, weekdays"
    )


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
