"""Peer2Peer peer support training as Jupyter notebooks, graded with nbgrader."""

__version__ = "0.1.0"
