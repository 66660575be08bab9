"""`peer2peer hub values`: the same deployment for Zero to JupyterHub (Helm, Kubernetes).

It writes values.yaml (roles, landing pages, culler, gradebook, nbgrader settings per
role), volumes.yaml (the ReadWriteMany exchange and cohort volumes) and a Dockerfile for
the servers' image. Nothing here talks to a cluster.
"""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from peer2peer.cohort.create import database_url
from peer2peer.cohort.settings import load_settings
from peer2peer.hub.accounts import name_problem
from peer2peer.hub.config import nbgrader_config, render, server_config
from peer2peer.hub.deployment import LANDING, ROLES, Deployment, HubError
from peer2peer.hub.roles import groups, roles
from peer2peer.hub.setup import roster_ids

#: The chart version the values are written (and tested) for, and the JupyterHub it runs.
CHART_VERSION = "4.4.0"
CHART_HUB_VERSION = "5.5.0"
#: Where the volumes are mounted inside the servers.
EXCHANGE_MOUNT = Path("/srv/nbgrader/exchange")
COHORT_MOUNT = Path("/srv/cohort")


def kubernetes_deployment(cohort: Path, trainer: str, db_url: str | None) -> Deployment:
    """The cohort's deployment as the servers see it on Kubernetes."""
    settings = load_settings(cohort.resolve())
    trainees = roster_ids(settings)
    problems = [p for p in map(name_problem, [trainer, *trainees]) if p]
    if problems:
        raise HubError(". ".join(problems))
    if db_url:
        db_url = database_url(db_url)
    return Deployment(
        folder=Path("/srv/jupyterhub"),
        cohort=COHORT_MOUNT,
        course_id=settings.course_id,
        cohort_name=settings.name,
        trainer=trainer,
        trainees=trainees,
        exchange=EXCHANGE_MOUNT,
        # SQLite on a network volume is safe with one writer (the trainer's server) only.
        db_url=db_url or f"sqlite:///{COHORT_MOUNT / 'gradebook.db'}",
        timezone=settings.timezone,
        environment=Path("/usr/local"),
        proxy="configurable-http-proxy",
    )


def split_image(image: str) -> tuple[str, str]:
    """An image's name and tag ("latest" when none is given)."""
    if ":" in image.split("/")[-1]:
        name, _, tag = image.rpartition(":")
        return name, tag
    return image, "latest"


def values_yaml(deployment: Deployment, image: str, storage_class: str = "nfs-client") -> str:
    """The text of values.yaml."""
    name, tag = split_image(image)
    return render(
        "values.yaml.j2",
        d=deployment,
        chart_version=CHART_VERSION,
        roles=roles(deployment),
        groups=groups(deployment),
        landing=LANDING,
        image_name=name,
        image_tag=tag,
        exchange=str(EXCHANGE_MOUNT),
        nbgrader={role: nbgrader_config(deployment, role) for role in ROLES},
        server={role: server_config(deployment, role) for role in ROLES},
        storage_class=storage_class,
    )


def write_kubernetes(
    cohort: Path,
    output: Path,
    trainer: str,
    db_url: str | None = None,
    image: str = "peer2peer-singleuser:0.1.0",
    storage_class: str = "nfs-client",
) -> list[Path]:
    """Write values.yaml, volumes.yaml and Dockerfile.singleuser into `output`."""
    deployment = kubernetes_deployment(cohort, trainer, db_url)
    output.mkdir(parents=True, exist_ok=True)
    output.chmod(0o700)  # it names every trainee
    name, tag = split_image(image)
    dockerfile = output / "Dockerfile.singleuser"
    texts = {
        output / "values.yaml": values_yaml(deployment, image, storage_class),
        output / "volumes.yaml": render(
            "volumes.yaml.j2", d=deployment, storage_class=storage_class
        ),
        dockerfile: render(
            "Dockerfile.j2",
            d=deployment,
            dockerfile=dockerfile,
            image_name=name,
            image_tag=tag,
            chart_version=CHART_VERSION,
            chart_hub_version=CHART_HUB_VERSION,
        ),
    }
    for path, text in texts.items():
        if path.suffix == ".yaml":
            list(YAML(typ="safe").load_all(text))  # a template mistake fails here, not in Helm
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)
    return list(texts)
