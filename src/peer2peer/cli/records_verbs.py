"""Verbs that keep a course's records: register, completion, certificates, adjustments...

Also observed practice, a verifier's second look at marks, and evidence packs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from peer2peer.cli.common import (
    FIXABLE,
    OK,
    Verb,
    cohort_argument,
    console,
    errors,
    port_argument,
)
from peer2peer.cli.home_verbs import tell_trainees

CATCH_UP = "caught-up"


def _cohort(args: argparse.Namespace):
    from peer2peer.cohort.settings import load_settings

    cohort = Path(args.path).resolve()
    return cohort, load_settings(cohort)


def say(words: str) -> None:
    """Print plain words (never read as markup: names and notes are the trainer's text)."""
    console.print(words, markup=False)


def cmd_attendance(args: argparse.Namespace) -> int:
    """Take the register for one trainee at a module's group session (or record a catch-up)."""
    from peer2peer.cohort.attendance import record_attendance, record_catch_up

    cohort, settings = _cohort(args)
    if args.status == CATCH_UP:
        entry = record_catch_up(cohort, settings, args.module, args.trainee, args.note, args.by)
        say(f"{args.trainee}, {args.module}: {entry.status}, caught up.")
    else:
        entry = record_attendance(
            cohort, settings, args.module, args.trainee, args.status, args.note, args.by
        )
        say(f"{args.trainee}, {args.module}: {entry.status}.")
    tell_trainees(cohort, settings, [args.trainee])
    return OK


def cmd_observed(args: argparse.Namespace) -> int:
    """Record an observed-practice checklist item (or `all` of them) as met or not yet."""
    from peer2peer.cohort.observed import record_observed

    cohort, settings = _cohort(args)
    items = record_observed(
        cohort, settings, args.module, args.trainee, args.item, args.result, args.note, args.by
    )
    say(f"{args.trainee}, {args.module}: {', '.join(items)} {args.result.replace('-', ' ')}.")
    return OK


def cmd_completion(args: argparse.Namespace) -> int:
    """Say whether each trainee has completed the course, and why not, in plain words."""
    from peer2peer.progress.completion import cohort_completion
    from peer2peer.progress.export import completion_csv
    from peer2peer.progress.snapshot import CohortData

    rows = cohort_completion(CohortData.read(Path(args.path).resolve()))
    if args.csv:
        print(completion_csv(rows), end="")
        return OK
    from peer2peer.cohort.roster import trainee_label

    for row in rows:
        say(f"{trainee_label(row.trainee, row.name)}: {row.status}")
        for reason in row.reasons:
            say(f"  - {reason}")
    done = sum(not row.reasons for row in rows)
    say(f"{done} of {len(rows)} complete.")
    return OK


def cmd_certificate(args: argparse.Namespace) -> int:
    """Write a trainee's certificate of participation (only once they have completed)."""
    from peer2peer.cohort.certificates import revoke_certificates
    from peer2peer.progress.certification import NotComplete, certify

    cohort, _ = _cohort(args)
    if args.revoke:
        codes = revoke_certificates(cohort, args.trainee, args.reason or "")
        say(f"Withdrawn: {', '.join(codes)}. These codes now read as not valid.")
        return OK
    try:
        certificate = certify(cohort, args.trainee)
    except NotComplete as refused:
        errors.print(
            f"{args.trainee} has not completed the course yet, so no certificate was made:",
            markup=False,
        )
        for reason in refused.reasons:
            errors.print(f"  - {reason}", markup=False)
        return FIXABLE
    say(f"Wrote {certificate.path}")
    say(f"Verification code: {certificate.code}")
    return OK


def cmd_verify(args: argparse.Namespace) -> int:
    """Check a certificate's verification code: valid, or not (withdrawn, erased, unknown)."""
    from peer2peer.cohort.certificates import verify_certificate

    cohort, _ = _cohort(args)
    found = verify_certificate(cohort, args.code)
    say(found.words)
    return OK if found.valid else FIXABLE


def cmd_adjust(args: argparse.Namespace) -> int:
    """Give a trainee more time on a module, or another way to hand it in; or list theirs."""
    from peer2peer.cohort.adjustments import grant_alternative, grant_extension, load_adjustments

    cohort, settings = _cohort(args)
    if args.extend is None and args.alternative is None:
        given = load_adjustments(cohort).get(args.trainee, [])
        for adjustment in given:
            say(f"{adjustment.module}: {adjustment.words()}, by {adjustment.by} {adjustment.at}")
        say(f"{len(given)} adjustment(s) for {args.trainee}.")
        return OK
    if not args.module:
        errors.print("Say which module with --module (or --module all for more time on every one).")
        return FIXABLE
    if args.extend is not None:
        modules = settings.modules if args.module == "all" else [args.module]
        for module in modules:
            grant_extension(
                cohort, settings, args.trainee, module, args.extend,
                args.label or "more time", args.note, args.by,
            )  # fmt: skip
            due = settings.due_date(module).strftime("%a %d %b %Y, %H:%M")
            say(f"{args.trainee}, {module}: {args.extend} more days (due {due} for everyone).")
        tell_trainees(cohort, settings, [args.trainee])
        return OK
    adjustment = grant_alternative(
        cohort, settings, args.trainee, args.module, args.alternative, args.label or "",
        args.note, args.by,
    )  # fmt: skip
    say(f"{args.trainee}, {args.module}: {adjustment.words()}.")
    say(
        f"Next: peer2peer grade {args.path} {args.module}, then mark it: peer2peer mark {args.path}"
    )
    tell_trainees(cohort, settings, [args.trainee])
    return OK


def cmd_verify_marks(args: argparse.Namespace) -> int:
    """A verifier's second look: list marks waiting, or agree with one or send it back."""
    from peer2peer.cohort.marking_record import (
        read_record,
        sent_back,
        verify_mark,
        waiting_for_verifier,
    )

    cohort, settings = _cohort(args)
    if args.number is None:
        entries = read_record(cohort)
        waiting = waiting_for_verifier(entries)
        for mark in waiting:
            chosen = ", ".join(f"{k}: {v}" for k, v in mark.chosen.items())
            what = f"{mark.trainee} {mark.module} {mark.item}"
            say(f"#{mark.n} {what} by {mark.by}: {chosen} ({mark.why})")
        say(f"{len(waiting)} mark(s) waiting for a verifier.")
        for mark, decision in sent_back(entries):
            say(f"Sent back: #{mark.n} {mark.trainee} {mark.module} by {mark.by}: {decision.note}")
        return OK
    if not args.decision:
        errors.print("Say agree or send-back after the mark's number.")
        return FIXABLE
    entry = verify_mark(cohort, settings, args.number, args.decision, args.note, args.by)
    say(f"Mark {args.number}: {entry.decision} by {entry.by}.")
    return OK


def cmd_evidence(args: argparse.Namespace) -> int:
    """Write an evidence pack (PDF) for one trainee, for their trainer or a verifier."""
    from peer2peer.progress.evidence_pack import write_evidence_pack

    cohort, _ = _cohort(args)
    path = write_evidence_pack(cohort, args.trainee, args.reader)
    say(f"Wrote {path}")
    say("It holds personal information: keep it as your area's data policy says.")
    return OK


def cmd_register(args: argparse.Namespace) -> int:
    """Take the register for a group session in the browser, by keyboard."""
    from peer2peer.cli.page_verbs import REGISTER, serving
    from peer2peer.dashboard.marking_app import COHORT_VARIABLE, MODULE_VARIABLE
    from peer2peer.dashboard.serve import serve_pages

    cohort, settings = _cohort(args)
    if args.module and args.module not in settings.modules:
        errors.print(
            f"{args.module} is not a module of this cohort. Use one of: "
            f"{', '.join(settings.modules)}.",
            markup=False,
        )
        return FIXABLE
    page_settings = {COHORT_VARIABLE: str(cohort), MODULE_VARIABLE: args.module or ""}
    return serving(serve_pages, args.port, page_settings, "register.ipynb", preheat=REGISTER)


def _by(verb: argparse.ArgumentParser) -> None:
    verb.add_argument("--by", help="who is recording this (default: the signed-in user)")


def _note(verb: argparse.ArgumentParser) -> None:
    verb.add_argument("--note", default="", help="a short note, in your own words")


def _attendance_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("module", help="the module whose group session it was")
    verb.add_argument("trainee", help="the trainee's id")
    verb.add_argument(
        "status",
        choices=["present", "late", "excused", "absent", CATCH_UP],
        help=f"the register mark, or {CATCH_UP} once a missed session's catch-up is done",
    )
    _note(verb)
    _by(verb)


def _observed_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("module", help="a module with an observed-practice checklist")
    verb.add_argument("trainee", help="the trainee's id")
    verb.add_argument("item", help="the checklist item (an outcome id), or all")
    verb.add_argument("result", choices=["met", "not-yet"], help="what you observed")
    _note(verb)
    _by(verb)


def _completion_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("--csv", action="store_true", help="print a table: id,name,status,reasons")


def _certificate_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("trainee", help="the trainee's id")
    verb.add_argument("--revoke", action="store_true", help="withdraw their certificate instead")
    verb.add_argument("--reason", help="why it is withdrawn (with --revoke)")


def _verify_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("code", help="the verification code printed on the certificate")


def _adjust_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("trainee", help="the trainee's id")
    verb.add_argument("--module", help="the module (with --extend, `all` for every module)")
    what = verb.add_mutually_exclusive_group()
    what.add_argument("--extend", type=int, metavar="DAYS", help="more days to hand it in")
    what.add_argument(
        "--alternative",
        choices=["spoken", "recorded", "paper"],
        help="hand it in another way; the trainer marks it on the marking page",
    )
    verb.add_argument("--label", help="a reason that recurs, from cohort.yml adjustment_labels")
    _note(verb)
    _by(verb)


def _verify_marks_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("number", nargs="?", type=int, help="a mark's number (none: list waiting)")
    verb.add_argument("decision", nargs="?", choices=["agree", "send-back"], help="your decision")
    _note(verb)
    _by(verb)


def _evidence_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("trainee", help="the trainee's id")
    verb.add_argument(
        "--for",
        dest="reader",
        choices=["trainer", "verifier"],
        default="trainer",
        help="who will read it: stories a trainee shared go only to their trainer",
    )


def _register_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument(
        "module", nargs="?", help="the session's module (default: choose on the page)"
    )
    port_argument(verb, 8869)


VERBS = {
    "attendance": Verb(
        cmd_attendance, "Take the register for one trainee at a session.", _attendance_arguments
    ),
    "register": Verb(
        cmd_register, "Take a session's register in the browser, by keyboard.", _register_arguments
    ),
    "observed": Verb(
        cmd_observed,
        "Record observed practice: a checklist item met or not yet.",
        _observed_arguments,
    ),
    "completion": Verb(
        cmd_completion, "Say who has completed the course, and why not.", _completion_arguments
    ),
    "certificate": Verb(
        cmd_certificate, "Write a certificate of participation (PDF).", _certificate_arguments
    ),
    "verify": Verb(cmd_verify, "Check a certificate's verification code.", _verify_arguments),
    "adjust": Verb(
        cmd_adjust, "Give a trainee more time, or another way to hand in.", _adjust_arguments
    ),
    "verify-marks": Verb(
        cmd_verify_marks, "A verifier's second look at a sample of marks.", _verify_marks_arguments
    ),
    "evidence": Verb(cmd_evidence, "Write one trainee's evidence pack (PDF).", _evidence_arguments),
}
