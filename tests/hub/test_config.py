"""jupyterhub_config.py and each role's settings, rendered from the templates."""

from __future__ import annotations

import ast
import stat
from pathlib import Path
from types import SimpleNamespace

from hub_support import TRAINEES, a_deployment
from traitlets.config import Config

from peer2peer.dashboard.page_template import TEMPLATE, TEMPLATE_SOURCE
from peer2peer.hub.config import hub_config, nbgrader_config, server_config, write_deployment
from peer2peer.hub.deployment import LANDING, load_deployment


def load_hub_config(path: Path) -> Config:
    """Run jupyterhub_config.py as JupyterHub does, and return what it set."""
    config = Config()
    namespace = {"get_config": lambda: config, "__file__": str(path), "load_subconfig": None}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    return config


def fake_spawner(name: str) -> SimpleNamespace:
    return SimpleNamespace(user=SimpleNamespace(name=name), environment={}, default_url="")


def test_every_rendered_file_is_valid_python(tmp_path):
    deployment = a_deployment(tmp_path, cohort_name="Quotes ' and \" and\nnew lines")
    for text in [
        hub_config(deployment),
        *(server_config(deployment, role) for role in ("trainee", "trainer")),
        *(nbgrader_config(deployment, role) for role in ("trainee", "trainer")),
    ]:
        ast.parse(text)


def test_a_name_cannot_become_code(tmp_path):
    deployment = a_deployment(tmp_path, cohort_name="x\nimport os; os.system('boom')")
    text = hub_config(deployment)
    assert "\nimport os; os.system" not in text


def test_write_deployment_keeps_secrets_and_the_trainers_settings_private(tmp_path):
    deployment = a_deployment(tmp_path / "deployment")
    write_deployment(deployment)
    state = deployment.state
    for secret in ("jupyterhub_cookie_secret", "proxy_token", "warmer_token"):
        assert stat.S_IMODE((state / secret).stat().st_mode) == 0o600
        assert len((state / secret).read_text().strip()) == 64
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE(deployment.config_file.stat().st_mode) == 0o600
    trainer = deployment.role_folder("trainer")
    assert stat.S_IMODE(trainer.stat().st_mode) == 0o700
    trainee = deployment.role_folder("trainee")
    assert stat.S_IMODE((trainee / "nbgrader_config.py").stat().st_mode) == 0o644
    assert load_deployment(deployment.folder) == deployment


def test_secrets_are_made_once(tmp_path):
    deployment = a_deployment(tmp_path)
    write_deployment(deployment)
    before = (deployment.state / "proxy_token").read_text()
    write_deployment(deployment)
    assert (deployment.state / "proxy_token").read_text() == before


def test_the_hub_config_names_its_people_authenticator_and_culler(tmp_path):
    deployment = a_deployment(tmp_path)
    write_deployment(deployment)
    config = load_hub_config(deployment.config_file)
    assert config.Authenticator.allowed_users == {deployment.trainer, *TRAINEES}
    assert config.Authenticator.admin_users == set()
    assert config.JupyterHub.authenticator_class.endswith("FirstUseAuthenticator")
    assert config.JupyterHub.bind_url == "http://127.0.0.1:8000"
    assert config.ConfigurableHTTPProxy.auth_token  # read from the 0600 file
    [culler, warmer] = config.JupyterHub.services
    assert "jupyterhub_idle_culler" in culler["command"] and "--timeout=3600" in culler["command"]
    # the warmer's token comes from its 0600 file; it has no command line to carry it
    assert warmer == {
        "name": "session-warmer",
        "api_token": (deployment.state / "warmer_token").read_text().strip(),
    }
    assert config.Spawner.env_keep == ["LANG", "LC_ALL"]


