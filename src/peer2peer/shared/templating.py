"""HTML from Jinja2 templates shipped in the package, escaped by default.

No page or file we make is built by f-string: a trainee's words are always text, never
markup. Each wing keeps its templates in a `templates/` folder of its own.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined


@cache
def environment(package: str) -> Environment:
    """The template environment of one package (e.g. "peer2peer.cohort"), made once."""
    return Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(package: str, name: str, **context: object) -> str:
    """Render template `name` of `package` with `context`; every value is escaped."""
    return environment(package).get_template(name).render(**context)
