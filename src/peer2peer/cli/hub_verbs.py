"""Verbs that serve a cohort through JupyterHub: init, accounts, password, start, demo, values."""

from __future__ import annotations

import argparse
import getpass
import os
import signal
import sys
import threading
from pathlib import Path

from peer2peer.cli.common import (
    FIXABLE,
    OK,
    Verb,
    add_verbs,
    cohort_argument,
    console,
    curriculum_root,
    errors,
    root_argument,
)


def _as_root() -> bool:
    if os.geteuid() == 0:
        return True
    errors.print(
        "This makes Unix accounts and starts servers as them: run it as root "
        "(for example with sudo)."
    )
    return False


def cmd_hub_init(args: argparse.Namespace) -> int:
    """Write a commented JupyterHub deployment for a cohort, with an account per trainee."""
    from peer2peer.hub.deployment import TRAINEE, TRAINER
    from peer2peer.hub.setup import init_deployment

    if not _as_root():
        return FIXABLE
    deployment, report = init_deployment(
        Path(args.path),
        Path(args.folder) if args.folder else None,
        args.trainer,
        args.db,
        Path(args.env) if args.env else None,
        args.proxy,
        args.ip,
        args.port,
    )
    console.print(
        f"Wrote the hub for {deployment.cohort_name} in {deployment.folder}", markup=False
    )
    _say_accounts(report)
    console.print(f"The hub's address:  {deployment.address()}/hub/login", markup=False)
    console.print(f"  trainees land on: {deployment.landing_url(TRAINEE)}", markup=False)
    console.print(f"  the trainer on:   {deployment.landing_url(TRAINER)}", markup=False)
    console.print("Next:", markup=False)
    console.print(
        f"  peer2peer hub password {args.path} {deployment.trainer}   (the trainer's password)",
        markup=False,
    )
    console.print(f"  peer2peer hub start {args.path}", markup=False)
    return OK


def cmd_hub_accounts(args: argparse.Namespace) -> int:
    """Give each trainee on the roster a hub login and a Unix account of their own."""
    from peer2peer.hub.setup import open_deployment, sync_accounts

    if not _as_root():
        return FIXABLE
    deployment = open_deployment(Path(args.path), _folder(args))
    _say_accounts(sync_accounts(deployment))
    console.print("Restart the hub (peer2peer hub start) for new trainees to log in.")
    return OK


def cmd_hub_password(args: argparse.Namespace) -> int:
    """Set a hub password at the terminal (the trainer's, before the hub first starts)."""
    from peer2peer.hub.passwords import set_password
    from peer2peer.hub.setup import open_deployment

    if not _as_root():
        return FIXABLE
    deployment = open_deployment(Path(args.path), _folder(args))
    if args.username not in (deployment.trainer, *deployment.trainees):
        errors.print(f"{args.username} is not a user of this hub.", markup=False)
        return FIXABLE
    if sys.stdin.isatty():
        password = getpass.getpass(f"New hub password for {args.username}: ")
        if getpass.getpass("The same again: ") != password:
            errors.print("The two did not match. Nothing was changed.")
            return FIXABLE
    else:
        password = sys.stdin.readline().rstrip("\n")
    set_password(deployment, args.username, password)
    console.print(f"Set the hub password of {args.username}.", markup=False)
    return OK