def test_each_role_lands_on_its_page_with_its_settings(tmp_path):
    deployment = a_deployment(tmp_path)
    write_deployment(deployment)
    hook = load_hub_config(deployment.config_file).Spawner.pre_spawn_hook
    trainer, trainee = fake_spawner(deployment.trainer), fake_spawner(TRAINEES[0])
    hook(trainer)
    hook(trainee)
    assert trainer.default_url == LANDING["trainer"] and trainee.default_url == LANDING["trainee"]
    assert trainer.environment["PEER2PEER_COHORT"] == str(deployment.cohort)
    assert trainer.notebook_dir == str(deployment.cohort)
    assert "PEER2PEER_COHORT" not in trainee.environment  # nothing of the trainer's leaks
    assert trainee.notebook_dir == "~"
    assert trainee.environment["JUPYTER_CONFIG_PATH"].endswith("roles/trainee")
    assert trainee.environment["PATH"].startswith("/opt/peer2peer/env/bin:")


def test_the_trainee_server_serves_pages_only_and_no_gradebook(tmp_path):
    deployment = a_deployment(tmp_path)
    server = server_config(deployment, "trainee")
    assert '"jupyterlab": False' in server and '"voila.server_extension": True' in server
    assert '"nbgrader.server_extensions.formgrader": False' in server
    assert "terminals_enabled = False" in server
    nbgrader = nbgrader_config(deployment, "trainee")
    assert "db_url" not in nbgrader.replace("No gradebook", "")
    assert "hub-test-2027" in nbgrader and str(deployment.exchange) in nbgrader


def test_the_trainer_server_may_frame_the_formgrader_and_knows_the_gradebook(tmp_path):
    deployment = a_deployment(tmp_path)
    assert "frame-ancestors 'self'" in server_config(deployment, "trainer")
    assert deployment.db_url in nbgrader_config(deployment, "trainer")


def test_trainees_may_have_jupyterlab_when_asked(tmp_path):
    server = server_config(a_deployment(tmp_path, trainee_jupyterlab=True), "trainee")
    assert '"jupyterlab": True' in server


def test_every_server_renders_pages_with_our_template_found_in_the_deployment(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/someone/")  # as the hub sets it
    deployment = a_deployment(tmp_path)
    write_deployment(deployment)
    for role in ("trainee", "trainer"):
        settings = Config()
        exec(server_config(deployment, role), {"get_config": lambda s=settings: s})  # noqa: S102
        assert settings.VoilaConfiguration.template == TEMPLATE
        assert settings.VoilaConfiguration.allow_template_override == "NO"
        tornado = settings.ServerApp.tornado_settings
        assert tornado["mathjax_url"] is None and tornado["mathjax_config"] is None  # no CDN
        # Extension scripts named after their content are kept by the browser.
        kept = settings.ServerApp.static_immutable_cache
        assert kept and all(u.startswith("/user/someone/voila/labextensions/") for u in kept)
    template = deployment.data_folder / "voila" / "templates" / TEMPLATE
    assert (template / "index.html.j2").read_text() == (
        TEMPLATE_SOURCE / "index.html.j2"
    ).read_text()
    assert template.stat().st_mode & 0o777 == 0o755  # every account's server reads it
    assert (template / "index.html.j2").stat().st_mode & 0o777 == 0o644
    hub = load_hub_config(deployment.config_file)
    spawner = fake_spawner(TRAINEES[0])
    hub.Spawner.pre_spawn_hook(spawner)
    assert spawner.environment["JUPYTER_PATH"] == str(deployment.data_folder)


def test_trainee_servers_run_their_pages_ahead_unless_told_not_to(tmp_path):
    for ahead in (True, False):
        settings = Config()
        text = server_config(a_deployment(tmp_path, pages_ahead=ahead), "trainee")
        exec(text, {"get_config": lambda s=settings: s})  # noqa: S102
        assert settings.ServerApp.jpserver_extensions["peer2peer.hub.waiting"] is ahead
        manager = settings.ServerApp.kernel_manager_class if ahead else None
        assert manager == ("peer2peer.hub.waiting.WaitingKernelManager" if ahead else None)
    trainer = Config()
    exec(server_config(a_deployment(tmp_path), "trainer"), {"get_config": lambda: trainer})  # noqa: S102
    assert "peer2peer.hub.waiting" not in trainer.ServerApp.jpserver_extensions
