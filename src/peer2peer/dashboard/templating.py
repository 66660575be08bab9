"""The trainer pages' HTML: Jinja2 templates shipped in dashboard/templates/, escaping by default.

Python hands a template plain values (names, answers, ids, numbers) and the template escapes
every one. Only what `render` returns is markup: it is `Markup`, so a fragment one template
made goes into another as it is (never escaped twice), with no `|safe` anywhere.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

ENVIRONMENT = Environment(
    loader=PackageLoader("peer2peer.dashboard", "templates"),
    autoescape=True,  # every template, whatever its name
    undefined=StrictUndefined,  # a variable the caller forgot is an error, not an empty string
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(name: str, /, **context: Any) -> Markup:
    """The HTML of template `name` (such as "pill.html") filled with `context`, escaped."""
    return Markup(ENVIRONMENT.get_template(name).render(**context))
