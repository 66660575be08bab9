"""Delivery: a cohort served by JupyterHub, on one server or on Kubernetes.

`deployment` holds what `peer2peer hub init` decided; `config` writes JupyterHub's and
nbgrader's configuration from the templates in `templates/`; `roles` says who reaches what;
`accounts` makes a Unix account per trainee; `login` checks passwords; `running` starts and
stops the hub; `warm` starts trainees' servers ahead of a session; in each server,
`singleuser` starts it, `waiting` runs the home and next lesson ahead (`next_lesson` names
it) and `kernel` runs the pages' Python; `values` writes the same deployment for Zero to
JupyterHub.
"""
