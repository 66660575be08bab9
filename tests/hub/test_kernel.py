"""The pages' Python in a hub server: found before ipykernel's own, without the slow extras."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from hub_support import a_deployment
from jupyter_client.kernelspec import KernelSpecManager

from peer2peer.dashboard.page_template import TEMPLATE
from peer2peer.hub.config import write_deployment

CHECK = """
from peer2peer.hub.kernel import leave_out_slow_extras
leave_out_slow_extras()
import sys, jsonschema
jsonschema.validate("not an IRI", {"format": "iri"}, format_checker=jsonschema.FormatChecker())
print(sys.modules["rfc3987_syntax"] is None)
"""


def test_jsonschema_still_validates_without_the_iri_checker():
    found = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "True"


def test_servers_find_our_kernel_before_ipykernels_own(tmp_path, monkeypatch):
    deployment = a_deployment(tmp_path / "deployment")
    write_deployment(deployment)
    spec_file = deployment.data_folder / "kernels" / "python3" / "kernel.json"
    assert oct(spec_file.stat().st_mode)[-3:] == "644"
    monkeypatch.setenv("JUPYTER_PATH", str(deployment.data_folder))  # as pre_spawn_hook sets
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "nobody"))
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert spec.argv[:3] == [str(deployment.python()), "-m", "peer2peer.hub.kernel"]
    assert json.loads(spec_file.read_text())["argv"][-2:] == ["-f", "{connection_file}"]
    assert os.path.dirname(spec.resource_dir) == str(deployment.data_folder / "kernels")


def test_the_kubernetes_image_gets_our_kernel_and_page_template(tmp_path, monkeypatch):
    folder = tmp_path / "share" / "jupyter"  # the image's sys.prefix/share/jupyter
    written = subprocess.run(
        [sys.executable, "-m", "peer2peer.hub.image", str(folder)], capture_output=True, text=True
    )
    assert written.returncode == 0, written.stderr
    assert (folder / "voila" / "templates" / TEMPLATE / "static").is_dir()
    monkeypatch.setenv("JUPYTER_PATH", str(folder))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "nobody"))
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert spec.argv[:3] == [sys.executable, "-m", "peer2peer.hub.kernel"]
    assert os.path.dirname(spec.resource_dir) == str(folder / "kernels")
