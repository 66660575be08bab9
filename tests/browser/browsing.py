"""Helpers for browser tests: free ports, servers started and stopped by PID, screenshots."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHROMIUM = os.environ.get("PEER2PEER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).parents[2] / "test-output" / "screenshots"


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def launch(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start a server; its output goes to a log file beside `cwd` (a pipe could fill and stall)."""
    log = cwd.parent / f"{cwd.name}-server-{secrets.token_hex(4)}.log"
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    process.log = log  # type: ignore[attr-defined]
    return process


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    """Wait until `url` answers, or fail with the server's own output."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped:\n{process.log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a server this test started (by its PID only), and remove its private folder."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    private = getattr(process, "private", None)
    if private is not None:
        shutil.rmtree(private, ignore_errors=True)


def screenshot(page, name: str) -> Path:
    """Save a screenshot under test-output/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


#: JupyterLab settings for tests: render every cell (not only the visible ones), no news prompt.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
}


def start_jupyterlab(root: Path, env: dict[str, str] | None = None) -> tuple[str, subprocess.Popen]:
    """Start JupyterLab on loopback with a token, serving `root`; return its URL and process."""
    settings = root.parent / "lab-settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values))
    port = free_port()
    token = secrets.token_hex(16)
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
        f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={root.parent / 'lab-workspaces'}",  # not the real home's
    ]  # fmt: skip
    process = launch(command, root, env)
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/api/status?token={token}", process)
    return f"{base}/lab?token={token}", process


def run_all_cells(page) -> None:
    """Choose Run > Run All Cells, as the lesson's first line tells a trainee to.

    JupyterLab keeps the item disabled until the kernel is ready, so wait for that first.
    """
    page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=60_000)
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text="Run").first.click()
    item = page.locator(".lm-Menu-item:not(.lm-mod-disabled):has-text('Run All Cells')").first
    item.click(timeout=30_000)


def start_voila(
    notebook: Path,
    env: dict[str, str] | None = None,
    preheat: list[str] | tuple[str, ...] = (),
    idle_seconds: int | None = None,
) -> tuple[str, subprocess.Popen]:
    """Serve a notebook (or a folder of pages) as `peer2peer` does; return URL and process.

    The URL opens the notebook (a folder's tree: use `at(url, "voila/render/x.ipynb")`).
    The server's private folder (its token, kernel sockets) is short-lived, under /tmp: a
    socket's path must stay short. `stop` removes it.
    """
    from peer2peer.dashboard.serve import (
        IDLE_SECONDS,
        answers,
        prepare_private,
        server_environment,
        voila_command,
    )

    port = free_port()
    token = secrets.token_hex(16)
    private = Path(tempfile.mkdtemp(prefix="p2p-test-"))
    prepare_private(private, token, notebook)
    command = voila_command(notebook, port, private, preheat, idle_seconds or IDLE_SECONDS)
    cwd = notebook if notebook.is_dir() else notebook.parent
    process = launch(command, cwd, server_environment(private, env))
    process.private = private  # type: ignore[attr-defined]
    process.token = token  # type: ignore[attr-defined]
    deadline = time.monotonic() + 90
    while not answers(port, private):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise RuntimeError(f"Voila did not start:\n{process.log.read_text()}")
        time.sleep(0.3)
    return f"http://127.0.0.1:{port}/?token={token}", process


def at(url: str, path: str) -> str:
    """The same server and token as `url`, at `path` (which may carry its own query)."""
    base, _, query = url.partition("/?")
    return f"{base}/{path}{'&' if '?' in path else '?'}{query}"


def kill_kernels(server: subprocess.Popen) -> int:
    """SIGKILL every kernel a server we started is running (its child processes); say how many."""
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(server.pid)], capture_output=True, text=True
    ).stdout.split()
    for pid in children:
        os.kill(int(pid), signal.SIGKILL)
    return len(children)


def kernels_of(server: subprocess.Popen) -> list[int]:
    """The kernels a server we started is running (its child processes), by PID."""
    children = subprocess.run(
        ["ps", "-o", "pid=,args=", "--ppid", str(server.pid)], capture_output=True, text=True
    ).stdout.splitlines()
    return [int(line.split()[0]) for line in children if "ipykernel" in line]


