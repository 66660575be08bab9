"""Extension scripts named after their content are kept by the browser; the rest are asked about."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import nbformat
from browsing import at, start_voila, stop
from nbformat.v4 import new_markdown_cell, new_notebook

from peer2peer.dashboard.static_cache import hashed_script_urls


def test_only_scripts_named_after_their_content_are_listed(tmp_path: Path) -> None:
    static = tmp_path / "labextensions" / "@jupyter-widgets" / "jupyterlab-manager" / "static"
    static.mkdir(parents=True)
    for name in ("remoteEntry.c8c9eed2cdefdeac.js", "718.a7a3f80e.js", "style.js", "x.json"):
        (static / name).write_text("")
    (static.parent / "package.json").write_text("{}")
    urls = hashed_script_urls("/user/ailsa/", [str(tmp_path / "labextensions"), "/nowhere"])
    where = "/user/ailsa/voila/labextensions/@jupyter-widgets/jupyterlab-manager/static/"
    assert urls == [where + "718.a7a3f80e.js", where + "remoteEntry.c8c9eed2cdefdeac.js"]


def test_the_installed_widget_manager_scripts_are_listed() -> None:
    urls = hashed_script_urls("/")
    manager = [u for u in urls if "/@jupyter-widgets/jupyterlab-manager/static/" in u]
    assert manager and all(u.startswith("/voila/labextensions/") for u in urls)
    assert not [u for u in urls if u.endswith("/style.js")]


def header(url: str, name: str) -> str:
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with direct.open(url, timeout=60) as answer:
        return answer.headers.get(name, "")


def test_a_page_server_lets_the_browser_keep_hashed_scripts_and_asks_again_for_others(
    tmp_path: Path,
) -> None:
    notebook = tmp_path / "page.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("Hello")]), notebook)
    url, server = start_voila(notebook)
    try:
        hashed = next(u for u in hashed_script_urls("/") if "jupyterlab-manager" in u)
        kept = header(at(url, hashed.lstrip("/")), "Cache-Control")
        assert "immutable" in kept and "max-age=31536000" in kept
        unnamed = hashed.rsplit("/", 1)[0] + "/style.js"
        assert header(at(url, unnamed.lstrip("/")), "Cache-Control") == "no-cache"
    finally:
        stop(server)
