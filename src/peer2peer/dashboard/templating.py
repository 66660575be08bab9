"""The pages' HTML: templates in dashboard/templates/, through the package's one environment.

Python hands a template plain values (names, answers, ids, numbers) and the template escapes
every one (`peer2peer.shared.templating`: autoescape, StrictUndefined). Only what `render` returns
is markup: it is `Markup`, so a fragment one template made goes into another as it is
(never escaped twice), with no `|safe` anywhere.
"""

from __future__ import annotations

from html.parser import HTMLParser

from markupsafe import Markup

from peer2peer.shared.templating import environment

PACKAGE = "peer2peer.dashboard"


def render(name: str, /, **context: object) -> Markup:
    """The HTML of template `name` (such as "pill.html") filled with `context`, escaped."""
    return Markup(environment(PACKAGE).get_template(name).render(**context))


#: What a feedback page (cohort/templates/feedback.html) is made of; anything else is dropped.
FEEDBACK_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "section", "div", "dl", "dt", "dd", "span",
                 "strong", "em"}  # fmt: skip
SILENT = {"script", "style", "template", "textarea", "title"}
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def feedback_fragment(page: str, heading_shift: int = 0) -> Markup:
    """The inside of a feedback page's <main>, rebuilt from its text and its known tags.

    Only the tags our feedback pages use are kept, each with its class alone; every word is
    escaped again; headings move down by `heading_shift` (to sit under a page's own). So
    whatever a file in the exchange holds, it can add no script, link, style or image.
    """
    reader = _FeedbackReader(heading_shift)
    reader.feed(page)
    reader.close()
    return Markup("").join(reader.parts)


class _FeedbackReader(HTMLParser):
    """Reads a feedback page, keeping what `feedback_fragment` keeps."""

    def __init__(self, heading_shift: int):
        super().__init__(convert_charrefs=True)
        self.shift = heading_shift
        self.inside = 0  # how deep inside <main> we are (0: outside)
        self.skipping = 0  # inside a <script> or <style>, whose text is never words
        self.parts: list[Markup] = []

    def _tag(self, tag: str) -> str:
        if tag in HEADINGS:
            return HEADINGS[min(HEADINGS.index(tag) + self.shift, len(HEADINGS) - 1)]
        return tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep a known tag inside <main>, with its class."""
        if tag == "main":
            self.inside += 1
        elif tag in SILENT:
            self.skipping += 1
        elif self.inside and tag in FEEDBACK_TAGS:
            classes = next((value for name, value in attrs if name == "class" and value), "")
            kept = Markup(" class='{}'").format(classes) if classes else Markup("")
            self.parts.append(Markup("<{}{}>").format(self._tag(tag), kept))

    def handle_endtag(self, tag: str) -> None:
        """Close a known tag inside <main>."""
        if tag == "main":
            self.inside = max(self.inside - 1, 0)
        elif tag in SILENT:
            self.skipping = max(self.skipping - 1, 0)
        elif self.inside and tag in FEEDBACK_TAGS:
            self.parts.append(Markup("</{}>").format(self._tag(tag)))

    def handle_data(self, data: str) -> None:
        """Keep words inside <main>, escaped."""
        if self.inside and not self.skipping:
            self.parts.append(Markup("{}").format(data))
