"""Who may reach what through the hub: JupyterHub groups and RBAC roles, as data.

The same roles go into jupyterhub_config.py (one server) and values.yaml (Kubernetes).
Trainees keep JupyterHub's default `user` role: their own server and nothing else. The
trainer is not a hub admin: an admin could open every trainee's server, and with it the
stories a trainee kept for "only me".
"""

from __future__ import annotations

from peer2peer.hub.deployment import Deployment

CULLER = "idle-culler"
#: The service that starts trainees' servers ahead of a session (peer2peer.hub.warm).
WARMER = "session-warmer"


def course_group(course_id: str) -> str:
    """Everyone in the course (nbgrader's own name for this group)."""
    return f"nbgrader-{course_id}"


def trainer_group(course_id: str) -> str:
    """The course's trainers (nbgrader's own name: they may open the formgrader)."""
    return f"formgrade-{course_id}"


def groups(deployment: Deployment) -> dict[str, dict[str, list[str]]]:
    """The hub's groups, as JupyterHub's `load_groups` takes them."""
    everyone = sorted({*deployment.trainees, deployment.trainer})
    return {
        course_group(deployment.course_id): {"users": everyone},
        trainer_group(deployment.course_id): {"users": [deployment.trainer]},
    }


def roles(deployment: Deployment) -> list[dict]:
    """The hub's roles, as JupyterHub's `load_roles` takes them."""
    course = course_group(deployment.course_id)
    return [
        {
            "name": "user",
            "description": "Everyone: their own server and nothing else.",
            "scopes": ["self"],
        },
        {
            "name": "peer2peer-trainer",
            "description": "A trainer: see the course's people, stop a server, reset a login.",
            "scopes": [
                # The admin page, showing only this course's people: stop a stuck server,
                # delete a hub user to reset a forgotten password. No access:servers: a
                # trainer cannot open a trainee's server.
                "admin-ui",
                f"list:users!group={course}",
                f"read:users!group={course}",
                f"admin:users!group={course}",
                f"servers!group={course}",
                f"read:groups!group={course}",
            ],
            "groups": [trainer_group(deployment.course_id)],
        },
        {
            "name": CULLER,
            "description": "Stops servers nobody has used for a while.",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": [CULLER],
        },
        {
            "name": WARMER,
            "description": "Starts trainees' servers ahead of a session and keeps them for it.",
            # Each trainee's own server: start it, see it, say it is in use. Nothing else.
            "scopes": [
                scope
                for trainee in deployment.trainees
                for scope in (f"servers!user={trainee}", f"users:activity!user={trainee}")
            ],
            "services": [WARMER],
        },
    ]
