"""PDF documents (certificates, evidence packs) written with fpdf2, in a font with every letter.

fpdf2 is pure Python: a plain install writes PDFs with no browser and in a few milliseconds.
Its built-in fonts know only Western European letters, so a name such as "Łucja" or
"Nguyễn" needs a Unicode font: DejaVu Sans where the system has it (Debian and Ubuntu ship it
as fonts-dejavu-core), or the .ttf file PEER2PEER_PDF_FONT names.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.errors import FPDFUnicodeEncodingException

from peer2peer.cohort.settings import CohortError
from peer2peer.shared.files import atomic_write_bytes

FONT_VARIABLE = "PEER2PEER_PDF_FONT"
#: (regular, bold) Unicode fonts, first found wins: Debian/Ubuntu, Fedora, Arch, macOS, Windows.
FONTS = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
     "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
     "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
]  # fmt: skip
FAMILY = "body"
NO_FONT = (
    "this document has letters the built-in PDF font lacks. Install a Unicode font "
    "(on Debian or Ubuntu: apt-get install fonts-dejavu-core), or set PEER2PEER_PDF_FONT "
    "to a .ttf font file, then try again"
)


def unicode_font() -> tuple[str, str] | None:
    """(regular, bold) font files to embed, or None when only the built-in font is there."""
    named = os.environ.get(FONT_VARIABLE, "")
    if named and Path(named).is_file():
        return named, named
    for regular, bold in FONTS:
        if Path(regular).is_file():
            return regular, bold if Path(bold).is_file() else regular
    return None


class Document:
    """An A4 document of headings, paragraphs, quotes and tables, in plain reading order."""

    def __init__(self, title: str, subject: str = ""):
        self.pdf = FPDF(format="A4")
        self.pdf.set_title(title)
        self.pdf.set_subject(subject or title)
        self.pdf.set_creator("Peer2Peer")
        self.pdf.set_lang("en-GB")
        self.pdf.set_margins(20, 20, 20)
        self.pdf.set_auto_page_break(True, margin=20)
        font = unicode_font()
        if font:
            self.pdf.add_font(FAMILY, "", font[0])
            self.pdf.add_font(FAMILY, "B", font[1])
            self.family = FAMILY
        else:
            self.family = "helvetica"
        self.pdf.add_page()

    def _font(self, size: float, bold: bool = False) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)

    def heading(self, text: str, size: float = 16, align: str = "L") -> None:
        """A heading in bold, with a little space above."""
        self.pdf.ln(3)
        self.paragraph(text, size, bold=True, align=align)

    def paragraph(self, text: str, size: float = 11, bold: bool = False, align="L") -> None:
        """Words that wrap to the page's width."""
        self._font(size, bold)
        self.pdf.multi_cell(0, size * 0.55, text, align=align, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1.5)

    def quote(self, text: str) -> None:
        """A trainee's own words, set in from the left in a light box, kept exactly."""
        self._font(10.5)
        self.pdf.set_fill_color(244, 246, 250)
        self.pdf.set_x(self.pdf.l_margin + 4)
        self.pdf.multi_cell(
            0, 5.8, text or "(no answer written)", fill=True, padding=2, align="L",
            new_x="LMARGIN", new_y="NEXT",
        )  # fmt: skip
        self.pdf.ln(2)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float] | None = None,
        line_height: float = 5.2,
    ) -> None:
        """A table with a bold first row that repeats on each page; `widths` are proportions."""
        self._font(9.5)
        with self.pdf.table(
            line_height=line_height, text_align="LEFT", repeat_headings=1, padding=1.2,
            col_widths=tuple(widths) if widths else None,
        ) as table:  # fmt: skip
            for cells in [list(header), *[list(r) for r in rows]]:
                row = table.row()
                for cell in cells:
                    row.cell(str(cell))
        self.pdf.ln(3)

    def rule(self) -> None:
        """A thin line across the page."""
        y = self.pdf.get_y() + 2
        self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
        self.pdf.ln(5)

    def space(self, millimetres: float) -> None:
        """Empty space down the page."""
        self.pdf.ln(millimetres)

    def save(self, path: Path) -> Path:
        """Write the PDF (readable by its owner alone) and return its path."""
        try:
            data = bytes(self.pdf.output())
        except FPDFUnicodeEncodingException as error:
            raise CohortError(NO_FONT) from error
        atomic_write_bytes(path, data)
        return path
