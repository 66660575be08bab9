"""The `peer2peer area` verbs: start a new area, add a local module (the logic is in `area`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from peer2peer.area.new import AreaNotWritten
from peer2peer.cli.common import FIXABLE, OK, USAGE, curriculum_root, root_argument
from peer2peer.curriculum.fixmes import Fixme
from peer2peer.curriculum.problems import display_path


def cmd_area_new(args: argparse.Namespace) -> int:
    """Write a fresh curriculum/area.yml for your area from the annotated template."""
    from peer2peer.area.new import write_new_area

    root = curriculum_root(args)
    try:
        new = write_new_area(root, args.name, force=args.force)
    except AreaNotWritten as refused:
        print(f"{refused}.", file=sys.stderr)
        return FIXABLE
    instead = f", in place of {new.replaced}" if new.replaced else ""
    print(f"Wrote {display_path(new.path, root)} for {args.name.strip()}{instead}.")
    _say_what_to_fill_in([(new.path, new.fixmes)], root)
    return OK


def cmd_area_add_module(args: argparse.Namespace) -> int:
    """Start a local module under local/ and list it in curriculum/area.yml."""
    from peer2peer.area.scaffold import add_local_module

    root = curriculum_root(args)
    try:
        added = add_local_module(root, args.module, args.title, args.after)
    except AreaNotWritten as refused:
        print(f"{refused}.", file=sys.stderr)
        return FIXABLE
    print(f"Started the local module {args.module}:")
    for path, _ in added.written:
        print(f"  {display_path(path, root)}")
    _say_what_to_fill_in(added.written, root)
    return OK


def _say_what_to_fill_in(files: list[tuple[Path, list[Fixme]]], root: Path) -> None:
    """Print each FIXME note as file:line  key - hint, then what to run next."""
    notes = [(path, fixme) for path, fixmes in files for fixme in fixmes]
    if notes:
        print(f"Still to fill in ({len(notes)}), each marked FIXME in the file:")
    for path, fixme in notes:
        key = fixme.key or "text"
        print(f"  {display_path(path, root)}:{fixme.line}  {key} - {fixme.hint or 'fill this in'}")
    print("Fill these in and delete each FIXME note, then run: peer2peer check")


def add_area_verbs(verbs: argparse._SubParsersAction) -> None:
    """Add `peer2peer area new` and `peer2peer area add-module` to the command line."""
    area = verbs.add_parser("area", help="Start your own area: local values and modules.")
    area.set_defaults(function=lambda _: area.print_help() or USAGE)
    area_verbs = area.add_subparsers(dest="area_command", metavar="COMMAND")
    new = area_verbs.add_parser(
        "new",
        help="Write a fresh curriculum/area.yml for your area.",
        description=cmd_area_new.__doc__,
    )
    new.add_argument("name", help='the name of your area, for example "Highland"')
    new.add_argument(
        "--force", action="store_true", help="replace an area.yml that holds another area"
    )
    add = area_verbs.add_parser(
        "add-module",
        help="Start a local module and list it in area.yml.",
        description=cmd_area_add_module.__doc__,
    )
    add.add_argument("module", help="the new module's id, for example 12-local-roles")
    add.add_argument("title", help='its title, for example "Peer roles in Highland"')
    add.add_argument("--after", help="the id of the module it comes after (default: last)")
    for verb, function in ((new, cmd_area_new), (add, cmd_area_add_module)):
        root_argument(verb)
        verb.set_defaults(function=function)
