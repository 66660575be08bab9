"""The programme as data: curriculum and area files, lessons, assessments, every rule of `check`.

Knows nothing of notebooks, nbgrader or cohorts; everything above it reads the curriculum
through `project.load_project`.
"""
