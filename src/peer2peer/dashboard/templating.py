"""The pages' HTML: templates in dashboard/templates/, through the package's one environment.

Python hands a template plain values (names, answers, ids, numbers) and the template escapes
every one (`peer2peer.templating`: autoescape, StrictUndefined). Only what `render` returns
is markup: it is `Markup`, so a fragment one template made goes into another as it is
(never escaped twice), with no `|safe` anywhere.
"""

from __future__ import annotations

from markupsafe import Markup

from peer2peer.templating import environment

PACKAGE = "peer2peer.dashboard"


def render(name: str, /, **context: object) -> Markup:
    """The HTML of template `name` (such as "pill.html") filled with `context`, escaped."""
    return Markup(environment(PACKAGE).get_template(name).render(**context))
