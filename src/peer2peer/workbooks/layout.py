"""Text sizes and spacing of a workbook, standard or large print, shared by the PDF and Word."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    """Sizes in points; `lines` how much taller a writing line is than the text."""

    body: float
    small: float  # hints and notes: never below 16 pt in large print
    headings: tuple[float, float, float, float]  # h1, h2, h3, h4 and below
    title: float
    line_gap: float  # line height as a multiple of the text size
    writing_line: float  # a line to write on by hand, in mm
    large: bool

    def heading(self, level: int) -> float:
        """The size of a heading of `level` (1 for the largest)."""
        return self.headings[min(max(level, 1), 4) - 1]


STANDARD = Layout(
    body=11, small=10, headings=(17, 14, 12.5, 11.5), title=22, line_gap=1.45,
    writing_line=9, large=False,
)  # fmt: skip
#: At least 16 pt everywhere (RNIB's large print starts at 16 pt), in one column.
LARGE_PRINT = Layout(
    body=16, small=16, headings=(24, 20, 18, 17), title=28, line_gap=1.5,
    writing_line=12, large=True,
)  # fmt: skip


def layout(large_print: bool) -> Layout:
    """The layout for standard or large print."""
    return LARGE_PRINT if large_print else STANDARD
