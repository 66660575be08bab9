"""A workbook as a Word document (.docx), written with python-docx.

Word's own heading styles carry the structure, so a screen reader and Word's navigation
pane can move by heading. Each place to answer is a table cell to type in (or write in
when printed), described for screen readers; tick boxes are characters anyone can change.
"""

from __future__ import annotations

import io
from string import ascii_uppercase

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph

from peer2peer.workbooks import words
from peer2peer.workbooks.layout import Layout
from peer2peer.workbooks.markdown import Block, Run, Table
from peer2peer.workbooks.model import Question, Workbook

BOX_EMPTY, BOX_TICKED = "☐", "☒"
FONT = "Arial"
SUPPORT_FILL, QUOTE_FILL, ANSWER_FILL = "FFF4D6", "EEF2F8", "F6F6F6"


#: The font Word itself uses for the tick boxes it makes.
BOX_FONT = "MS Gothic"


class WordWriter:
    """Writes one workbook into a new Word document."""

    def __init__(self, workbook: Workbook, layout: Layout):
        self.workbook = workbook
        self.layout = layout
        self.doc = Document()
        self.level = 0  # the last heading's level, so that questions sit one below it
        self._styles()
        properties = self.doc.core_properties
        properties.title = f"{workbook.title}: workbook"
        properties.subject = words.module_line(workbook.number, workbook.course, "")
        properties.author = workbook.organisation or "Peer2Peer"
        properties.language = "en-GB"
        for section in self.doc.sections:
            section.page_height, section.page_width = Mm(297), Mm(210)
            margin = Mm(18 if layout.large else 20)
            section.left_margin = section.right_margin = margin
            section.top_margin = section.bottom_margin = margin

    def _styles(self) -> None:
        """Every style in one clear font, at the layout's sizes (16 pt or more in large print)."""
        layout, styles = self.layout, self.doc.styles
        for name, size in [
            ("Normal", layout.body),
            ("Title", layout.title),
            *[(f"Heading {n}", layout.heading(n)) for n in range(1, 5)],
            ("List Bullet", layout.body),
            ("List Bullet 2", layout.body),
        ]:
            style = styles[name]
            style.font.name = FONT
            style.font.size = Pt(size)
            if name.startswith(("Heading", "Title")):
                style.font.color.rgb = RGBColor(0, 0, 0)
                style.font.bold = True
            _east_asian_font(style.element, FONT)
        styles["Normal"].paragraph_format.line_spacing = layout.line_gap * 0.85
        styles["Normal"].paragraph_format.space_after = Pt(layout.body * 0.5)

    # --- text ---------------------------------------------------------------------------

    def paragraph(
        self, runs: list[Run], style: str | None = None, fill: str = "", size: float = 0
    ) -> Paragraph:
        """A paragraph of styled runs."""
        paragraph = self.doc.add_paragraph(style=style)
        for run in runs:
            added = paragraph.add_run(run.text)
            added.bold = run.bold or None
            added.italic = run.italic or None
            if size:
                added.font.size = Pt(size)
        if fill:
            _shade(paragraph, fill)
        return paragraph

    def words(self, text: str, italic: bool = False, bold: bool = False) -> Paragraph:
        """Plain words of ours."""
        return self.paragraph([Run(text, bold, italic)], size=self.layout.small if italic else 0)

    def heading(self, text: str, level: int) -> None:
        """A heading in Word's own style, so that it shows in the navigation pane."""
        level = min(max(level, 1), 4)
        self.doc.add_heading(text, level)
        self.level = level

    def block(self, block: Block, fill: str = "") -> None:
        """A paragraph, heading, list item or table of the lesson."""
        if isinstance(block, Table):
            self.table(block)
            return
        if block.style.startswith("h"):
            self.heading(block.text, int(block.style[1:]))
            return
        fill = fill or (QUOTE_FILL if block.quoted else "")
        if block.style == "item" and block.marker == "•":
            style = "List Bullet 2" if block.depth else "List Bullet"
            self.paragraph(block.runs, style, fill)
        elif block.style == "item":  # numbered: the number is written, so it never restarts
            paragraph = self.paragraph([Run(f"{block.marker} "), *block.runs], fill=fill)
            paragraph.paragraph_format.left_indent = Mm(6 + 6 * block.depth)
        else:
            self.paragraph(block.runs, fill=fill)

    def table(self, table: Table) -> None:
        """A table of words with a heading row that repeats on each page."""
        columns = max(len(row) for row in table.rows)
        drawn = self.doc.add_table(rows=0, cols=columns)
        drawn.style = "Table Grid"
        for number, row in enumerate(table.rows):
            cells = drawn.add_row().cells
            for cell, runs in zip(cells, row, strict=False):
                paragraph = cell.paragraphs[0]
                for run in runs:
                    added = paragraph.add_run(run.text)
                    added.bold = (run.bold or number == 0) or None
                    added.italic = run.italic or None
            if number == 0:
                _repeat_as_heading(drawn.rows[0])
        self.doc.add_paragraph()

    # --- answers ------------------------------------------------------------------------

    def answer_box(self, described: str, text: str | None, lines: int) -> None:
        """A box to type or write in: the trainee's own words when filled, else empty lines."""
        box = self.doc.add_table(rows=1, cols=1)
        box.style = "Table Grid"
        box.alignment = WD_TABLE_ALIGNMENT.LEFT
        _describe(box, described)
        cell = box.rows[0].cells[0]
        if text is not None:
            paragraphs = text.split("\n") or [""]
            cell.paragraphs[0].add_run(paragraphs[0])
            for more in paragraphs[1:]:
                cell.add_paragraph(more)
            _shade_cell(cell, ANSWER_FILL)
        else:
            for _ in range(lines - 1):
                cell.add_paragraph()
        self.doc.add_paragraph()

    def letter_boxes(self, described: str, rows: list[tuple[str, str]]) -> None:
        """A narrow column of boxes to write a number or letter in, beside each line of words."""
        drawn = self.doc.add_table(rows=0, cols=2)
        drawn.style = "Table Grid"
        drawn.autofit = False
        _describe(drawn, described)
        widths = (Mm(18 if self.layout.large else 14), Mm(152 if self.layout.large else 156))
        for column, width in zip(drawn.columns, widths, strict=True):
            column.width = width  # the grid, which LibreOffice reads
        for inside, text in rows:
            row = drawn.add_row()
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST  # room to write by hand
            row.height = Mm(12 if self.layout.large else 10)
            cells = row.cells
            for cell, width in zip(cells, widths, strict=True):
                cell.width = width  # each cell, which Word reads
            cells[0].paragraphs[0].add_run(inside).bold = True
            cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cells[1].paragraphs[0].add_run(text)
        self.doc.add_paragraph()

    def question(self, question: Question) -> None:
        """A question: its label as a heading, its words, how to answer, and room to answer."""
        level = self.level
        self.heading(question.label, min(level + 1, 4))
        self.level = level
        if question.counts:
            self.words(words.COUNTS, italic=True)
        for block in question.prompt:
            self.block(block)
        self.words(question.how, italic=True)
        getattr(self, f"_{question.kind}")(question)

    def _described(self, question: Question) -> str:
        return f"{words.YOUR_ANSWER} to {question.label.lower()}"

    def _reflection(self, question: Question) -> None:
        answer = question.answer if isinstance(question.answer, str) else None
        if answer is None and self.workbook.filled_for:
            answer = words.NOT_ANSWERED
        self.answer_box(self._described(question), answer, question.lines)

    def _scale(self, question: Question) -> None:
        low, high = question.scale
        numbers = list(range(low, high + 1))
        row = self.doc.add_table(rows=1, cols=len(numbers))
        row.style = "Table Grid"
        row.alignment = WD_TABLE_ALIGNMENT.LEFT
        _describe(row, f"Numbers from {low} to {high} for {question.label.lower()}")
        for cell, number in zip(row.rows[0].cells, numbers, strict=True):
            chosen = question.answer == number
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(f"({number})" if chosen else str(number)).bold = True
            if chosen:
                _shade_cell(cell, ANSWER_FILL)
        self.doc.add_paragraph()
        mine = "" if question.answer is None else str(question.answer)
        self.paragraph([Run(f"{words.MY_NUMBER} "), Run(mine or "________", bold=bool(mine))])
        if self.workbook.filled_for and not mine:
            self.words(words.NOT_ANSWERED, italic=True)

    def _choice(self, question: Question) -> None:
        chosen = question.answer or []
        for key, text in question.choices:
            ticked = key in chosen
            paragraph = self.doc.add_paragraph()
            _tick_box(paragraph, ticked, self.layout.body)
            paragraph.add_run(f"  {text}").bold = ticked or None
            paragraph.paragraph_format.left_indent = Mm(4)
        if self.workbook.filled_for and not chosen:
            self.words(words.NOT_ANSWERED, italic=True)

    def _order(self, question: Question) -> None:
        places = question.answer or {}
        rows = [(str(places.get(key, "")), text) for key, text in question.choices]
        self.letter_boxes(self._described(question), rows)

    def _match(self, question: Question) -> None:
        letters = {key: ascii_uppercase[i] for i, (key, _) in enumerate(question.categories)}
        for key, text in question.categories:
            paragraph = self.paragraph([Run(f"{letters[key]}   ", bold=True), Run(text)])
            paragraph.paragraph_format.left_indent = Mm(4)
        chosen = question.answer or {}
        rows = [(letters.get(chosen.get(key, ""), ""), text) for key, text in question.choices]
        self.letter_boxes(self._described(question), rows)

    def _story(self, question: Question) -> None:
        answer = question.answer
        if isinstance(answer, str):  # kept private, or withdrawn: said, never shown
            self.words(answer, italic=True)
            return
        for key, title, hint in question.sections:
            self.paragraph([Run(title, bold=True)])
            self.words(hint, italic=True)
            text = None if answer is None else (answer.get(key, "") or words.NOT_ANSWERED)
            self.answer_box(f"{title}: {self._described(question)}", text, question.lines)

    _private = _story

    # --- the whole ----------------------------------------------------------------------

    def draw(self) -> bytes:
        """The whole document, as .docx bytes."""
        book = self.workbook
        self.doc.add_heading(book.title, 0)
        self.words(words.module_line(book.number, book.course, book.organisation))
        if book.filled_for:
            self.words(words.filled_line(book.filled_for), bold=True)
            self.words(book.filled_note)
        self.words(words.HOW_TO_USE)
        self.heading(words.SUPPORT_TITLE, 1)
        for block in book.support:
            self.block(block, SUPPORT_FILL)
        for part in book.parts:
            self.doc.add_page_break()
            self.words(words.part_heading(part.kind), italic=True)
            for item in part.items:
                if isinstance(item, Question):
                    self.question(item)
                else:
                    self.block(item)
        if book.glossary:
            self.doc.add_page_break()
            self.heading(words.GLOSSARY_TITLE, 1)
            for term, meaning in book.glossary:
                self.paragraph([Run(term, bold=True), Run(f": {meaning}")])
        stream = io.BytesIO()
        self.doc.save(stream)
        return stream.getvalue()


