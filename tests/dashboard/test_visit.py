"""A page run ahead of its visitor waits for the visit; anywhere else it goes straight on."""

from __future__ import annotations

import sys

from peer2peer.dashboard import visit


def test_a_page_not_run_ahead_reads_at_once(monkeypatch) -> None:
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setitem(sys.modules, "voila.utils", None)  # importing it would fail
    visit.wait_for_visit()  # returns without asking Voila for anything


def test_a_page_run_ahead_waits_for_its_visitor(monkeypatch) -> None:
    import voila.utils

    waited = []
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setattr(voila.utils, "wait_for_request", lambda: waited.append(True))
    visit.wait_for_visit()
    assert waited == [True]
