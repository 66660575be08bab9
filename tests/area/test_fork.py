"""The issue's journey: an area forks the curriculum, adapts it, builds, and merges upstream.

Upstream is a git repository made from this working tree's files (tracked and new, not
ignored); the fork is a `git clone` of it. Everything runs through the `peer2peer` command,
as a programme lead would type it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from support import REPO, fill_in_notes

from peer2peer.area.new import has_template_values

#: The fork's own values: invented, and found nowhere in upstream's text.
FORK = {
    "name": "Strathbrae",
    "organisation": "Strathbrae Wellbeing Collective",
    "venue": "the Old School Hall",
    "contact": {
        "email": "peers@strathbrae.example",
        "phone": "01999 424242",
        "hours": "Tuesday to Thursday, 10am to 4pm",
    },
    "trainers": ["Kirsteen", "Torquil"],
    "local_services": [
        {"name": "Strathbrae Peer Cafe", "what": "a peer-led drop-in", "contact": "01999 424243"}
    ],
}
FORK_WORDS = ["Strathbrae", "Wellbeing Collective", "peers@strathbrae.example", "01999 424242"]
FORK_WORDS += ["Kirsteen", "Torquil"]
#: Upstream's example values. Its name, Scotland, is left out: lessons say "Scotland" anyway.
UPSTREAM_WORDS = ["Example Recovery College", "peer2peer@example.org", "01234 567890", "Alex"]
OWN_EXAMPLE = "In {{ area.name }}, peer workers run the Tuesday drop-in at {{ area.venue }}.\n"
UPSTREAM_FIX = (
    "ImROC is an organisation in the UK that trains peer workers.",
    "ImROC is an organisation in the UK that trains peer workers and supports their teams.",
)
#: A national crisis line's hours, as upstream corrects them in the example area.
CRISIS_FIX = ("and Friday 6pm to Monday 6am", "and from Friday 6pm until Monday 6am")

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.skipif(
        (REPO / "local").exists() or not has_template_values(REPO / "curriculum" / "area.yml"),
        reason="this is already a fork, with an area of its own",
    ),
]


def git(folder: Path, *args: str) -> str:
    """Run git in `folder` with a fixed identity and none of the user's settings."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    result = subprocess.run(
        ["git", *args], cwd=folder, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"git {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def peer2peer(folder: Path, *args: str, expect: int = 0) -> str:
    """Run the `peer2peer` command in `folder` and return what it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "peer2peer.cli", *args], cwd=folder, capture_output=True, text=True
    )
    assert result.returncode == expect, (
        f"peer2peer {' '.join(args)}:\n{result.stdout}{result.stderr}"
    )
    return result.stdout + result.stderr


def make_upstream(target: Path) -> Path:
    """A git repository holding this working tree's files, on branch main."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if listed.returncode != 0:
        pytest.skip("the tests do not run from a git checkout")
    for name in filter(None, listed.stdout.split("\0")):
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "Upstream")
    return target


def adapt(fork: Path) -> None:
    """What the programme lead does: own values, a local module, a dropped one, own words."""
    said = peer2peer(fork, "area", "new", FORK["name"])
    assert "curriculum/area.yml:16  organisation - your organisation's name" in said
    assert "curriculum/area.yml:16: `organisation` is not filled in yet" in peer2peer(
        fork, "check", expect=1
    )
    peer2peer(
        fork, "area", "add-module", "12-local-roles", "Peer roles here", "--after", "11-teams"
    )
    fill_in_notes(fork)
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    area_file = fork / "curriculum" / "area.yml"
    area = yaml.load(area_file)
    area.update(FORK)
    area["modules"]["drop"] = ["08-trauma-safety"]
    area["modules"]["add"][0]["values"] = ["hope", "mutuality"]
    yaml.dump(area, area_file)
    own = fork / "local" / "examples" / "03-peer-support" / "peer-roles-here.md"
    own.parent.mkdir(parents=True)
    own.write_text(OWN_EXAMPLE)
    assert "are valid" in peer2peer(fork, "check")
    git(fork, "add", "-A")
    git(fork, "commit", "-q", "-m", "Strathbrae: our area")


def course_text(root: Path) -> str:
    """Every notebook and facilitator note of the built course, as one text."""
    course = root / "build" / "course"
    files = [*(course / "release").rglob("*.ipynb"), *(course / "facilitator").glob("*.md")]
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def modules_built(root: Path) -> list[str]:
    return sorted(path.name for path in (root / "build" / "course" / "release").iterdir())


def test_a_fork_carries_its_own_area_and_merges_upstream_changes(tmp_path: Path) -> None:
    upstream = make_upstream(tmp_path / "upstream")
    fork = tmp_path / "fork"
    git(tmp_path, "clone", "-q", str(upstream), str(fork))
    adapt(fork)

    peer2peer(upstream, "build")
    peer2peer(fork, "build")
    upstream_text, fork_text = course_text(upstream), course_text(fork)
    for word in UPSTREAM_WORDS:
        assert word in upstream_text and word not in fork_text, word
    for word in FORK_WORDS:
        assert word in fork_text and word not in upstream_text, word
    assert "12-local-roles" in modules_built(fork) and "08-trauma-safety" not in modules_built(fork)
    assert "12-local-roles" not in modules_built(upstream)
    assert "08-trauma-safety" in modules_built(upstream)
    peer_roles = fork / "build" / "course" / "release" / "03-peer-support" / "lesson.ipynb"
    assert "In Strathbrae, peer workers run the Tuesday drop-in at the Old School Hall." in (
        peer_roles.read_text()
    )
    assert "Peer workers in Scotland work in many places." in upstream_text
    assert "Peer workers in" not in peer_roles.read_text()

    # Upstream corrects a lesson, and a national crisis line in its example area; the fork
    # merges both with plain git and rebuilds.
    lesson = upstream / "modules" / "03-peer-support" / "lesson.md"
    lesson.write_text(lesson.read_text().replace(*UPSTREAM_FIX))
    example = upstream / "curriculum" / "area.yml"
    example.write_text(example.read_text().replace(*CRISIS_FIX))
    git(upstream, "commit", "-q", "-am", "A clearer sentence about ImROC; Breathing Space hours")
    git(fork, "fetch", "-q", "origin")
    merged = git(fork, "merge", "--no-edit", "origin/main")
    assert "CONFLICT" not in merged
    rebuilt = peer2peer(fork, "build")
    assert "built      03-peer-support" in rebuilt
    assert UPSTREAM_FIX[1] in peer_roles.read_text()
    assert "run the Tuesday drop-in at the Old School Hall" in peer_roles.read_text()
    fork_text = course_text(fork)
    assert CRISIS_FIX[1] in fork_text and CRISIS_FIX[0] not in fork_text
    for word in FORK_WORDS:
        assert word in fork_text, word
    for word in UPSTREAM_WORDS:
        assert word not in fork_text, word