def cmd_hub_start(args: argparse.Namespace) -> int:
    """Serve the cohort through JupyterHub until Ctrl+C (as root; loopback unless --ip)."""
    from peer2peer.hub.deployment import TRAINEE, TRAINER
    from peer2peer.hub.passwords import has_password
    from peer2peer.hub.running import start_hub, stop_hub, wait_until_ready
    from peer2peer.hub.setup import open_deployment, sync_accounts

    if not _as_root():
        return FIXABLE
    deployment = open_deployment(Path(args.path), _folder(args))
    deployment.ip = args.ip or deployment.ip
    deployment.port = args.port or deployment.port
    if not has_password(deployment, deployment.trainer):
        errors.print(
            f"Set the trainer's password first: peer2peer hub password {args.path} "
            f"{deployment.trainer}",
            markup=False,
        )
        return FIXABLE
    _say_accounts(sync_accounts(deployment))
    hub = start_hub(deployment)
    warmer = None
    with _stopping_on_signals():
        try:
            wait_until_ready(hub)
            console.print(f"The hub is at {deployment.address()}/hub/login", markup=False)
            console.print(f"  trainees land on: {deployment.landing_url(TRAINEE)}", markup=False)
            console.print(f"  the trainer on:   {deployment.landing_url(TRAINER)}", markup=False)
            console.print(f"  its log:          {hub.log}", markup=False)
            if args.warm:
                warmer = _warm(hub, args.session_minutes)
            console.print("Press Ctrl+C to stop it.")
            hub.process.wait()
        except KeyboardInterrupt:
            pass
        finally:
            if warmer is not None:
                warmer.stopped.set()
            console.print("Stopping the hub and every server...")
            stop_hub(hub)
    return OK


def _warm(hub, minutes: int):
    """Start every trainee's server now, and keep them for the session; say how it went."""
    from peer2peer.hub.warm import AT_ONCE, start_session

    count = len(hub.deployment.trainees)
    console.print(f"Starting the {count} trainees' servers, {AT_ONCE} at a time...")
    warmer, results = start_session(hub, minutes)
    ready = [name for name, result in results.items() if isinstance(result, float)]
    console.print(
        f"{len(ready)} of {count} servers are ready, kept running for {minutes} minutes "
        "(then stopped after the usual idle time if nobody uses them).",
        markup=False,
    )
    for name, result in results.items():
        if not isinstance(result, float):
            errors.print(f"  {name}: {result} (they can still log in)", markup=False)
    return warmer


def cmd_hub_demo(args: argparse.Namespace) -> int:
    """Serve the demo cohort through a real hub on 127.0.0.1 until Ctrl+C, then remove it all."""
    from peer2peer.hub.demo import start_hub_demo, stop_hub_demo

    if not _as_root():
        return FIXABLE
    with _stopping_on_signals():
        demo = None
        try:
            demo = start_hub_demo(
                curriculum_root(args),
                Path(args.folder),
                args.port,
                lambda words: console.print(words, markup=False),
            )
            console.print()
            console.print(f"The demo hub is at {demo.hub.address()}/hub/login", markup=False)
            console.print(f"Logins (role,username,password): {demo.logins}", markup=False)
            console.print(
                "Log in as the trainer (the cohort's dashboard) or as a trainee (their home).",
                markup=False,
            )
            console.print("Press Ctrl+C to stop: every server, account and file goes with it.")
            demo.hub.process.wait()
            errors.print("The hub stopped by itself. Its log was:", markup=False)
            errors.print(demo.hub.log.read_text(errors="replace")[-3000:], markup=False)
        except KeyboardInterrupt:
            pass
        finally:
            if demo is not None:
                console.print("Stopping the hub, removing the demo's accounts and files...")
                removed = stop_hub_demo(demo)
                console.print(f"Removed {len(removed)} accounts and {demo.folder}.", markup=False)
    return OK


def cmd_hub_values(args: argparse.Namespace) -> int:
    """Write Zero to JupyterHub's values.yaml and the servers' Dockerfile, for Kubernetes."""
    from peer2peer.hub.values import write_kubernetes

    written = write_kubernetes(
        Path(args.path), Path(args.output), args.trainer, args.db, args.image, args.storage_class
    )
    for path in written:
        console.print(f"Wrote {path}", markup=False)
    console.print("See docs/deploy.md for installing it with Helm.")
    return OK


def _say_accounts(report) -> None:
    console.print(
        f"Accounts: {len(report.made)} made, {len(report.kept)} already there.", markup=False
    )
    if report.off_roster:
        console.print(
            f"No longer on the roster (they can no longer log in; their account and files "
            f"are kept): {', '.join(report.off_roster)}",
            markup=False,
        )


def _folder(args: argparse.Namespace) -> Path | None:
    return Path(args.folder) if args.folder else None


