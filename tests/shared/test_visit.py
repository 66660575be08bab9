"""A page run ahead of its visitor waits for the visit; anywhere else it goes straight on."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from websockets.sync.server import serve

from peer2peer.shared import visit


class Ended(Exception):
    """What `os._exit` raises here, so that a test sees the kernel would have ended."""


@pytest.fixture
def run_ahead(monkeypatch, tmp_path: Path) -> Path:
    """A kernel Voila runs ahead, with its ready folder; returns that folder."""
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VOILA_KERNEL_ID", "k-1")
    monkeypatch.setenv(visit.READY_VARIABLE, str(tmp_path))
    monkeypatch.delenv(visit.QUERY_KEY_VARIABLE, raising=False)
    monkeypatch.delenv("VOILA_SERVER_URL", raising=False)

    def end(code: int) -> None:
        raise Ended(code)

    monkeypatch.setattr(os, "_exit", end)
    return tmp_path


def a_server(monkeypatch, answer) -> list[str]:
    """A server on loopback that calls `answer(connection)`; returns the paths asked for."""
    asked: list[str] = []

    def handle(connection) -> None:
        asked.append(connection.request.path)
        answer(connection)

    server = serve(handle, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("VOILA_APP_PORT", str(server.socket.getsockname()[1]))
    return asked


def test_a_page_not_run_ahead_reads_at_once(monkeypatch) -> None:
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("VOILA_APP_PORT", "1")  # nothing answers there: asking would fail
    visit.wait_for_visit()


def test_a_page_run_ahead_says_it_is_ready_then_takes_its_visit(monkeypatch, run_ahead) -> None:
    def visitor_comes(connection) -> None:
        assert (run_ahead / "k-1").exists()  # ready before it waits
        connection.send(json.dumps({"QUERY_STRING": "trainee=t01", "SCRIPT_NAME": "/home"}))

    asked = a_server(monkeypatch, visitor_comes)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    visit.wait_for_visit()
    assert asked == ["/voila/query/k-1"]  # Voila's own address, when it runs the page itself
    assert os.environ["QUERY_STRING"] == "trainee=t01"


def test_a_page_whose_server_stops_first_ends_quietly(monkeypatch, run_ahead) -> None:
    a_server(monkeypatch, lambda connection: connection.close())
    with pytest.raises(Ended):
        visit.wait_for_visit()


def test_a_page_interrupted_while_it_waits_ends_quietly(monkeypatch, run_ahead) -> None:
    def interrupted(address: str) -> None:
        raise KeyboardInterrupt  # what a server shutting down sends its kernels first

    monkeypatch.setattr(visit, "ask_for_visit", interrupted)
    with pytest.raises(Ended):
        visit.wait_for_visit()


def test_a_page_whose_server_is_gone_ends_quietly(monkeypatch, run_ahead) -> None:
    a_server(monkeypatch, lambda connection: None)
    monkeypatch.setenv("VOILA_APP_PORT", "1")
    with pytest.raises(Ended):
        visit.wait_for_visit()


def test_in_a_hub_server_a_page_asks_for_its_visit_with_the_servers_key(monkeypatch) -> None:
    monkeypatch.setenv("VOILA_APP_PORT", "9123")
    monkeypatch.setenv("VOILA_SERVER_URL", "/user/t01/")
    monkeypatch.setenv("VOILA_KERNEL_ID", "k-2")
    monkeypatch.setenv(visit.QUERY_KEY_VARIABLE, "k3y")
    address = visit._query_address()
    assert address == "ws://127.0.0.1:9123/user/t01/voila/query/k3y/k-2"


def test_only_a_page_run_ahead_says_it_is_ready(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(visit.READY_VARIABLE, str(tmp_path))
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    visit.say_ready()
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    visit.say_ready()
    assert len(list(tmp_path.iterdir())) == 1


def test_only_a_page_run_ahead_reads_before_its_visit(monkeypatch) -> None:
    done: list[str] = []
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    visit.before_visit(lambda: done.append("read"))
    assert done == []  # a page not run ahead reads once, at its visit
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    visit.before_visit(lambda: done.append("read"))
    assert done == ["read"]


def test_reading_ahead_that_fails_leaves_it_to_the_visit(monkeypatch) -> None:
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    visit.before_visit(lambda: 1 / 0)  # nothing raised: the visit reads again and says why