def docx_bytes(workbook: Workbook, layout: Layout) -> bytes:
    """The workbook as a Word document."""
    return WordWriter(workbook, layout).draw()


def _east_asian_font(element, name: str) -> None:
    """Set a style's font for every script, so Word does not fall back to another."""
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.append(fonts)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), name)


#: What may follow a paragraph's shading in Word's schema: it goes before the first of these.
_AFTER_SHADING = (
    "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _shade(paragraph: Paragraph, colour: str) -> None:
    """A coloured ground behind a paragraph."""
    properties = paragraph._p.get_or_add_pPr()
    properties.insert_element_before(_shading(colour), *_AFTER_SHADING)


def _shade_cell(cell, colour: str) -> None:
    cell._tc.get_or_add_tcPr().append(_shading(colour))


def _shading(colour: str):
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    return shading


def _tick_box(paragraph: Paragraph, ticked: bool, size: float) -> None:
    """A tick box Word can tick with a click or the space bar, and reads out as a check box.

    It is Word's own check box content control (w14:checkbox), showing the same box
    characters a printed copy has.
    """
    box = OxmlElement("w14:checkbox")
    for tag, value in (
        ("w14:checked", "1" if ticked else "0"),
        ("w14:checkedState", f"{ord(BOX_TICKED):04X}"),
        ("w14:uncheckedState", f"{ord(BOX_EMPTY):04X}"),
    ):
        element = OxmlElement(tag)
        element.set(qn("w14:val"), value)
        if tag != "w14:checked":
            element.set(qn("w14:font"), BOX_FONT)
        box.append(element)
    settings = OxmlElement("w:sdtPr")
    settings.append(box)
    run = OxmlElement("w:r")
    style = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), BOX_FONT)
    points = OxmlElement("w:sz")
    points.set(qn("w:val"), str(round(size * 2)))
    style.extend([fonts, points])
    shown = OxmlElement("w:t")
    shown.text = BOX_TICKED if ticked else BOX_EMPTY
    run.extend([style, shown])
    content = OxmlElement("w:sdtContent")
    content.append(run)
    control = OxmlElement("w:sdt")
    control.extend([settings, content])
    paragraph._p.append(control)


def _describe(table: WordTable, words_: str) -> None:
    """Say what a table is for, for screen readers (Word's alt text of a table)."""
    properties = table._tbl.tblPr
    for tag, value in (("w:tblCaption", words_), ("w:tblDescription", words_)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        properties.append(element)


def _repeat_as_heading(row) -> None:
    """Mark a table's first row as its heading row (repeated on each page, read as headers)."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)
