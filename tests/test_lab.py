"""Every solution notebook in JupyterLab: its widget (if any) renders, every self-check passes;
and in an exercise notebook, Run All goes on past an unfinished exercise.

A throwaway JupyterLab serves a copy of the notebook (Lab never touches the
repository's file) with temporary settings, config, data and runtime
directories, and Debian's headless Chromium, driven by Playwright, runs all
cells. The test also fails on browser console errors and on any request to a
host other than 127.0.0.1. It needs /usr/bin/chromium (`apt-get install chromium`).
"""
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

from browser import launch_chromium
from gradlib.check.exercise import is_self_check
from learner_notebooks import worked

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "solutions").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# JupyterLab user settings, one file per plugin: start the kernel without asking,
# never autosave, never fetch news or look for updates, and keep every cell in
# the DOM (the default "contentVisibility" windowing may skip offscreen cells).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"autoStartDefaultKernel": True, "windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}

# Every wait is bounded: the server start in seconds, the browser waits in milliseconds.
SERVER_START_S = 60
KERNEL_IDLE_MS = 60_000
RUN_ALL_MS = 60_000
WIDGET_MS = 30_000
BROWSER_GONE = "Target page, context or browser has been closed"  # Playwright's words when Chromium died


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_settings(settings_dir):
    for plugin, values in LAB_SETTINGS.items():
        path = settings_dir / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, indent=2))


def _wait_for_server(proc, status_url, log):
    """Poll /api/status until the server answers, it exits, or SERVER_START_S passes."""
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"JupyterLab exited with {proc.returncode}:\n{log.read_text()}"
        try:
            with urllib.request.urlopen(status_url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer {status_url} within {SERVER_START_S} s:\n{log.read_text()}")


def _stop_server(proc):
    """SIGTERM makes the server shut its kernels down; SIGKILL the group if it hangs."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _start_lab(tmp_path, notebook, request):
    """A JupyterLab on 127.0.0.1 serving a copy of ``notebook``; returns (its URL, the copy)."""
    assert notebook.exists(), f"{notebook} is missing"
    root = tmp_path / "root"
    root.mkdir()
    shutil.copy(notebook, root / notebook.name)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),  # kernels still come from the venv's share/jupyter
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "IPYTHONDIR": str(tmp_path / "ipython"),
    }
    _write_settings(tmp_path / "settings")
    port, token = _free_port(), secrets.token_hex(16)
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
           "--LabApp.expose_app_in_browser=True",  # window.jupyterapp, to run commands
           "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           "--LabApp.extension_manager=readonly"]  # no PyPI queries
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = tmp_path / "lab.log"
    with log.open("w") as log_file:
        proc = subprocess.Popen(cmd, env=env, cwd=root, stdout=log_file, stderr=subprocess.STDOUT,
                                start_new_session=True)
    request.addfinalizer(lambda: _stop_server(proc))
    base = f"http://127.0.0.1:{port}"
    _wait_for_server(proc, f"{base}/api/status?token={token}", log)
    return f"{base}/lab/tree/{notebook.name}?token={token}", root / notebook.name


@pytest.fixture
def lab(tmp_path, request):
    """JupyterLab serving a copy of the notebook ``request.param``: (its URL, the copy)."""
    return _start_lab(tmp_path, request.param, request)


def _check_answer_cells(notebook):
    """Indices of the self-check cells (they call check_answer or check_function)."""
    return {i for i, cell in enumerate(nbformat.read(notebook, as_version=4).cells) if is_self_check(cell)}


def _wait_for(page, what, predicate, timeout_ms, arg=None):
    """page.wait_for_function, failing with a message that says what was awaited."""
    try:
        page.wait_for_function(predicate, arg=arg, timeout=timeout_ms)
    except PlaywrightTimeoutError:
        pytest.fail(f"waited {timeout_ms / 1000:.0f} s for {what}", pytrace=False)


def _run_command(page, command, timeout_ms):
    """Execute a JupyterLab command, wait until its promise settles and return its value."""
    page.evaluate("""command => { window.command = {settled: false};
        window.jupyterapp.commands.execute(command).then(
            value => { window.command = {settled: true, value}; },
            error => { window.command = {settled: true, value: String(error)}; }); }""", command)
    _wait_for(page, f"the command {command} to finish", "() => window.command.settled", timeout_ms)
    return page.evaluate("() => window.command.value")


def _rendered_cells(page):
    """Per cell of the notebook, in order: its prompt, output text and stderr/error outputs."""
    return page.evaluate("""() => Array.from(
        document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell'), cell => ({
            code: cell.classList.contains('jp-CodeCell'),
            prompt: cell.querySelector('.jp-InputPrompt')?.textContent.trim() ?? '',
            text: Array.from(cell.querySelectorAll('.jp-OutputArea-output'), o => o.innerText).join('\\n'),
            stderr: Array.from(cell.querySelectorAll(
                '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'), o => o.innerText),
        }))""")


SLIDER = ".jp-OutputArea .widget-slider"
FIGURES = ".jp-OutputArea .widget-output img"


def _wait_for_new_figure(page, old_sources):
    """Wait for a loaded image in an Output widget whose src is not in ``old_sources``; return all srcs."""
    _wait_for(page, f"a new figure ({FIGURES}) to load",
              """([selector, old]) => [...document.querySelectorAll(selector)]
                  .some(img => img.complete && img.naturalWidth > 0 && !old.includes(img.src))""",
              WIDGET_MS, arg=[FIGURES, old_sources])
    return page.eval_on_selector_all(FIGURES, "imgs => imgs.map(img => img.src)")


def _run_all(page):
    """Clear every output of the open notebook, then Run All; return the command's value."""
    _wait_for(page, "the notebook's kernel to be idle",
              "() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status === 'idle'",
              KERNEL_IDLE_MS)
    # Stored outputs must not pass for fresh ones: clear them (and the prompts) first.
    _run_command(page, "notebook:clear-all-cell-outputs", KERNEL_IDLE_MS)
    return _run_command(page, "notebook:run-all-cells", RUN_ALL_MS)


