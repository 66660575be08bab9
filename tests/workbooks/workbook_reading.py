"""Reading a workbook back as a reader would: its words, its headings, its sizes (PDF and Word)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document
from pypdf import PdfReader
from support import REPO

from peer2peer.curriculum.myst import plain_text, split_markdown
from peer2peer.curriculum.project import Project, load_project

#: Code a trainee must never meet: an import, a call of our exercises, our package's name.
CODE = re.compile(r"\bimport\b|\bex\.[a-z_]+\(|\bpeer2peer\.[a-z]")


def repo_project() -> Project:
    """The repository's own curriculum (12 modules, the example area)."""
    return load_project(REPO)


def squashed(text: str) -> str:
    """Words with every run of spaces and line breaks made one space (layout differs)."""
    return " ".join(text.split())


def words_only(text: str) -> str:
    """Just the words, lower case, one space apart: list marks and punctuation differ by format."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


#: The foot of each page, which text extraction may put in the middle of a sentence.
FOOTER = re.compile(r"Module \d\d workbook\s+Page \d+ of \d+")


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, without the page's foot."""
    return [FOOTER.sub(" ", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def pdf_font_sizes(data: bytes) -> list[float]:
    """The size of every piece of text drawn in a PDF, in points."""
    sizes: list[float] = []

    def seen(text, cm, tm, font, size):
        if text.strip():
            sizes.append(round(size * (tm[0] or 1), 2))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=seen)
    return sizes


def pdf_outline(data: bytes) -> list[str]:
    """The titles of a PDF's bookmarks, depth first."""
    found: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append(item.title)

    walk(PdfReader(io.BytesIO(data)).outline)
    return found


def docx_document(data: bytes):
    return Document(io.BytesIO(data))


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of each paragraph of a Word file, tables included, in order."""
    document = docx_document(data)
    found = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            from docx.text.paragraph import Paragraph

            paragraph = Paragraph(child, document)
            found.append((paragraph.style.name, _shown(child)))
        elif tag == "tbl":
            from docx.table import Table

            for row in Table(child, document).rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        found.append(("table", _shown(paragraph._p)))
    return found


def _shown(paragraph) -> str:
    """Every character a paragraph shows, tick boxes (content controls) included."""
    return "".join(paragraph.xpath(".//w:t/text()"))


def docx_tick_boxes(data: bytes) -> list[bool]:
    """Whether each of Word's own check boxes in the file is ticked, in order."""
    body = docx_document(data).element.body
    return [value == "1" for value in body.xpath(".//w14:checkbox/w14:checked/@w14:val")]


def prompts(project: Project, module_id: str) -> list[str]:
    """Each exercise prompt of a module, as plain words."""
    return [
        words_only(plain_text(exercise.spec.prompt))
        for document in project.documents[module_id]
        for exercise in document.exercises
        if "{{" not in exercise.spec.prompt
    ]


def feedback_words(project: Project, module_id: str) -> list[str]:
    """Every piece of answer feedback a module's exercises hold (a workbook shows none)."""
    found = []
    for document in project.documents[module_id]:
        for exercise in document.exercises:
            feedback = getattr(exercise.spec, "feedback", None)
            if isinstance(feedback, dict):
                found.extend(feedback.values())
            elif feedback:
                found.append(feedback)
    said = [words_only(plain_text(words)) for words in found]
    # Feedback may repeat a sentence the lesson itself says; only what is feedback alone counts.
    lesson = words_only(
        " ".join(
            part
            for document in project.documents[module_id]
            for part in split_markdown(document.text)
            if isinstance(part, str)
        )
    )
    return [words for words in said if words not in lesson]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
