"""Trainer pages served by Voila: the marking app (and, later, the cohort dashboards)."""
