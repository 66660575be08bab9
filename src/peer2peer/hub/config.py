"""Writing a deployment's files: JupyterHub's config, each role's settings, the hub's secrets.

Every file is rendered from a template shipped in `templates/`; values enter a Python file
only as Python literals (`repr`), so no name or path can become code.
"""

from __future__ import annotations

import json
import os
import pprint
import secrets
import shutil
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from peer2peer.dashboard.page_template import TEMPLATE, write_template
from peer2peer.dashboard.serve import UNUSED_EXTENSIONS
from peer2peer.hub.deployment import LANDING, ROLES, TRAINER, Deployment, save_deployment
from peer2peer.hub.roles import groups, roles

TEMPLATES = Path(__file__).resolve().parent / "templates"
SECRETS = ("jupyterhub_cookie_secret", "proxy_token", "warmer_token")
#: The kernel name every page and notebook asks for.
KERNEL = "python3"


def templates() -> Environment:
    """The Jinja environment of the hub's templates (`py` renders a Python literal)."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=False,  # these are Python and YAML files, not HTML: values go through `py`
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["py"] = lambda value: pprint.pformat(value, width=92, sort_dicts=False)
    return environment


def render(template: str, **values) -> str:
    """Render one template of the hub's."""
    return templates().get_template(template).render(**values)


def hub_config(deployment: Deployment) -> str:
    """The text of jupyterhub_config.py."""
    return render(
        "jupyterhub_config.py.j2",
        d=deployment,
        groups=groups(deployment),
        roles=roles(deployment),
        landing=LANDING,
    )


def server_config(deployment: Deployment, role: str) -> str:
    """The text of a role's jupyter_server_config.py."""
    return render(
        "server_config.py.j2",
        d=deployment,
        role=role,
        unused_extensions=UNUSED_EXTENSIONS,
        page_template=TEMPLATE,
    )


def nbgrader_config(deployment: Deployment, role: str) -> str:
    """The text of a role's nbgrader_config.py."""
    return render(f"nbgrader_{role}.py.j2", d=deployment)


def write_deployment(deployment: Deployment, trainer_uid: int | None = None) -> list[Path]:
    """Write every file of a deployment; the trainer's settings become theirs alone."""
    folder = deployment.folder
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)  # every server reads its role's settings from here
    written = [save_deployment(deployment)]
    write_secrets(deployment.state)
    written.append(_write(deployment.config_file, hub_config(deployment), 0o600))
    for role in ROLES:
        where = deployment.role_folder(role)
        where.mkdir(parents=True, exist_ok=True)
        where.parent.chmod(0o755)
        private = role == TRAINER  # names the gradebook: the trainer's alone
        mode = 0o600 if private else 0o644
        written.append(
            _write(where / "nbgrader_config.py", nbgrader_config(deployment, role), mode)
        )
        written.append(
            _write(where / "jupyter_server_config.py", server_config(deployment, role), mode)
        )
        where.chmod(0o700 if private else 0o755)
        if private and trainer_uid is not None:
            for path in (where, *where.iterdir()):
                os.chown(path, trainer_uid, -1)
    written.extend(write_jupyter_data(deployment.data_folder, deployment.python()))
    for path in [deployment.data_folder, *deployment.data_folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return written


def write_jupyter_data(folder: Path, python: Path) -> list[Path]:
    """What every server finds in its Jupyter data folder: our page template and kernel.

    On one server the folder comes first in JUPYTER_PATH; in the Kubernetes image it is
    the image's own (`peer2peer.hub.image`). Either way it hides ipykernel's own spec.
    """
    return [write_page_template(folder), write_kernel_spec(folder, python)]


def write_page_template(folder: Path) -> Path:
    """Our Voila template where every server finds it: pages then ask no other host."""
    target = folder / "voila" / "templates" / TEMPLATE
    if target.exists():
        shutil.rmtree(target)
    return write_template(target)


def write_kernel_spec(folder: Path, python: Path) -> Path:
    """The pages' Python, `python -m peer2peer.hub.kernel`, under ipykernel's spec name."""
    target = folder / "kernels" / KERNEL / "kernel.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [str(python), "-m", "peer2peer.hub.kernel", "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "metadata": {"debugger": True},
    }
    target.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    return target


def write_secrets(state: Path) -> None:
    """Make the hub's cookie secret and proxy token once, in files of mode 0600."""
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o700)
    for name in SECRETS:
        path = state / name
        if not path.exists():
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(handle, "w") as stream:
                stream.write(secrets.token_hex(32) + "\n")
        path.chmod(0o600)


def _write(path: Path, text: str, mode: int) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path
