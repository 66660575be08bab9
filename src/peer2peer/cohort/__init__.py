"""Cohorts: a roster and an nbgrader course, from release to feedback."""
