"""Static copies of answers (for grading and feedback) come from templates that escape all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from markupsafe import Markup

from peer2peer.curriculum.stories import AUDIENCES, SECTIONS
from peer2peer.exercises import static
from peer2peer.shared.templating import environment

EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
TEMPLATES = Path(static.__file__).parent / "templates"


def test_every_template_is_escaped_and_none_switches_it_off() -> None:
    templates = environment(static.PACKAGE)
    assert templates.autoescape is True
    names = templates.list_templates()
    assert {"reflection.html", "story.html"} <= set(names)
    for name in names:
        source = (TEMPLATES / name).read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b|autoescape\s+false|Markup", source), name


def test_a_missing_variable_is_an_error_not_an_empty_string() -> None:
    with pytest.raises(UndefinedError, match="is undefined"):
        environment(static.PACKAGE).get_template("scale.html").render(value=3)


SHARED = {
    "audience": "trainer",
    "naming": EVIL,
    "content_notes": [EVIL],
    "sections": {key: EVIL for key in SECTIONS},
}
COPIES = {
    "reflection": lambda: static.reflection(EVIL, 50),
    "scale": lambda: static.scale(EVIL, EVIL, EVIL, 1, 5),
    "choice": lambda: static.choice([EVIL, "a"], {"a": EVIL}),
    "order": lambda: static.order(["a", EVIL], {"a": EVIL}),
    "match": lambda: static.match({"s": "c"}, {"s": EVIL}, {"c": EVIL}),
    "story shared": lambda: static.story(SHARED, SECTIONS, AUDIENCES),
    "story withdrawn": lambda: static.story({"withdrawn": True, "withdrawn_at": EVIL}, {}, {}),
}


@pytest.mark.parametrize("kind", COPIES)
def test_each_copy_escapes_what_the_trainee_wrote(kind: str) -> None:
    html = COPIES[kind]()
    assert isinstance(html, Markup)
    assert "<script" not in html and "<img" not in html and ESCAPED in html


def test_copies_keep_their_words_and_layout() -> None:
    assert static.reflection("one two\n three", 5) == (
        '<div style="white-space: pre-wrap">one two\n three</div><p>3 words (aim: about 5)</p>'
    )
    assert static.reflection("") == "<p><em>No answer written yet.</em></p>"
    assert static.scale(None, "low", "high", 1, 5) == "<p><em>Not rated yet.</em></p>"
    assert static.scale(3, "low", "high", 1, 5) == (
        "<p>Rating: <strong>3</strong> (1 = low, 5 = high)</p>"
    )
    assert static.choice("b", {"b": "Bee"}) == "<p>Chosen:</p><ul><li>Bee</li></ul>"
    assert static.order([], {}) == "<p><em>Not answered yet.</em></p>"
    assert static.match({"s": "x"}, {"s": "S", "t": "T"}, {"x": "X"}) == (
        "<ul><li>S: <strong>X</strong></li><li>T: <strong>not matched</strong></li></ul>"
    )
    private = static.story({"audience": "only-me", "sections": {"before": "SECRET"}}, SECTIONS, {})
    assert "SECRET" not in private and "private" in private
    shared = static.story({"audience": "trainer", "sections": {}}, SECTIONS, AUDIENCES)
    assert "Content notes: none." in shared and shared.count("<p>-</p>") == len(SECTIONS)
