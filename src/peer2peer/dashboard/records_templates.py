"""HTML of the register page and the course-records view: Jinja2 templates that escape by default.

A stand-in with the same `render(name, **context)` as `peer2peer.dashboard.templating`
(being written on another branch); when both are merged, this module gives way to it.
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
    """The HTML of template `name` (such as "register_heading.html") filled with `context`."""
    return Markup(ENVIRONMENT.get_template(name).render(**context))
