"""A page run ahead of its visitor waits for the visit; anywhere else it goes straight on."""

from __future__ import annotations

import sys
from pathlib import Path

from peer2peer.shared import visit


def test_a_page_not_run_ahead_reads_at_once(monkeypatch) -> None:
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setitem(sys.modules, "voila.utils", None)  # importing it would fail
    visit.wait_for_visit()  # returns without asking Voila for anything


def test_a_page_run_ahead_says_it_is_ready_then_waits_for_its_visitor(
    monkeypatch, tmp_path: Path
) -> None:
    import voila.utils

    waited = []
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VOILA_KERNEL_ID", "k-1")
    monkeypatch.setenv(visit.READY_VARIABLE, str(tmp_path))
    monkeypatch.delenv(visit.QUERY_KEY_VARIABLE, raising=False)
    ready_before_waiting = lambda url=None: waited.append(((tmp_path / "k-1").exists(), url))  # noqa: E731
    monkeypatch.setattr(voila.utils, "wait_for_request", ready_before_waiting)
    visit.wait_for_visit()
    assert waited == [(True, None)]  # Voila's own address, when it runs the page itself


def test_in_a_hub_server_a_page_asks_for_its_visit_with_the_servers_key(monkeypatch) -> None:
    import voila.utils

    asked = []
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VOILA_APP_PORT", "9123")
    monkeypatch.setenv("VOILA_SERVER_URL", "/user/t01/")
    monkeypatch.setenv(visit.QUERY_KEY_VARIABLE, "k3y")
    monkeypatch.setattr(voila.utils, "wait_for_request", asked.append)
    visit.wait_for_visit()
    assert asked == ["ws://127.0.0.1:9123/user/t01/voila/query/k3y"]


def test_only_a_page_run_ahead_says_it_is_ready(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(visit.READY_VARIABLE, str(tmp_path))
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    visit.say_ready()
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    visit.say_ready()
    assert len(list(tmp_path.iterdir())) == 1
