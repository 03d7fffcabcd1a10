"""The served app and headless Chromium for the browser tests (Debian's chromium, no download).

Skipped where /usr/bin/chromium is missing, unless GRADLAB_REQUIRE_BROWSER=1 (CI), where that is
a failure. The fixtures ``server`` and ``browser`` are registered in ``conftest.py``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("GRADLAB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{CHROMIUM} is missing and GRADLAB_REQUIRE_BROWSER=1")
    pytest.skip(f"{CHROMIUM} is missing")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "streamlit exited before becoming healthy"
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{url}/_stcore/health did not answer within {timeout} s")


def serve(
    tmp_path_factory: pytest.TempPathFactory, prepare: Callable[[Path], None] | None = None
) -> Iterator[str]:
    """``streamlit run app.py`` on a free port with a temporary store (first filled by
    ``prepare(path)`` if given); its process group killed after."""
    _require_browser()
    tmp = tmp_path_factory.mktemp("e2e")
    if prepare is not None:
        prepare(tmp / "runs.sqlite")
    port = _free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
        "--server.address", "127.0.0.1", "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "GRADLAB_STORE": str(tmp / "runs.sqlite")}
    with open(tmp / "server.log", "wb") as log:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        _stop_group(proc)


def _stop_group(proc: subprocess.Popen) -> None:
    """Stop the server and its worker processes (one process group), then check none is left."""
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            proc.poll()
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)
    pytest.fail("server processes survived SIGKILL")


def launch() -> Iterator:
    """Debian's headless Chromium through Playwright, closed after."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _screenshot(page, name: str) -> None:
    """Whole page: Streamlit scrolls inside its main block, so grow the viewport to fit it."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        "() => (document.querySelector('[data-testid=\"stMain\"]') || document.body).scrollHeight"
    )
    page.set_viewport_size({"width": 1600, "height": min(int(height) + 60, 14000)})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    page.set_viewport_size({"width": 1600, "height": 1000})


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
    page.goto(url)
    page.get_by_text("Compare variants side by side").wait_for(timeout=60_000)
    return page


LABELS_JS = (
    """() => [...document.querySelectorAll('input[aria-label="Label"]')].map(i => i.value)"""
)


def _wait_labels(page, labels: list[str]) -> None:
    """Wait until the variant label boxes hold exactly ``labels``."""
    expected = json.dumps(labels, separators=(",", ":"))  # as JSON.stringify writes it
    page.wait_for_function(f"() => JSON.stringify(({LABELS_JS})()) === {json.dumps(expected)}")
