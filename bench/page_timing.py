"""Drive the real app in headless Chromium and time its reruns in the page (for the benchmarks).

Times are taken on the page's clock: from the click event's time stamp (a busy page's delay in
handling the click counts; Playwright's checks before clicking do not) to the first animation
frame that shows the result and, where asked, after the websocket brought the run's "script
finished" message.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
# The charts a person sees, as plotly drew them. A curve's trace exists only once its variant has a
# point, so names suffice (and stay cheap: heavy polling would slow the very page being measured).
# While a rerun replaces a chart, Streamlit keeps the old one in the page, hidden (display: none),
# until the run ends and the browser gets round to removing it: counting it would time that
# clean-up, not the chart the person sees. A chart counts once plotly drew its traces.
PLOTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
  .filter(el => el.getClientRects().length > 0 && el._fullLayout
    && el.querySelector('.scatterlayer .trace, .heatmaplayer .hm') !== null)
  .map(el => { const y = el._fullLayout.yaxis || {};
    return {names: (el._fullData || []).map(t => String(t.name)), ytype: y.type,
            ytitle: String((y.title || {}).text ?? '')}; })"""


def start_server(store: Path, script: str = "app.py") -> tuple[subprocess.Popen, str]:
    """``streamlit run <script>`` headless on a free port; returns the process and its URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
           "--server.address", "127.0.0.1", "--server.port", str(port),
           "--browser.gatherUsageStats", "false"]  # fmt: skip
    env = {**os.environ, "GRADLAB_STORE": str(store)}
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not become healthy")


def stop_server(proc: subprocess.Popen) -> None:
    """Stop a server from ``start_server`` and everything it started."""
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=20)


# The input's time as the page saw it: ``timeStamp`` is when the browser received the click, so a
# busy page's delay in handling it counts; the checks Playwright runs before clicking (scrolling,
# waiting for the element to settle), which no person waits for, do not.
ARM_JS = """() => { window.__input = null; document.addEventListener('click',
    e => { window.__input = e.timeStamp; }, {capture: true, once: true}); }"""
# Installed before the page's scripts: on the page's clock, when each websocket frame leaves and
# when each "script finished" message arrives (a ForwardMsg with field 6, a varint: read from
# the top-level protobuf fields). The app's "running" attribute cannot tell: React sets it once
# when a short run starts and ends within one render.
WIRE_JS = """(() => { window.__sends = []; window.__finishes = [];
  const Native = window.WebSocket, send = Native.prototype.send;
  Native.prototype.send = function (...args) { window.__sends.push(performance.now());
    return send.apply(this, args); };
  const varint = (b, i) => { let v = 0, s = 0, x;
    do { x = b[i++]; v += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return [v, i]; };
  const finished = b => { let i = 0, tag, n;
    while (i < b.length) { [tag, i] = varint(b, i); const field = Math.floor(tag / 8);
      switch (tag & 7) {
        case 0: if (field === 6) return true; [, i] = varint(b, i); break;
        case 1: i += 8; break;
        case 2: [n, i] = varint(b, i); i += n; break;
        case 5: i += 4; break;
        default: return false; } }
    return false; };
  window.WebSocket = class extends Native { constructor(...args) { super(...args);
    this.addEventListener('message', e => { if (e.data instanceof ArrayBuffer
      && finished(new Uint8Array(e.data))) window.__finishes.push(performance.now()); }); } };
})()"""
# Evaluated on every animation frame, so the time is that of the first frame that shows it.
SHOWN_JS = """() => {{ const t0 = window.__input; if (t0 === null || !({shown})
    || ({finish} && !window.__finishes.some(t => t >= t0))) return false;
    const sent = window.__sends.find(t => t >= t0);
    return [performance.now() - t0, (sent ?? NaN) - t0]; }}"""


def new_page(browser):
    """A page of the benchmark's size, recording its websocket traffic from the start."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.add_init_script(WIRE_JS)
    return page


def wait_since_click(page, shown: str, finish: bool = False, **wait) -> tuple[float, float]:
    """Seconds from the armed click (``ARM_JS``) to the first frame where ``shown`` holds (and,
    if ``finish``, a script run finished since the click), and from it to the request leaving.
    ``wait``: Playwright's ``polling`` (an animation frame by default) and ``timeout``."""
    predicate = SHOWN_JS.format(finish=str(finish).lower(), shown=shown)
    handle = page.wait_for_function(predicate, **{"polling": "raf", **wait})
    seconds, before = (v / 1000 for v in handle.json_value())
    return seconds, before


def time_rerun(page, act, shown: str, finish: bool = True) -> tuple[float, float, float]:
    """Click with ``act``; seconds to ``shown`` and to the request (``wait_since_click``), and
    what Playwright's click spent before the page saw the click."""
    page.evaluate(ARM_JS)
    start = time.perf_counter()
    act()
    seconds, before = wait_since_click(page, shown, finish)
    waited = page.evaluate("() => performance.now() - window.__input") / 1000
    return seconds, before, max(0.0, time.perf_counter() - waited - start)


def any_moment(page, rng: random.Random, period_s: float) -> None:
    """Wait a random part of ``period_s`` before a click on a page that refreshes every period.

    A person clicks at any moment of the period; clicks in a row, each right after the last one
    showed, would all land at one phase of the refreshes.
    """
    page.wait_for_timeout(rng.uniform(0, period_s * 1000))
