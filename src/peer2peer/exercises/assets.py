"""The widgets' scripts and styles: one shared file of each, then each widget's own.

`common.js` (making elements, asking before a choice with consequences) and `exercise.css`
(the exercise look: large targets, a visible focus ring) are written once, in
`exercises/static`, and served before the script or style of each widget that uses them:
the lesson's exercises and the home page's stories and workbooks.
"""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).parent / "static"


def esm(own: Path) -> str:
    """A widget's script: the shared helpers, then its own."""
    shared = (STATIC / "common.js").read_text(encoding="utf-8")
    return shared + "\n" + own.read_text(encoding="utf-8")


def stylesheet(own: Path | None = None) -> str:
    """A widget's style: the exercise look, then its own rules."""
    shared = (STATIC / "exercise.css").read_text(encoding="utf-8")
    return shared + ("\n" + own.read_text(encoding="utf-8") if own else "")
