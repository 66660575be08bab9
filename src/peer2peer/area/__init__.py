"""The writers a new area uses to start its fork: `area new`, `add-module`, and their templates.

What an area's files mean (the overlay, local examples, FIXME rules) is part of the
curriculum model, in `peer2peer.curriculum`.
"""
