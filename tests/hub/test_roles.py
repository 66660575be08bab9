"""The hub's roles: trainees their own server only; the trainer no way into trainees' servers."""

from __future__ import annotations

from hub_support import TRAINEES, a_deployment

from peer2peer.hub.roles import course_group, groups, roles, trainer_group


def _by_name(deployment):
    return {role["name"]: role for role in roles(deployment)}


def test_trainees_keep_only_their_own_server(tmp_path):
    assert _by_name(a_deployment(tmp_path))["user"]["scopes"] == ["self"]


def test_the_trainer_cannot_open_servers_or_act_as_an_admin(tmp_path):
    trainer = _by_name(a_deployment(tmp_path))["peer2peer-trainer"]
    scopes = trainer["scopes"]
    assert not any(
        s.startswith(("access:servers", "admin:servers", "tokens", "shares")) for s in scopes
    )
    # everything about users is limited to this course's group
    assert all("!group=nbgrader-hub-test-2027" in s for s in scopes if "users" in s)
    assert trainer["groups"] == ["formgrade-hub-test-2027"]


def test_groups_follow_nbgraders_names(tmp_path):
    deployment = a_deployment(tmp_path)
    found = groups(deployment)
    assert found[course_group("hub-test-2027")]["users"] == sorted([*TRAINEES, deployment.trainer])
    assert found[trainer_group("hub-test-2027")]["users"] == [deployment.trainer]


def test_the_culler_may_only_stop_servers(tmp_path):
    culler = _by_name(a_deployment(tmp_path))["idle-culler"]
    assert set(culler["scopes"]) == {
        "list:users",
        "read:users:activity",
        "read:servers",
        "delete:servers",
    }


def test_the_warmer_may_only_start_and_keep_each_trainees_own_server(tmp_path):
    warmer = _by_name(a_deployment(tmp_path))["session-warmer"]
    assert warmer["services"] == ["session-warmer"]
    assert set(warmer["scopes"]) == {
        scope for t in TRAINEES for scope in (f"servers!user={t}", f"users:activity!user={t}")
    }
