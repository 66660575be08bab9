"""A workbook as an A4 PDF, written with fpdf2: pure Python, so a plain install can print one.

Headings become the PDF's bookmarks. Answers are drawn as boxes with lines to write on,
tick boxes, a row of numbers, or small boxes to write a number or letter in.
"""

from __future__ import annotations

from pathlib import Path
from string import ascii_uppercase

from fpdf import FPDF

from peer2peer.cohort.pdf import unicode_font
from peer2peer.workbooks import words
from peer2peer.workbooks.layout import Layout
from peer2peer.workbooks.markdown import Block, Para, Run, Table
from peer2peer.workbooks.model import Question, Workbook

MM_PER_PT = 0.3528
FAMILY = "body"
BOX_EMPTY, BOX_TICKED = "☐", "☒"
#: Fill colours: the support block, a quoted box, a filled-in answer.
SUPPORT_FILL, QUOTE_FILL, ANSWER_FILL = (255, 244, 214), (238, 242, 248), (246, 246, 246)
_MARKERS = ("**", "__", "~~", "--")


class _Pages(FPDF):
    """A4 pages with the workbook's name and the page number at the foot of each."""

    footer_words = ""
    footer_size = 9.0

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(self.font_family, "", self.footer_size)
        self.cell(0, 8, f"{self.footer_words}   Page {self.page_no()} of {{nb}}", align="C")


