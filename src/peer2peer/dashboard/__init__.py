"""Pages served by Voila: the cohort page, a trainee's journey and the marking page.

Each page is one thin notebook (`pages/*.md`, shipped with the package) that calls a
function here; the figures come from `peer2peer.progress`, and `serve` runs Voila.
"""