def megabytes_of(server: subprocess.Popen) -> float:
    """The resident memory of a server we started and all its children, in MB."""
    import psutil  # comes with ipykernel

    root = psutil.Process(server.pid)
    total = 0
    for member in [root, *root.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            continue  # ended while we counted
    return total / 1e6


AXE = Path(__file__).parents[2] / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def load_axe(page) -> None:
    """Put axe-core into the page (once)."""
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: run `make test-slow`, which installs axe-core")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))


def accessibility_problems(page, selector: str) -> list[dict]:
    """Run axe-core (WCAG 2.x A and AA) over the elements matching `selector`; list violations."""
    load_axe(page)
    result = page.evaluate(
        """async ([selector, tags]) => {
            const found = await axe.run(
                { include: [...document.querySelectorAll(selector)].map((e) => [e]) },
                { runOnly: { type: "tag", values: tags } },
            );
            return found.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => n.target.join(" ")),
            }));
        }""",
        [selector, WCAG_AA],
    )
    return result


#: The whole-page check: every WCAG 2.0/2.1/2.2 A and AA rule and axe's best practices
#: (landmarks, one main, a page heading, heading order...), at every impact.
WHOLE_PAGE = [*WCAG_AA, "best-practice"]


def page_problems(page) -> list[dict]:
    """Run axe-core over the whole document with `WHOLE_PAGE` tags; list violations and nodes."""
    load_axe(page)
    return page.evaluate(
        """async (tags) => {
            // axe lets "a page heading" and "one main landmark" pass whenever it thinks a
            // modal is open, and it takes Voila's full-window page for one: ask regardless.
            axe.configure({ checks: [
                { id: "page-has-heading-one", options: { passForModal: false, selector:
                    "h1:not([role], [aria-level]), :is(h1, h2, h3, h4, h5, h6):not([role])" +
                    "[aria-level=1], [role=heading][aria-level=1]" } },
                { id: "page-has-main", options: { passForModal: false,
                    selector: "main:not([role]), [role='main']" } },
            ] });
            const found = await axe.run(document, {
                runOnly: { type: "tag", values: tags },
                resultTypes: ["violations"],
            });
            return found.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => n.target.join(" ")),
            }));
        }""",
        WHOLE_PAGE,
    )


#: Roles a person operates: each must have a name in the accessibility tree.
CONTROLS = {
    "button", "link", "checkbox", "radio", "combobox", "textbox", "searchbox", "slider",
    "spinbutton", "menuitem", "menuitemcheckbox", "menuitemradio", "tab", "switch", "option",
    "listbox", "treeitem",
}  # fmt: skip


def unnamed_controls(page) -> list[str]:
    """Controls with no accessible name in Chromium's accessibility tree (not axe's view).

    Read from the tree the browser gives assistive technology, through the DevTools protocol:
    a placeholder or a label that is not linked counts only if Chromium computes a name from it.
    """
    session = page.context.new_cdp_session(page)
    try:
        unnamed = []
        for node in session.send("Accessibility.getFullAXTree")["nodes"]:
            role = node.get("role", {}).get("value")
            if role not in CONTROLS or node.get("ignored"):
                continue
            if str(node.get("name", {}).get("value", "")).strip():
                continue
            seen = session.send("DOM.describeNode", {"backendNodeId": node["backendDOMNodeId"]})
            pairs = iter(seen["node"].get("attributes", []))
            described = " ".join(f"{k}={v!r}" for k, v in zip(pairs, pairs, strict=True))
            unnamed.append(f"{role}: <{seen['node']['localName']} {described}>")
        return unnamed
    finally:
        session.detach()


def controls_in_tree(page) -> int:
    """How many controls Chromium's accessibility tree holds (shows the check sees them)."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    return sum(n.get("role", {}).get("value") in CONTROLS and not n.get("ignored") for n in nodes)


#: Visible elements in a status colour (a saturated background, or saturated text of their
#: own) whose words say nothing: a letter or a number must stand beside each colour.
COLOUR_ONLY = """() => {
  const saturated = (css) => {
    const [r, g, b, a = 1] = (css.match(/[\\d.]+/g) || []).map(Number);
    return a > 0.3 && Math.max(r, g, b) - Math.min(r, g, b) > 40;
  };
  const said = (e) => /[\\p{L}\\p{N}]/u.test(
    [e.textContent, e.getAttribute('aria-label'), e.getAttribute('title')].join(' '));
  const ownText = (e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
  return [...document.querySelectorAll('main *')]
    .filter((e) => e.getClientRects().length && !e.closest('svg, [aria-hidden=true]'))
    .filter((e) => {
      const style = getComputedStyle(e);
      return saturated(style.backgroundColor) || (ownText(e) && saturated(style.color));
    })
    .filter((e) => !said(e))
    .map((e) => e.outerHTML.slice(0, 120));
}"""


def colour_only_statuses(page) -> list[str]:
    """Elements that show something by colour alone (no words or numbers beside it)."""
    return page.evaluate(COLOUR_ONLY)


def assert_everyone_can_use(page) -> None:
    """The whole page passes axe (every impact, best practices), names every control in the
    accessibility tree, and shows no status by colour alone."""
    problems = page_problems(page)
    assert problems == [], f"axe finds {summary(problems)} on {page.url}: {problems}"
    unnamed = unnamed_controls(page)
    assert unnamed == [], f"controls without a name on {page.url}: {unnamed}"
    colour_only = colour_only_statuses(page)
    assert colour_only == [], f"shown by colour alone on {page.url}: {colour_only}"


def summary(problems: list[dict]) -> dict[str, int]:
    """Violations counted by rule: `{rule: nodes}`."""
    return {p["id"]: len(p["nodes"]) for p in problems}


def press_tab_until(page, target, most: int = 40) -> None:
    """Press Tab until `target` has the focus (fails after `most` presses)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            return
    raise AssertionError("Tab never reached the element")


def wait_focused(page, words: str) -> None:
    """Wait until the element with the focus says `words` (the page moves focus after a reply)."""
    page.wait_for_function(
        "w => document.activeElement && document.activeElement.innerText.trim() === w",
        arg=words,
        timeout=15_000,
    )


#: Visible elements in the page's main landmark that reach past the window's left or right
#: edge, except inside a region made to scroll sideways (the cohort grid's `.p2p-scroll`).
CUT_OFF = """(allowed) => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('main *')]
    .filter((e) => e.getClientRects().length && !e.closest(allowed))
    .filter((e) => {
      const box = e.getBoundingClientRect();
      return box.width > 0 && (box.right > width + 1 || box.left < -1);
    })
    .map((e) => `${e.outerHTML.slice(0, 100)} (${Math.round(e.getBoundingClientRect().right)} px)`);
}"""


def cut_off(page, allowed: str = ".p2p-scroll") -> list[str]:
    """What sticks out sideways (a phone's trainee cannot reach it); `allowed` may scroll."""
    return page.evaluate(CUT_OFF, allowed)