def _check_notebook_page(page, notebook):
    """Run every cell of the open notebook and check its outputs and its widget."""
    ran_all = _run_all(page)
    cells = _rendered_cells(page)
    assert len(cells) == len(json.loads(notebook.read_text())["cells"]), "every cell is in the DOM"
    errors = {i: c["stderr"] for i, c in enumerate(cells) if c["stderr"]}
    assert not errors, f"stderr or error outputs, by cell index: {errors}"
    assert ran_all is True, f"notebook:run-all-cells returned {ran_all!r}"
    unrun = [i for i, c in enumerate(cells) if c["code"] and not re.fullmatch(r"\[\d+\]:", c["prompt"])]
    assert not unrun, f"code cells without an execution count: {unrun}"
    correct = {i for i, c in enumerate(cells) if re.search(r"^Correct: ", c["text"], re.M)}
    assert correct == _check_answer_cells(notebook), "cells printing 'Correct:' == self-check cells"
    if WIDGET_VIEW not in notebook.read_text():  # this chapter's solutions have no widget
        return

    _wait_for(page, f"an ipywidgets slider ({SLIDER}) to be shown",
              "selector => document.querySelector(selector)?.getClientRects().length > 0",
              WIDGET_MS, arg=SLIDER)
    slider = page.locator(SLIDER).first
    slider.scroll_into_view_if_needed()
    figures = _wait_for_new_figure(page, [])
    slider.locator(".noUi-handle").first.press("ArrowRight")  # the kernel redraws the figure
    _wait_for_new_figure(page, figures)


