"""environment.yml and pyproject.toml list the same dependencies with the same versions."""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement
from ruamel.yaml import YAML
from support import REPO


def _normal(lines: list[str]) -> set[str]:
    requirements = (Requirement(line) for line in lines)
    return {f"{r.name.lower().replace('_', '-')}{r.specifier}" for r in requirements}


def test_environment_yml_matches_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = _normal(project["dependencies"] + project["optional-dependencies"]["dev"])
    environment = YAML(typ="safe").load((REPO / "environment.yml").read_text())
    pip_section = next(
        item["pip"] for item in environment["dependencies"] if isinstance(item, dict)
    )
    listed = _normal([line for line in pip_section if not line.startswith("-e")])
    assert listed == wanted
    python = next(item for item in environment["dependencies"] if str(item).startswith("python"))
    assert python.replace("python", "") == project["requires-python"]
