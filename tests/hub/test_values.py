"""values.yaml for Zero to JupyterHub, checked against the chart's own schema (4.4.0)."""

from __future__ import annotations

import copy
from pathlib import Path

import jsonschema
import pytest
from hub_support import TRAINEES
from ruamel.yaml import YAML

from peer2peer.hub.deployment import LANDING, HubError
from peer2peer.hub.values import CHART_VERSION, write_kubernetes

CHART = Path(__file__).parent / "data" / f"z2jh-{CHART_VERSION}"


def helm_merge(defaults: dict, ours: dict) -> dict:
    """Merge values as Helm does: maps key by key, anything else replaced."""
    merged = copy.deepcopy(defaults)
    for key, value in ours.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@pytest.fixture(scope="module")
def written(hub_cohort, tmp_path_factory):
    output = tmp_path_factory.mktemp("k8s")
    write_kubernetes(hub_cohort, output, "p2pt-trainer", "postgresql://grader@db:5432/hub")
    return output


def test_values_pass_the_charts_schema(written):
    yaml = YAML(typ="safe")
    ours = yaml.load((written / "values.yaml").read_text())
    defaults = yaml.load((CHART / "values.yaml").read_text())
    schema = yaml.load((CHART / "values.schema.yaml").read_text())
    jsonschema.validate(helm_merge(defaults, ours), schema)


def test_a_mistake_is_caught_by_the_schema(written):
    yaml = YAML(typ="safe")
    ours = yaml.load((written / "values.yaml").read_text())
    ours["singleuser"]["storage"]["capacityy"] = "1Gi"
    schema = yaml.load((CHART / "values.schema.yaml").read_text())
    defaults = yaml.load((CHART / "values.yaml").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(helm_merge(defaults, ours), schema)


def test_values_carry_the_roles_landing_culler_exchange_and_gradebook(written):
    values = YAML(typ="safe").load((written / "values.yaml").read_text())
    hub, singleuser = values["hub"], values["singleuser"]
    assert hub["config"]["Authenticator"]["allowed_users"] == ["p2pt-trainer", *TRAINEES]
    assert hub["config"]["Authenticator"]["admin_users"] == []
    trainer = hub["loadRoles"]["peer2peer-trainer"]
    assert not any(s.startswith("access:servers") for s in trainer["scopes"])
    assert singleuser["defaultUrl"] == LANDING["trainee"]
    assert LANDING["trainer"] in hub["extraConfig"]["peer2peer"]
    assert values["cull"]["enabled"] and values["cull"]["timeout"] == 3600
    assert (
        singleuser["storage"]["extraVolumes"][0]["persistentVolumeClaim"]["claimName"] == "exchange"
    )
    files = singleuser["extraFiles"]
    assert "postgresql+psycopg://grader@db:5432/hub" in files["trainer-nbgrader"]["stringData"]
    assert "db_url" not in files["trainee-nbgrader"]["stringData"].replace("No gradebook", "")
    compile(hub["extraConfig"]["peer2peer"], "extraConfig", "exec")


def test_the_volumes_are_read_write_many(written):
    claims = list(YAML(typ="safe").load_all((written / "volumes.yaml").read_text()))
    assert {c["metadata"]["name"] for c in claims} == {"exchange", "cohort"}
    assert all(c["spec"]["accessModes"] == ["ReadWriteMany"] for c in claims)


def test_the_dockerfile_installs_this_package_with_the_charts_hub(written):
    dockerfile = (written / "Dockerfile.singleuser").read_text()
    assert 'pip install --no-cache-dir "/src" "jupyterhub==5.5.0"' in dockerfile
    assert "peer2peer.hub.singleuser" in dockerfile
    assert "RUN python -m peer2peer.hub.image\n" in dockerfile  # our kernel and page template


def test_an_unusable_trainer_name_is_refused(hub_cohort, tmp_path):
    with pytest.raises(HubError, match="cannot be an account name"):
        write_kubernetes(hub_cohort, tmp_path, "Trainer Name")
