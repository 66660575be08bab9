"""Read-only queries over a cohort's gradebook and files, returning tidy tables.

Status of each trainee in each module, item results, learning outcomes, module reports,
a trainee's journey, the CSV export and the dashboard snapshot. Nothing here writes to
the gradebook.
"""
