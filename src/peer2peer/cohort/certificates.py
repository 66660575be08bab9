"""Certificates of participation: the PDF, its verification code, and the register of codes.

A certificate is a record of the area's, kept in the cohort (certificates.json, this
module its one reader and writer; the PDFs in certificates/<trainee>/). Anyone given a
code can have it checked with `peer2peer verify`. A certificate can be withdrawn, and
erasing the trainee withdraws theirs: the code then reads as not valid, and the register
keeps no name for it.

Only a trainee who has completed gets one: `progress.certification.certify` checks that,
then calls `write_certificate` here.
"""

from __future__ import annotations

import json
import secrets
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from peer2peer.cohort.course import writing
from peer2peer.cohort.names import known_trainee
from peer2peer.cohort.pdf import Document
from peer2peer.cohort.people import now_text
from peer2peer.cohort.settings import CohortError, CohortSettings
from peer2peer.curriculum.project import NotAProject, load_project
from peer2peer.shared.files import atomic_write_json

REGISTER_FILE = "certificates.json"
FOLDER = "certificates"
#: Letters and digits nobody mistakes for another (no 0/O, 1/I/L, 5/S, 8/B).
CODE_LETTERS = "ACDEFGHJKMNPQRTUVWXY234679"
NOT_ACCREDITED = (
    "This certificate records taking part in a training course. It is not accredited: "
    "it is not a qualification and carries no credit points."
)


@dataclass(frozen=True)
class CourseFacts:
    """What a certificate says about the course."""

    course: str
    area: str
    organisation: str
    contact: str
    modules: list[tuple[str, float]]  # (title, hours)

    @property
    def hours(self) -> float:
        """The course's hours in all."""
        return sum(hours for _, hours in self.modules)


@dataclass(frozen=True)
class Certificate:
    """A certificate issued: its code and the PDF."""

    code: str
    trainee: str
    path: Path


@dataclass(frozen=True)
class Verification:
    """What checking a code found, in words to read out."""

    valid: bool
    words: str


def course_facts(settings: CohortSettings) -> CourseFacts:
    """The course, area, organisation, modules and hours, from the curriculum the cohort used."""
    try:
        project = load_project(Path(settings.curriculum))
    except NotAProject as error:
        raise CohortError(
            f"the curriculum this cohort was made from ({settings.curriculum}) cannot be read. "
            "Put it back there, or set `curriculum:` in cohort.yml to where it is now"
        ) from error
    if project.curriculum is None or project.area is None:
        raise CohortError(f"{settings.curriculum} has no curriculum.yml or area.yml")
    modules = []
    for module in settings.modules:
        entry = project.module(module)
        modules.append((entry.title, float(entry.hours)))
    area = project.area
    return CourseFacts(
        project.curriculum.title, area.name, area.organisation, area.contact.email, modules
    )


def load_certificates(cohort: Path) -> dict[str, dict]:
    """Every code issued: code -> its record (trainee, name, issued, withdrawn, file)."""
    path = cohort / REGISTER_FILE
    if not path.exists():
        return {}
    try:
        return dict(json.loads(path.read_text(encoding="utf-8"))["certificates"])
    except (ValueError, KeyError, TypeError) as error:
        raise CohortError(f"{path} cannot be read ({error}). Restore it from a backup") from error


def _save(cohort: Path, register: dict[str, dict]) -> None:
    atomic_write_json(cohort / REGISTER_FILE, {"format": 1, "certificates": register})


def new_code(taken: set[str] = frozenset()) -> str:
    """A code such as P2P-7KQA-M3TX-CE9R (60 bits of chance: it cannot be guessed)."""
    while True:
        letters = "".join(secrets.choice(CODE_LETTERS) for _ in range(12))
        code = f"P2P-{letters[:4]}-{letters[4:8]}-{letters[8:]}"
        if code not in taken:
            return code


def normal_code(code: str) -> str:
    """A code as typed ("p2p 7kqa m3tx ce9r") in the form it was issued."""
    letters = "".join(c for c in code.upper() if c.isalnum())
    letters = letters.removeprefix("P2P")
    return f"P2P-{letters[:4]}-{letters[4:8]}-{letters[8:]}"