class PdfWriter:
    """Draws one workbook onto A4 pages."""

    def __init__(self, workbook: Workbook, layout: Layout):
        self.workbook = workbook
        self.layout = layout
        pdf = _Pages(format="A4")
        pdf.set_title(f"{workbook.title}: workbook")
        pdf.set_subject(words.module_line(workbook.number, workbook.course, ""))
        pdf.set_creator("Peer2Peer")
        pdf.set_lang("en-GB")
        margin = 18 if layout.large else 20
        pdf.set_margins(margin, margin, margin)
        pdf.set_auto_page_break(True, margin=margin + 4)
        pdf.footer_words = f"Module {workbook.number} workbook"
        pdf.footer_size = max(layout.small - 1, 9) if not layout.large else layout.small
        self.unicode = self._fonts(pdf)
        pdf.add_page()
        self.pdf = pdf
        self.section_level = 0

    # --- fonts and text ---------------------------------------------------------------

    @staticmethod
    def _fonts(pdf: FPDF) -> bool:
        found = unicode_font()
        if not found:
            return False
        regular, bold = found
        italic = regular.replace(".ttf", "-Oblique.ttf")
        bold_italic = bold.replace(".ttf", "-Oblique.ttf")
        pdf.add_font(FAMILY, "", regular)
        pdf.add_font(FAMILY, "B", bold)
        pdf.add_font(FAMILY, "I", italic if Path(italic).is_file() else regular)
        pdf.add_font(FAMILY, "BI", bold_italic if Path(bold_italic).is_file() else bold)
        pdf.set_font(FAMILY, "", 11)
        return True

    @property
    def family(self) -> str:
        return FAMILY if self.unicode else "helvetica"

    def box(self, ticked: bool) -> str:
        """A tick box, as a character the font has."""
        if self.unicode:
            return BOX_TICKED if ticked else BOX_EMPTY
        return "[x]" if ticked else "[ ]"

    def _font(self, size: float, style: str = "") -> None:
        self.pdf.set_font(self.family, style, size)

    def _height(self, size: float) -> float:
        return size * MM_PER_PT * self.layout.line_gap

    def _plain(self, text: str) -> str:
        """Text the font can show (the built-in font knows Western European letters only)."""
        if self.unicode:
            return text
        swaps = {"•": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"}
        text = "".join(swaps.get(c, c) for c in text)
        return text.encode("latin-1", "replace").decode("latin-1")

    def _markdown(self, runs: list[Run]) -> str:
        """Runs as fpdf2's own small markup (** bold, __ italic), every other marker escaped."""
        said = []
        for run in runs:
            text = self._plain(run.text).replace("\\", "\\\\")
            for marker in _MARKERS:
                text = text.replace(marker, "\\" + marker)
            if run.bold:
                text = f"**{text}**"
            if run.italic:
                text = f"__{text}__"
            said.append(text)
        return "".join(said)

    def write(
        self,
        runs: list[Run],
        size: float | None = None,
        style: str = "",
        indent: float = 0,
        fill: tuple[int, int, int] | None = None,
    ) -> None:
        """Words that wrap to the page, set in by `indent` mm, on a coloured ground if `fill`."""
        size = size or self.layout.body
        self._font(size, style)
        pdf = self.pdf
        pdf.set_x(pdf.l_margin + indent)
        if fill:
            pdf.set_fill_color(*fill)
        pdf.multi_cell(
            pdf.epw - indent, self._height(size), self._markdown(runs), markdown=True,
            align="L", fill=bool(fill), padding=(1, 2) if fill else 0,
            new_x="LMARGIN", new_y="NEXT",
        )  # fmt: skip

    def words(self, text: str, size: float | None = None, style: str = "", indent: float = 0):
        """Plain words of ours (never a trainee's: those go through `answer_text`)."""
        self.write([Run(text)], size, style, indent)

    def gap(self, points: float) -> None:
        """Space down the page."""
        self.pdf.ln(points * MM_PER_PT)

    def keep_room(self, millimetres: float) -> None:
        """Start a new page unless `millimetres` of room are left on this one."""
        if self.pdf.get_y() + millimetres > self.pdf.page_break_trigger:
            self.pdf.add_page()

    # --- blocks -------------------------------------------------------------------------

    def heading(self, text: str, level: int) -> None:
        """A heading, which is also a bookmark of the PDF."""
        size = self.layout.heading(level)
        self.keep_room(self._height(size) * 4)
        self.gap(size * 0.6)
        outline = min(level - 1, self.section_level + 1)
        self.pdf.start_section(self._plain(text), max(outline, 0), strict=False)
        self.section_level = max(outline, 0)
        self.write([Run(text)], size, "B")
        self.gap(size * 0.2)

    def block(self, block: Block, fill: tuple[int, int, int] | None = None) -> None:
        """A paragraph, heading, list item or table of the lesson."""
        if isinstance(block, Table):
            self.table(block)
            return
        if block.style.startswith("h"):
            self.heading(block.text, int(block.style[1:]))
            return
        if block.quoted and fill is None:
            fill = QUOTE_FILL
        size = self.layout.body
        if block.style == "item":
            indent = 6 + 6 * block.depth
            self.keep_room(self._height(size) * 2)  # the bullet and its first line together
            self._font(size)
            y = self.pdf.get_y()
            self.pdf.set_x(self.pdf.l_margin + indent - 5)
            self.pdf.cell(5, self._height(size), self._plain(block.marker))
            self.pdf.set_y(y)
            self.write(block.runs, size, indent=indent, fill=fill)
            self.gap(size * 0.15)
            return
        self.write(block.runs, size, fill=fill)
        self.gap(size * 0.55)

    def table(self, table: Table) -> None:
        """A table of words with a bold heading row."""
        self._font(self.layout.body)
        with self.pdf.table(
            line_height=self._height(self.layout.body), text_align="LEFT", markdown=True,
            repeat_headings=1, padding=1.5,
        ) as drawn:  # fmt: skip
            for row in table.rows:
                cells = drawn.row()
                for cell in row:
                    cells.cell(self._markdown(cell))
        self.gap(self.layout.body * 0.6)

    # --- answers ------------------------------------------------------------------------

    def answer_text(self, text: str) -> None:
        """A trainee's own words, exactly as written, in a box (never read as markup)."""
        size = self.layout.body
        self._font(size)
        self.pdf.set_fill_color(*ANSWER_FILL)
        self.pdf.multi_cell(
            0, self._height(size), self._plain(text), border=1, fill=True, align="L",
            padding=2, new_x="LMARGIN", new_y="NEXT",
        )  # fmt: skip
        self.gap(size * 0.6)

    def writing_box(self, lines: int) -> None:
        """An empty box with lines to write on."""
        step = self.layout.writing_line
        height = step * lines
        self.keep_room(min(height, self.pdf.page_break_trigger - self.pdf.t_margin) + 2)
        pdf = self.pdf
        x, y, width = pdf.l_margin, pdf.get_y(), pdf.epw
        height = min(height, pdf.page_break_trigger - y)
        pdf.set_draw_color(90, 90, 90)
        pdf.rect(x, y, width, height)
        pdf.set_draw_color(190, 190, 190)
        line = y + step
        while line < y + height - 1:
            pdf.line(x + 3, line, x + width - 3, line)
            line += step
        pdf.set_draw_color(0, 0, 0)
        pdf.set_y(y + height)
        self.gap(self.layout.body * 0.8)

    def small_box_line(self, inside: str, runs: list[Run]) -> None:
        """A small box to write a number or letter in, then words beside it."""
        size = self.layout.body
        side = self._height(size) + 2
        self.keep_room(side * 2)
        pdf = self.pdf
        y = pdf.get_y()
        self._font(size, "B")
        pdf.set_x(pdf.l_margin)
        pdf.cell(side * 1.3, side, self._plain(inside), border=1, align="C")
        pdf.set_xy(pdf.l_margin + side * 1.3 + 3, y + 1)
        self.write(runs, size, indent=side * 1.3 + 3)
        pdf.set_y(max(pdf.get_y(), y + side))
        self.gap(size * 0.5)

    def question(self, question: Question) -> None:
        """A question: its label, its words, how to answer, and room for the answer."""
        size = self.layout.body
        label = question.label + (f"  ({words.COUNTS})" if question.counts else "")
        self.keep_room(self._question_height(question, label))
        self.gap(size * 0.4)
        self.write([Run(label, bold=True)], self.layout.heading(4))
        self.gap(size * 0.2)
        for block in question.prompt:
            self.block(block)
        self.write([Run(question.how, italic=True)], self.layout.small)
        self.gap(size * 0.5)
        getattr(self, f"_{question.kind}")(question)
        self.gap(size * 0.6)

    def _text_height(self, runs: list[Run], size: float, style: str = "") -> float:
        """How tall some words will stand on the page, in mm."""
        self._font(size, style)
        return self.pdf.multi_cell(
            self.pdf.epw, self._height(size), self._markdown(runs), markdown=True,
            dry_run=True, output="HEIGHT",
        )  # fmt: skip

    def _question_height(self, question: Question, label: str) -> float:
        """Room for a question's words and the start of its answer, so they share a page.

        A long question may still run on to the next page; never more than a page is kept.
        """
        size = self.layout.body
        height = self._text_height([Run(label)], self.layout.heading(4), "B")
        for block in question.prompt:
            if isinstance(block, Para):
                height += self._text_height(block.runs, size) + size * 0.55 * MM_PER_PT
        height += self._text_height([Run(question.how)], self.layout.small, "I")
        line = self._height(size) + 3
        blank = question.answer is None
        if question.kind == "reflection":
            height += self.layout.writing_line * question.lines if blank else line * 2
        elif question.kind in ("order", "match"):
            height += (line + 2) * (len(question.choices) + len(question.categories))
        elif question.kind in ("story", "private"):
            height += line * 2 + (self.layout.writing_line * question.lines if blank else line)
        else:
            height += line * 3
        return min(height + size, self.pdf.page_break_trigger - self.pdf.t_margin)

    def _reflection(self, question: Question) -> None:
        if isinstance(question.answer, str) and question.answer.strip():
            self.answer_text(question.answer)
        elif self.workbook.filled_for:
            self.answer_text(words.NOT_ANSWERED)
        else:
            self.writing_box(question.lines)

    def _scale(self, question: Question) -> None:
        low, high = question.scale
        count = high - low + 1
        pdf = self.pdf
        size = self.layout.body
        width = min(pdf.epw / count, 16 if not self.layout.large else 17)
        if width < 11:  # too many numbers for one row: two even rows
            width = min(pdf.epw / ((count + 1) // 2), 16)
        side = self._height(size) + 3
        self.keep_room(side * 3)
        self._font(size, "B")
        pdf.set_x(pdf.l_margin)
        for number in range(low, high + 1):
            if pdf.get_x() + width > pdf.l_margin + pdf.epw + 0.1:
                pdf.ln(side + 1)
            chosen = question.answer == number
            pdf.set_fill_color(*ANSWER_FILL)
            text = f"({number})" if chosen else str(number)
            pdf.cell(width, side, text, border=1, align="C", fill=chosen)
        pdf.ln(side + 2)
        mine = "" if question.answer is None else str(question.answer)
        self.write([Run(f"{words.MY_NUMBER} "), Run(mine or "________", bold=bool(mine))])
        if self.workbook.filled_for and question.answer is None:
            self.words(words.NOT_ANSWERED, self.layout.small, "I")

    def _choice(self, question: Question) -> None:
        chosen = question.answer or []
        size = self.layout.body
        for key, text in question.choices:
            ticked = key in chosen
            self.keep_room(self._height(size) * 2)
            y = self.pdf.get_y()
            self._font(size * 1.2, "B" if ticked else "")
            self.pdf.set_x(self.pdf.l_margin + 2)
            self.pdf.cell(size * 0.6, self._height(size), self.box(ticked))
            self.pdf.set_y(y)
            self.write([Run(text, bold=ticked)], size, indent=2 + size * 0.6)
            self.gap(size * 0.35)
        if self.workbook.filled_for and not chosen:
            self.words(words.NOT_ANSWERED, self.layout.small, "I")

    def _order(self, question: Question) -> None:
        places = question.answer or {}
        for key, text in question.choices:
            self.small_box_line(str(places.get(key, "")), [Run(text)])

    def _match(self, question: Question) -> None:
        letters = {key: ascii_uppercase[i] for i, (key, _) in enumerate(question.categories)}
        for key, text in question.categories:
            self.write([Run(f"{letters[key]}   ", bold=True), Run(text)], indent=4)
        self.gap(self.layout.body * 0.6)
        chosen = question.answer or {}
        for key, text in question.choices:
            self.small_box_line(letters.get(chosen.get(key, ""), ""), [Run(text)])

    def _story(self, question: Question) -> None:
        answer = question.answer
        if isinstance(answer, str):  # kept private, or withdrawn: said, never shown
            self.words(answer, self.layout.small, "I")
            return
        for key, title, hint in question.sections:
            box = self.layout.writing_line * question.lines if answer is None else 0
            self.keep_room(self._height(self.layout.body) * 4 + box)
            self.write([Run(title, bold=True)])
            self.words(hint, self.layout.small, "I")
            self.gap(self.layout.body * 0.3)
            if answer is not None:
                self.answer_text(answer.get(key, "") or words.NOT_ANSWERED)
            else:
                self.writing_box(question.lines)

    _private = _story

    # --- the whole ----------------------------------------------------------------------

    def draw(self) -> bytes:
        """Every page, in order, as PDF bytes."""
        book, layout = self.workbook, self.layout
        self.pdf.start_section(self._plain(book.title), 0)
        self.write([Run(book.title, bold=True)], layout.title)
        self.words(words.module_line(book.number, book.course, book.organisation))
        if book.filled_for:
            self.write([Run(words.filled_line(book.filled_for), bold=True)])
            self.words(book.filled_note)
        self.gap(layout.body * 0.5)
        self.words(words.HOW_TO_USE)
        self.heading(words.SUPPORT_TITLE, 1)
        for block in book.support:
            self.block(block, SUPPORT_FILL)
        for part in book.parts:
            self.pdf.add_page()
            self.words(words.part_heading(part.kind), layout.small, "I")
            for item, following in zip(part.items, [*part.items[1:], None], strict=True):
                if isinstance(item, Question):
                    self.question(item)
                    continue
                if _ends_a_list(item, following):
                    self.block(item)
                    self.gap(layout.body * 0.4)
                    continue
                if _leads_in(item) and following is not None:
                    self.keep_room(self._height(layout.body) * 4)  # with what it leads into
                self.block(item)
        if book.glossary:
            self.pdf.add_page()
            self.heading(words.GLOSSARY_TITLE, 1)
            for term, meaning in book.glossary:
                self.write([Run(term, bold=True), Run(f": {meaning}")])
                self.gap(layout.body * 0.4)
        return bytes(self.pdf.output())


def pdf_bytes(workbook: Workbook, layout: Layout) -> bytes:
    """The workbook as a PDF."""
    return PdfWriter(workbook, layout).draw()


def _leads_in(block: Block) -> bool:
    """A short line that introduces what follows ("Words in this part", "It also asks:")."""
    if not isinstance(block, Para) or block.style != "p":
        return False
    text = block.text.strip()
    return len(text) < 90 and (text.endswith(":") or all(run.bold for run in block.runs))


def _ends_a_list(block: Block, following: object) -> bool:
    """The last item of a list, before words that are not an item."""
    is_item = isinstance(block, Para) and block.style == "item"
    return is_item and not (isinstance(following, Para) and following.style == "item")
