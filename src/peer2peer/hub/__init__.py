"""Delivery: a cohort served by JupyterHub, on one server or on Kubernetes.

`deployment` holds what `peer2peer hub init` decided; `config` writes JupyterHub's and
nbgrader's configuration from the templates in `templates/`; `roles` says who reaches what;
`accounts` makes a Unix account per trainee; `running` starts and stops the hub; `values`
writes the same deployment for Zero to JupyterHub.
"""