class _stopping_on_signals:
    """Turn SIGTERM and SIGHUP into KeyboardInterrupt, so that stopping always cleans up."""

    def __enter__(self):
        self.before = {}
        if threading.current_thread() is threading.main_thread():
            for number in (signal.SIGTERM, signal.SIGHUP):
                self.before[number] = signal.signal(number, _interrupt)
        return self

    def __exit__(self, *_):
        for number, handler in self.before.items():
            signal.signal(number, handler)


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


def _folder_argument(verb: argparse.ArgumentParser, default: str) -> None:
    verb.add_argument("--folder", help=f"the deployment folder (default: {default})")


def _init_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    _folder_argument(verb, "/srv/peer2peer/COURSE-ID")
    verb.add_argument(
        "--trainer", help="the trainer's account (default: the cohort folder's owner)"
    )
    verb.add_argument(
        "--db",
        help="the gradebook as the trainer's server reaches it, e.g. postgresql://user@host/db "
        "(default: the cohort's own; never put a password in it)",
    )
    verb.add_argument(
        "--env", help="the environment servers run from (default: /opt/peer2peer/env)"
    )
    verb.add_argument(
        "--proxy", help="configurable-http-proxy (default: found, see make hub-proxy)"
    )
    verb.add_argument("--ip", default="127.0.0.1", help="the address (default: 127.0.0.1)")
    verb.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")


def _cohort_and_folder(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    _folder_argument(verb, "/srv/peer2peer/COURSE-ID")


def _password_arguments(verb: argparse.ArgumentParser) -> None:
    _cohort_and_folder(verb)
    verb.add_argument("username", help="whose password (the trainer's, usually)")


def _start_arguments(verb: argparse.ArgumentParser) -> None:
    _cohort_and_folder(verb)
    verb.add_argument("--ip", help="listen on this address (default: as at init, 127.0.0.1)")
    verb.add_argument("--port", type=int, help="listen on this port (default: as at init)")
    verb.add_argument(
        "--warm",
        action="store_true",
        help="start every trainee's server now, so each finds theirs running at login",
    )
    verb.add_argument(
        "--session-minutes",
        type=int,
        default=180,
        help="with --warm: keep the servers running this long, used or not (default: 180)",
    )


def _demo_arguments(verb: argparse.ArgumentParser) -> None:
    root_argument(verb)
    verb.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    verb.add_argument(
        "--folder", required=True, help="a new folder for the demo (removed when it stops)"
    )


def _values_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("--output", required=True, help="the folder to write values.yaml into")
    verb.add_argument("--trainer", required=True, help="the trainer's hub user name")
    verb.add_argument(
        "--db", help="the gradebook on PostgreSQL, e.g. postgresql://user@host/db (recommended)"
    )
    verb.add_argument(
        "--image", default="peer2peer-singleuser:0.1.0", help="the servers' image name:tag"
    )
    verb.add_argument(
        "--storage-class", default="nfs-client", help="a storage class with ReadWriteMany"
    )


HUB_VERBS = {
    "init": Verb(cmd_hub_init, "Write a JupyterHub deployment for a cohort.", _init_arguments),
    "accounts": Verb(
        cmd_hub_accounts, "Give each trainee on the roster an account.", _cohort_and_folder
    ),
    "password": Verb(cmd_hub_password, "Set a hub password at the terminal.", _password_arguments),
    "start": Verb(cmd_hub_start, "Serve a cohort through JupyterHub.", _start_arguments),
    "demo": Verb(cmd_hub_demo, "Serve the demo cohort through a real hub.", _demo_arguments),
    "values": Verb(cmd_hub_values, "Write values.yaml for Zero to JupyterHub.", _values_arguments),
}


def add_hub_group(verbs) -> None:
    """`peer2peer hub init|accounts|password|start|demo|values`."""
    hub = verbs.add_parser(
        "hub", help="Serve a cohort through JupyterHub (trainees from any device)."
    )
    add_verbs(hub.add_subparsers(dest="hub_command", metavar="COMMAND"), HUB_VERBS)