def write_certificate(
    cohort: Path, settings: CohortSettings, trainee: str, on: date | None = None
) -> Certificate:
    """Write a trainee's certificate (again, with the same code, if they have a valid one).

    Only for a trainee who has completed: `progress.certification.certify` checks first.
    """
    name = known_trainee(settings, trainee)
    if not name:
        raise CohortError(
            f"{trainee} has no name on the roster, and a certificate needs one. Add it to the "
            "roster CSV and run `peer2peer cohort add-trainees` again"
        )
    facts = course_facts(settings)
    with writing(cohort):
        register = load_certificates(cohort)
        code = next(
            (c for c, r in register.items() if r.get("trainee") == trainee and not r["revoked"]),
            None,
        ) or new_code(set(register))
        issued = register.get(code, {}).get("issued") or (on or date.today()).isoformat()
        path = cohort / FOLDER / trainee / f"certificate-{code}.pdf"
        _certificate_pdf(name, settings.name, facts, code, date.fromisoformat(issued)).save(path)
        register[code] = {
            "trainee": trainee,
            "name": name,
            "course": facts.course,
            "organisation": facts.organisation,
            "issued": issued,
            "file": str(path.relative_to(cohort)),
            "revoked": "",
            "reason": "",
        }
        _save(cohort, register)
    return Certificate(code, trainee, path)


def long_date(day: date) -> str:
    """5 December 2026."""
    return f"{day.day} {day:%B %Y}"


def _certificate_pdf(
    name: str, cohort_name: str, facts: CourseFacts, code: str, issued: date
) -> Document:
    document = Document(f"Certificate of participation: {name}", facts.course)
    document.space(6)
    document.heading("Certificate of participation", 26, align="C")
    document.space(6)
    document.paragraph("This certificate is awarded to", 13, align="C")
    document.paragraph(name, 24, bold=True, align="C")
    document.space(2)
    document.paragraph("for taking part in and completing", 13, align="C")
    document.paragraph(facts.course, 17, bold=True, align="C")
    document.paragraph(f"run by {facts.organisation}, {facts.area} ({cohort_name})", 12, align="C")
    document.paragraph(f"Issued on {long_date(issued)}", 12, align="C")
    document.space(4)
    document.heading("Modules", 12)
    rows = [[title, f"{hours:g}"] for title, hours in facts.modules]
    document.table(
        ["Module", "Hours"], [*rows, ["In all", f"{facts.hours:g}"]], (6, 1), line_height=4.4
    )
    document.paragraph(NOT_ACCREDITED, 10.5)
    document.paragraph(f"Verification code: {code}", 12, bold=True)
    document.paragraph(
        f"To check this certificate, contact {facts.organisation} ({facts.contact}) and give "
        "them the code.",
        10.5,
    )
    return document


def verify_certificate(cohort: Path, code: str) -> Verification:
    """Whether a code belongs to a certificate of this cohort that still stands."""
    record = load_certificates(cohort).get(normal_code(code))
    if record is None:
        return Verification(
            False,
            "Not valid: no certificate with this code was issued for this cohort. "
            "Check the code for typing mistakes.",
        )
    if record["revoked"]:
        when = long_date(datetime.fromisoformat(record["revoked"]).date())
        return Verification(False, f"Not valid: this certificate was withdrawn on {when}.")
    return Verification(
        True,
        f"Valid: a certificate of participation for {record['name']} in {record['course']}, "
        f"issued on {long_date(date.fromisoformat(record['issued']))} by "
        f"{record['organisation']}.",
    )


def revoke_certificates(cohort: Path, trainee: str, reason: str) -> list[str]:
    """Withdraw a trainee's certificates: their codes read as not valid from now on."""
    if not reason.strip():
        raise CohortError("say why the certificate is withdrawn (--reason)")
    with writing(cohort):
        standing = [
            c
            for c, r in load_certificates(cohort).items()
            if r.get("trainee") == trainee and not r["revoked"]
        ]
        _withdraw(cohort, trainee, reason.strip(), keep_name=True)
    if not standing:
        raise CohortError(f"{trainee} has no certificate that stands, so none was withdrawn")
    return standing


def _withdraw(cohort: Path, trainee: str, reason: str, keep_name: bool) -> list[str]:
    """Withdraw each certificate of a trainee that stands; return the codes of all of theirs.

    Without `keep_name`, the codes stay (so that they read as withdrawn) with nothing of the
    trainee beside them, and their PDFs go.
    """
    register = load_certificates(cohort)
    theirs = [code for code, record in register.items() if record.get("trainee") == trainee]
    for code in theirs:
        record = register[code]
        if not record["revoked"]:
            record |= {"revoked": now_text(), "reason": reason}
        if not keep_name:
            record |= {"trainee": "", "name": "", "file": ""}
    if theirs:
        _save(cohort, register)
    if not keep_name:
        shutil.rmtree(cohort / FOLDER / trainee, ignore_errors=True)
    return theirs


def forget_certificates(cohort: Path, trainee: str) -> int:
    """Withdraw a trainee's certificates and keep nothing of them. The caller holds the lock."""
    return len(_withdraw(cohort, trainee, "erased", keep_name=False))
