"""Lesson Markdown as blocks a printed page can show: headings, paragraphs, list items, tables.

Both the PDF and the Word writer draw these blocks, so a lesson reads the same in each.
Links keep their words; a web address is said after them, in brackets, so that it can be
typed from paper. Phone links are just the number, which is already in the words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark").enable("table")


@dataclass(frozen=True)
class Run:
    """A stretch of words in one style."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Para:
    """A paragraph, heading or list item.

    `style` is "p", "h1" to "h6", or "item"; `marker` is an item's bullet or number;
    `depth` how deeply an item is nested (0 for the top); `quoted` that it stands in a box
    (a block quote, such as "Words in this part").
    """

    runs: list[Run]
    style: str = "p"
    marker: str = ""
    depth: int = 0
    quoted: bool = False

    @property
    def text(self) -> str:
        """The words without their styles."""
        return "".join(run.text for run in self.runs)


@dataclass
class Table:
    """A table of words; the first row is its heading row."""

    rows: list[list[list[Run]]] = field(default_factory=list)
    quoted: bool = False


Block = Para | Table


def blocks(markdown: str) -> list[Block]:
    """The blocks of a Markdown text, in reading order."""
    tokens = _PARSER.parse(markdown)
    found: list[Block] = []
    lists: list[list[int]] = []  # for each open list: [is ordered, next number]
    quoted = 0
    table: Table | None = None
    row: list[list[Run]] = []
    style, marker = "p", ""
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            style = token.tag
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1)
            lists.append([kind == "ordered_list_open", start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            ordered, number = lists[-1]
            marker = f"{number}." if ordered else "•"
            lists[-1][1] += 1
        elif kind == "blockquote_open":
            quoted += 1
        elif kind == "blockquote_close":
            quoted -= 1
        elif kind == "table_open":
            table = Table(quoted=quoted > 0)
        elif kind == "table_close" and table is not None:
            found.append(table)
            table = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and table is not None:
            table.rows.append(row)
        elif kind == "inline":
            runs = _runs(token.children or [])
            if table is not None:
                row.append(runs)
            elif runs:
                in_list = bool(lists) and style == "p"
                found.append(
                    Para(
                        runs,
                        "item" if in_list and marker else style,
                        marker if in_list else "",
                        max(len(lists) - 1, 0),
                        quoted > 0,
                    )
                )
                marker = ""  # a second paragraph in the same item has no marker of its own
            style = "p"
        elif kind in ("fence", "code_block") and token.content.strip():
            found.append(Para([Run(token.content.rstrip())], quoted=quoted > 0))
    return found


def _runs(children: list[Token]) -> list[Run]:
    """The styled stretches of one inline token's children."""
    runs: list[Run] = []
    bold = italic = 0
    link: list[str] = []  # the address of each open link
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            link.append(str(child.attrGet("href") or ""))
        elif kind == "link_close":
            address = link.pop() if link else ""
            said = "".join(run.text for run in runs[-3:])
            web = address.startswith(("http://", "https://"))
            if web and address.split("://", 1)[1].rstrip("/") not in said:
                runs.append(Run(f" ({address})"))
        elif kind in ("text", "code_inline", "html_inline"):
            runs.append(Run(child.content, bold > 0, italic > 0))
        elif kind == "softbreak":
            runs.append(Run(" ", bold > 0, italic > 0))
        elif kind == "hardbreak":
            runs.append(Run("\n", bold > 0, italic > 0))
    return _joined(runs)


def _joined(runs: list[Run]) -> list[Run]:
    """Neighbouring runs of the same style made one."""
    joined: list[Run] = []
    for run in runs:
        if joined and (joined[-1].bold, joined[-1].italic) == (run.bold, run.italic):
            joined[-1] = Run(joined[-1].text + run.text, run.bold, run.italic)
        elif run.text:
            joined.append(run)
    return joined