def _in_chromium(url, notebook, tmp_path, check):
    """Open ``url`` in headless Chromium and run ``check(page, notebook)``.

    Also fails on browser console errors and on any request that leaves 127.0.0.1. A
    browser that dies under it (a crash of Chromium on a loaded machine, not a failed
    check) gets one more try, in a fresh profile.
    """
    try:
        _in_chromium_once(url, notebook, tmp_path / "first", check)
    except PlaywrightError as error:
        if BROWSER_GONE not in str(error):
            raise
        _in_chromium_once(url, notebook, tmp_path / "second", check)


def _in_chromium_once(url, notebook, tmp_path, check):
    tmp_path.mkdir(parents=True, exist_ok=True)
    requested, console_errors = [], []
    with sync_playwright() as pw:
        context = launch_chromium(
            pw, tmp_path / "chromium-profile",
            env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "xdg")},  # its crash-report dir
            viewport={"width": 1280, "height": 1200})
        context.on("request", lambda r: requested.append(r.url))
        page = context.new_page()
        page.on("websocket", lambda ws: requested.append(ws.url))
        page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
        page.on("pageerror", lambda e: console_errors.append(f"uncaught: {e}"))
        try:
            page.goto(url)
            check(page, notebook)
        finally:  # a screenshot to look at, whether the test passed or not (if the browser is still there)
            if not page.is_closed():
                try:
                    page.screenshot(path=Path(tempfile.gettempdir()) / f"test_lab-{notebook.stem}.png")
                except PlaywrightError:
                    pass
            context.close()
    foreign = [u for u in requested if urlsplit(u).scheme in ("http", "https", "ws", "wss")
               and urlsplit(u).hostname != "127.0.0.1"]
    assert not foreign, f"requests that left 127.0.0.1: {foreign}"
    assert not console_errors, f"browser console errors: {console_errors}"


@pytest.mark.timeout(180)
@pytest.mark.parametrize("lab", NOTEBOOKS, indirect=True, ids=lambda p: p.name)
def test_notebook_runs_in_jupyterlab(lab, tmp_path):
    url, notebook = lab
    _in_chromium(url, notebook, tmp_path, _check_notebook_page)


def _check_run_all_goes_on(page, notebook):
    """Run All reaches the last cell; the first self-check fails, every other one passes."""
    _run_all(page)  # its promise may settle before the cells after a failed check have run
    # A self-check's source is folded (its candidate mistakes show the formula): it shows a
    # placeholder and no prompt, so it counts as run once its verdict is out.
    _wait_for(page, "Run All to run every code cell", """() => [
        ...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-CodeCell')].every(cell =>
            cell.querySelector('.jp-InputPlaceholder')
                ? cell.querySelector('.jp-OutputArea-output') !== null
                : /^\\[\\d+\\]:$/.test(cell.querySelector('.jp-InputPrompt')?.textContent.trim() ?? ''))""",
              RUN_ALL_MS)
    folded = set(page.evaluate("""() => Array.from(
        document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell'),
        (cell, i) => cell.querySelector('.jp-InputPlaceholder') ? i : -1).filter(i => i >= 0)"""))
    assert folded == _check_answer_cells(notebook), "exactly the self-checks are folded"
    cells = _rendered_cells(page)
    first, *others = sorted(_check_answer_cells(notebook))
    assert re.search(r"^ExerciseError: Exercise \d+ \(\w+\): not implemented yet", cells[first]["text"], re.M), \
        cells[first]["text"]
    failed = [i for i in others if not re.search(r"^Correct: ", cells[i]["text"], re.M)]
    assert not failed, f"self-checks after the unfinished one that did not pass: {failed}"


@pytest.mark.timeout(180)
def test_run_all_goes_on_past_an_unfinished_exercise(tmp_path, request):
    """An exercise notebook whose first exercise is unfinished and the rest done."""
    solution = nbformat.read(NOTEBOOKS[0], as_version=4)
    source = tmp_path / "source" / NOTEBOOKS[0].name
    source.parent.mkdir()
    nbformat.write(worked(solution, unfinished={0}), source)
    url, notebook = _start_lab(tmp_path, source, request)
    _in_chromium(url, notebook, tmp_path, _check_run_all_goes_on)
