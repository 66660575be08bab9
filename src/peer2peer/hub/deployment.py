"""A deployment: one cohort served by one hub, and where each of its parts lives.

`deployment.yml` in the deployment folder records what `peer2peer hub init` decided. Its
one reader and writer is this module.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from ruamel.yaml import YAML

DEPLOYMENT_FILE = "deployment.yml"
#: Where `hub init` puts a cohort's deployment unless told otherwise.
DEFAULT_PARENT = Path("/srv/peer2peer")
#: The folder of pages written inside each user's server (under its root folder).
PAGES_FOLDER = "peer2peer-pages"
TRAINEE, TRAINER = "trainee", "trainer"
ROLES = (TRAINEE, TRAINER)
#: Each role's first page, inside that user's own server.
LANDING = {
    TRAINEE: f"/voila/render/{PAGES_FOLDER}/home.ipynb",
    TRAINER: f"/voila/render/{PAGES_FOLDER}/cohort.ipynb",
}


class Deployment(BaseModel):
    """What a hub serving one cohort needs to know."""

    model_config = ConfigDict(extra="forbid")

    folder: Path = Field(description="the deployment folder (config, state, role settings)")
    cohort: Path = Field(description="the cohort folder (the trainer's; personal data)")
    course_id: str = Field(description="the cohort's nbgrader course id")
    cohort_name: str = Field(description="the cohort's name, as trainers say it")
    trainer: str = Field(description="the trainer's account (hub and Unix)")
    trainees: list[str] = Field(default=[], description="trainee ids from the roster")
    exchange: Path = Field(description="nbgrader's exchange, reachable by every account")
    db_url: str = Field(description="the gradebook the trainer's server uses")
    timezone: str = Field(default="Europe/London", description="the cohort's time zone")
    environment: Path = Field(description="the Python environment users' servers run from")
    proxy: str = Field(description="the configurable-http-proxy program")
    ip: str = Field(default="127.0.0.1", description="the address the hub listens on")
    port: int = Field(default=8000, description="the port the hub listens on")
    idle_minutes: int = Field(default=60, description="stop a server idle this long")
    pages_ahead: bool = Field(
        default=True, description="run each trainee's home and next lesson ahead of their visit"
    )
    trainee_jupyterlab: bool = Field(
        default=False, description="let trainees open JupyterLab too (the lesson view is enough)"
    )

    @property
    def state(self) -> Path:
        """The hub's own state: its database, cookie secret and proxy token (root only)."""
        return self.folder / "state"

    @property
    def config_file(self) -> Path:
        """jupyterhub_config.py."""
        return self.folder / "jupyterhub_config.py"

    @property
    def data_folder(self) -> Path:
        """Jupyter data every server finds (JUPYTER_PATH): our Voila template."""
        return self.folder / "jupyter"

    def role_folder(self, role: str) -> Path:
        """The Jupyter config folder of a role (its servers' JUPYTER_CONFIG_PATH)."""
        return self.folder / "roles" / role

    def python(self) -> Path:
        """The Python users' servers run."""
        return self.environment / "bin" / "python"

    def address(self) -> str:
        """The hub's address, as a person types it."""
        host = f"[{self.ip}]" if ":" in self.ip else self.ip
        return f"http://{host}:{self.port}"

    def landing_url(self, role: str, user: str | None = None) -> str:
        """The page a role lands on after logging in ({user} stands for the user's name)."""
        return f"{self.address()}/user/{user or '{user}'}{LANDING[role]}"

    def role_of(self, user: str) -> str:
        """ "trainer" or "trainee"."""
        return TRAINER if user == self.trainer else TRAINEE


def default_folder(course_id: str) -> Path:
    """Where a cohort's deployment goes by default: /srv/peer2peer/<course id>."""
    return DEFAULT_PARENT / course_id


def save_deployment(deployment: Deployment) -> Path:
    """Write deployment.yml (readable by root alone: it names every trainee)."""
    path = deployment.folder / DEPLOYMENT_FILE
    deployment.folder.mkdir(parents=True, exist_ok=True)
    yaml = YAML()
    yaml.default_flow_style = False
    with path.open("w") as stream:
        stream.write("# Written by `peer2peer hub init`; run it again rather than editing.\n")
        yaml.dump(deployment.model_dump(mode="json"), stream)
    path.chmod(0o600)
    return path


def load_deployment(folder: Path) -> Deployment:
    """Read deployment.yml from a deployment folder."""
    path = folder / DEPLOYMENT_FILE
    if not path.is_file():
        raise NotADeployment(
            f"{folder} has no {DEPLOYMENT_FILE}. Run `peer2peer hub init COHORT` first"
        )
    return Deployment.model_validate(YAML(typ="safe").load(path.read_text()))


class NotADeployment(Exception):
    """The folder holds no hub deployment."""


class HubError(Exception):
    """The hub cannot be set up or run as asked; the message says what to do."""
