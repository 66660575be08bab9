"""Turn the curriculum's MyST text into an nbgrader course (source/ and release/)."""

from peer2peer.notebooks.pipeline import BuildReport, build_course

__all__ = ["BuildReport", "build_course"]
