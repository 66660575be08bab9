"""Workbooks: a module's lesson and assessment to print (PDF) or open in Word (.docx).

`workbook_file` writes one; `filled.handed_in` and `filled.own_answers` give the answers
to fill in. The text comes from the curriculum through the build's own steps
(`workbooks.model`), never from built notebooks.
"""

from peer2peer.workbooks.files import FORMATS, WorkbookError, file_name, workbook_file
from peer2peer.workbooks.filled import Answers, handed_in, own_answers

__all__ = [
    "FORMATS",
    "Answers",
    "WorkbookError",
    "file_name",
    "handed_in",
    "own_answers",
    "workbook_file",
]
