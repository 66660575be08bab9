"""`peer2peer hub init` and `hub accounts`: a deployment for a cohort, accounts from its roster."""

from __future__ import annotations

import pwd
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Course
from sqlalchemy import make_url, select

from peer2peer.cohort.course import gradebook
from peer2peer.cohort.create import database_url
from peer2peer.cohort.database import engine_for
from peer2peer.cohort.settings import CohortError, CohortSettings, load_settings
from peer2peer.hub.accounts import ensure_account, ledger_of, made_accounts, name_problem
from peer2peer.hub.config import write_deployment
from peer2peer.hub.deployment import (
    Deployment,
    HubError,
    default_folder,
    load_deployment,
)
from peer2peer.hub.environment import find_environment, find_proxy
from peer2peer.hub.sharing import give_cohort_to, open_letterboxes, share_exchange


@dataclass
class AccountsReport:
    """What syncing accounts with the roster did."""

    made: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    off_roster: list[str] = field(default_factory=list)


def roster_ids(settings: CohortSettings) -> list[str]:
    """The trainee ids on a cohort's roster (nbgrader's students)."""
    with gradebook(settings) as book:
        return sorted(student.id for student in book.students)


def init_deployment(
    cohort: Path,
    folder: Path | None = None,
    trainer: str | None = None,
    db_url: str | None = None,
    environment: Path | None = None,
    proxy: str | None = None,
    ip: str = "127.0.0.1",
    port: int = 8000,
) -> tuple[Deployment, AccountsReport]:
    """Write a commented deployment for a cohort and make its accounts (as root)."""
    cohort = cohort.resolve()
    settings = load_settings(cohort)
    trainer = trainer or _owner(cohort)
    deployment = Deployment(
        folder=(folder or default_folder(settings.course_id)).resolve(),
        cohort=cohort,
        course_id=settings.course_id,
        cohort_name=settings.name,
        trainer=trainer,
        exchange=Path(settings.exchange),
        db_url=trainer_gradebook(settings, db_url),
        timezone=settings.timezone,
        environment=find_environment(environment),
        proxy=find_proxy(proxy),
        ip=ip,
        port=port,
    )
    return deployment, sync_accounts(deployment)


def sync_accounts(deployment: Deployment) -> AccountsReport:
    """Give the trainer and each trainee on the roster an account; write the deployment."""
    settings = load_settings(deployment.cohort)
    trainees = roster_ids(settings)
    problems = [p for p in map(name_problem, [deployment.trainer, *trainees]) if p]
    if problems:
        raise HubError(". ".join(problems))
    ledger = ledger_of(deployment)
    before = set(made_accounts(ledger))
    trainer = ensure_account(deployment.trainer, deployment.course_id, ledger, True)
    give_cohort_to(deployment.cohort, trainer.pw_uid, deployment.trainer)
    exchange = share_exchange(deployment.cohort, settings, deployment.folder, trainer.pw_uid)
    report = AccountsReport()
    for trainee in trainees:
        ensure_account(trainee, deployment.course_id, ledger)
        (report.kept if trainee in before else report.made).append(trainee)
    open_letterboxes(exchange, deployment.course_id, trainer.pw_uid, trainees)
    report.off_roster = sorted(set(deployment.trainees) - set(trainees))
    deployment.trainees, deployment.exchange = trainees, exchange
    write_deployment(deployment, trainer.pw_uid)
    return report


def trainer_gradebook(settings: CohortSettings, db_url: str | None) -> str:
    """The gradebook URL the trainer's server uses: the cohort's, or the same one by another URL.

    A password never goes in it: the URL is written to a file, and a command line carrying
    it is visible to every account through `ps`. PostgreSQL reads it from ~/.pgpass.
    """
    if not db_url:
        return settings.db_url
    try:
        url = database_url(db_url)
    except CohortError as error:
        raise HubError(str(error)) from error
    if make_url(url).password:
        raise HubError(
            "leave the password out of the gradebook URL (other accounts could read it). "
            "Put it in the trainer's ~/.pgpass instead (mode 0600)"
        )
    if url.startswith("sqlite"):
        if url != settings.db_url:
            raise HubError(
                f"this cohort's gradebook is {settings.db_url}. To use PostgreSQL, make the "
                "cohort with `peer2peer cohort init --db postgresql://...`"
            )
        return url
    try:
        with engine_for(url) as engine, engine.connect() as connection:
            found = connection.execute(select(Course.id).where(Course.id == settings.course_id))
            if found.first() is None:
                raise HubError(f"{db_url} holds no gradebook for {settings.course_id}")
    except HubError:
        raise
    except Exception as error:
        raise HubError(f"cannot open the gradebook at {db_url}: {error}") from error
    return url


def open_deployment(cohort: Path, folder: Path | None = None) -> Deployment:
    """The deployment of a cohort, from its folder (default /srv/peer2peer/<course id>)."""
    settings = load_settings(cohort.resolve())
    return load_deployment((folder or default_folder(settings.course_id)).resolve())


def _owner(cohort: Path) -> str:
    owner = pwd.getpwuid(cohort.stat().st_uid).pw_name
    if owner == "root":
        raise HubError(
            "the cohort belongs to root, and no server may run as root. Give --trainer NAME: "
            "the trainer's account (made if missing); the cohort becomes theirs"
        )
    return owner
