"""Dashboard benchmark: the real server in headless Chromium (a script, not a test).

Measures, on a four-variant two-moons comparison (two hidden layers of 16, 100 epochs): time from
clicking Run to the first live point on the loss chart and to all variants done; and the time of a
full rerun (picking a preset, outside the live fragment) and of a fragment rerun (the log-scale
toggle): before any run (the page's form alone), once two 1,000-epoch runs are done (charts at
their largest) and, for the toggle, while two workers train (5,000 samples: every poll brings
epochs). Every time is taken in the page: from the click event's time stamp (so a busy page's
delay in handling the click counts, Playwright's checks before clicking do not) to the first
animation frame that shows the result and, where the page can idle, after the websocket brought
the run's "script finished" message. A second table gives the time to the request leaving and
what Playwright spent before the click. Peers: the Runner alone in this process (runs), and
``bench/peer_app.py``, the live section's elements in bare Streamlit, idle or redrawn twice a
second (reruns).

Usage: ``python bench/bench_dashboard.py [--trials 3] [--reruns 10]``
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard import share  # noqa: E402
from dashboard.comparison import defaults  # noqa: E402
from experiments import ExperimentConfig, Runner, Store  # noqa: E402

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu")
TARGETS_S = {"first point": 1.5, "all done": 4.0}
RERUN_TARGET_S = 0.2
LIVE_SAMPLES = 5000  # two moons' maximum: ~10x longer epochs, so the runs outlast the reruns
RUNNING_JS = "() => document.body.innerText.includes('epochs · running')"
# A curve's trace exists only once its variant has a point, so names suffice (and stay cheap:
# heavy polling would slow the very page being measured).
PLOTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => {
    const y = (el.layout || {}).yaxis || {};
    return {names: (el.data || []).map(t => String(t.name)), ytype: y.type,
            ytitle: String((y.title || {}).text ?? y.title ?? '')}; })"""
STATE_JS = """() => document.querySelector('[data-testid="stApp"]')
    ?.getAttribute('data-test-script-state')"""


def comparison(tag: str, epochs: int, names=ACTIVATIONS, **kw) -> list[tuple[str, dict]]:
    """Variants ``(label, config dict)`` on two moons, 2 x 16 units, differing in activation."""
    base = {"hidden_layers": (16, 16), "epochs": epochs, **kw}
    return [
        (f"{name} {tag}", ExperimentConfig(activation=name, **base).to_dict()) for name in names
    ]


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


def time_rerun(page, act, shown: str, finish: bool = True) -> tuple[float, float, float]:
    """Seconds from the click event to the first frame where ``shown`` holds (and, if
    ``finish``, a script run finished since the click); from it to the request leaving; and
    what Playwright's click spent before the page saw the click."""
    page.evaluate(ARM_JS)
    start = time.perf_counter()
    act()
    predicate = SHOWN_JS.format(finish=str(finish).lower(), shown=shown)
    handle = page.wait_for_function(predicate, polling="raf")
    seconds, before = (v / 1000 for v in handle.json_value())
    waited = page.evaluate("() => performance.now() - window.__input") / 1000
    return seconds, before, max(0.0, time.perf_counter() - waited - start)


def stop_server(proc: subprocess.Popen) -> None:
    """Stop a server from ``start_server`` and everything it started."""
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=20)


def open_link(browser, url: str, pairs: list[tuple[str, dict]]):
    """A fresh page on the share link of ``pairs``, ready to Run (and to time reruns)."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.add_init_script(WIRE_JS)
    page.goto(f"{url}/?{share.PARAM}={share.encode(pairs, defaults())}")
    page.get_by_role("button", name="▶ Run", exact=True).wait_for(timeout=60_000)
    page.wait_for_function(f"() => ({STATE_JS})() === 'notRunning'")
    # a person clicks a page that has finished drawing, not the first frame of it
    page.wait_for_timeout(2_000)
    return page


def has_point(labels: list[str], how: str) -> str:
    """JS predicate: ``some``/``every`` label has a validation point on a plot."""
    names = json.dumps([f"{label} · validation" for label in labels])
    return f"() => {names}.{how}(name => ({PLOTS_JS})().some(p => p.names.includes(name)))"


def time_run(browser, url: str, trial: int, epochs: int) -> tuple[float, float]:
    """Seconds from the click on Run (as the page saw it) to the first frame with a live point,
    and to the frame that shows all four variants done."""
    # a seed of its own per trial: a link to runs already stored would show them before Run
    pairs = comparison(f"t{trial}", epochs, seed=100 + trial)
    page = open_link(browser, url, pairs)
    if page.evaluate(has_point([p[0] for p in pairs], "some")):
        raise RuntimeError("the page shows curves before Run: the measure would be void")
    done = json.dumps(f"{epochs}/{epochs} epochs · done")
    page.evaluate(ARM_JS)
    page.get_by_role("button", name="▶ Run", exact=True).click()
    since_click = "() => window.__input !== null && ({shown}) && performance.now() - window.__input"
    first = page.wait_for_function(
        since_click.format(shown=f"({has_point([p[0] for p in pairs], 'some')})()"),
        polling="raf",
        timeout=60_000,
    ).json_value()
    all_done = page.wait_for_function(
        since_click.format(shown=f"document.body.innerText.split({done}).length - 1 >= 4"),
        polling=50,
        timeout=120_000,
    ).json_value()
    page.close()
    return first / 1000, all_done / 1000


def time_peer(trial: int, epochs: int) -> tuple[float, float]:
    """The same comparison through the Runner alone: submit to first stored epoch / all done."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "peer.sqlite")
        runner = Runner(store)
        configs = [ExperimentConfig(**cfg) for _, cfg in comparison(f"p{trial}", epochs)]
        start = time.perf_counter()
        run_ids = runner.submit(configs, "bench", [f"p{i}" for i in range(len(configs))])
        while not any(store.epochs_done(run_ids).values()):
            time.sleep(0.005)
        first = time.perf_counter() - start
        runner.wait(run_ids, timeout=120)
        all_done = time.perf_counter() - start
        runner.shutdown()
    return first, all_done


def _open_option(page, title: str):
    """Open the preset picker and return the option; a live refresh may close it, so retry."""
    for _ in range(10):
        page.get_by_role("combobox", name="Lesson preset").click()
        option = page.get_by_role("option", name=title)
        try:
            option.wait_for(timeout=1_000)
            return option
        except Exception:  # the popup closed under a fragment refresh: open it again
            page.keyboard.press("Escape")
    raise RuntimeError(f"could not open the preset option {title!r}")


def _pick_preset(page, title: str):
    """Input and visible result of a full rerun: pick a preset (without loading it)."""
    picker = "document.querySelector('input[aria-label=\"Lesson preset\"]')"
    shown = f"{picker}.value === {json.dumps(title)}"
    return _open_option(page, title).click, shown


def _toggle_log(page, want: str):
    """Input and visible result of a fragment rerun: the loss chart's y axis type."""
    # the accuracy chart has training curves too, and its axis is always linear; while a new
    # chart replaces the old one, both can be on the page
    loss = "p.ytitle.startsWith('loss') && p.names.some(n => n.endsWith('· training'))"
    shown = f"""(() => {{ const losses = ({PLOTS_JS})().filter(p => {loss});
        return losses.length > 0 && losses.every(p => p.ytype === '{want}'); }})()"""
    return page.get_by_text("Log-scale loss").click, shown


TITLES = ["Full batch vs SGD vs mini-batch", "Sigmoid vs ReLU in a deep net"]


def time_reruns(browser, url: str, count: int) -> dict[str, list[tuple[float, float, bool]]]:
    """Full reruns (switch the preset picker) and fragment reruns (log-scale toggle): before any
    run and once the runs are done; fragment reruns while two workers train.

    Returns, per measure, ``(seconds, seconds before the request left, seconds Playwright's
    click took before the page saw it, workers training)``.
    """
    out: dict[str, list] = {}
    for state, samples in (("training", LIVE_SAMPLES), ("done", None)):
        pairs = comparison(state, 1000, names=("relu", "tanh"), n_samples=samples)
        page = open_link(browser, url, pairs)
        if state == "training":  # the page alone, before any run
            picks = (_pick_preset(page, TITLES[i % 2]) for i in range(count))
            out["full rerun, no runs"] = [(*time_rerun(page, *pick), False) for pick in picks]
        page.get_by_role("button", name="▶ Run", exact=True).click()
        page.wait_for_function(has_point([p[0] for p in pairs], "every"), timeout=60_000)
        if state == "done":
            done = json.dumps("1000/1000 epochs · done")
            page.wait_for_function(
                f"() => document.body.innerText.split({done}).length - 1 >= 2", timeout=120_000
            )
        for i in range(count):
            measures = [(f"fragment rerun, {state}", _toggle_log(page, ("log", "linear")[i % 2]))]
            if state == "done":
                measures.insert(0, (f"full rerun, {state}", _pick_preset(page, TITLES[i % 2])))
            for name, (act, shown) in measures:
                timing = time_rerun(page, act, shown, finish=state == "done")
                out.setdefault(name, []).append((*timing, page.evaluate(RUNNING_JS)))
        page.close()
    return out


def time_peer_reruns(browser, url: str, count: int) -> dict[str, list[float]]:
    """The log-scale toggle on the bare peer page (``bench/peer_app.py``): idle, and while it
    redraws everything twice a second."""
    out = {}
    for live in ("0", "1"):
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.add_init_script(WIRE_JS)
        page.goto(f"{url}/?live={live}")
        page.wait_for_function(f"() => ({PLOTS_JS})().length === 4", timeout=60_000)
        page.wait_for_timeout(2_000)
        toggles = (_toggle_log(page, ("log", "linear")[i % 2]) for i in range(count))
        out[live] = [time_rerun(page, *toggle, finish=live == "0")[0] for toggle in toggles]
        page.close()
    return out


def report(rows: dict[str, list[float]], peers: dict[str, list[float]], reruns: dict) -> None:
    """Print medians, worst cases, the target and the ratios to the target and to the peer."""
    print(
        f"{'measure':<26}{'median s':>10}{'max s':>9}{'target s':>10}{'median/target':>15}"
        f"{'peer s':>9}{'median/peer':>13}"
    )
    for name, values in rows.items():
        median, peer = statistics.median(values), peers.get(name)
        peer_median = statistics.median(peer) if peer else None
        peer_text = (
            f"{peer_median:>9.3f}{median / peer_median:>13.2f}" if peer else f"{'-':>9}{'-':>13}"
        )
        target = TARGETS_S.get(name, RERUN_TARGET_S)
        print(
            f"{name:<26}{median:>10.3f}{max(values):>9.3f}{target:>10.2f}"
            f"{median / target:>15.2f}{peer_text}"
        )
    print(
        f"\n{'rerun (from the click event)':<30}{'median s':>10}{'to request s':>14}"
        f"{'Playwright before click s':>27}{'while training':>16}"
    )
    for name, timings in reruns.items():
        seconds, before, pre = (statistics.median(t[i] for t in timings) for i in range(3))
        training = sum(t[3] for t in timings)
        print(
            f"{name:<30}{seconds:>10.3f}{before:>14.3f}{pre:>27.3f}"
            f"{f'{training}/{len(timings)}':>16}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument("--epochs", type=int, default=100)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        proc, url = start_server(Path(tmp) / "runs.sqlite")
        try:
            runs = [time_run(browser, url, t, args.epochs) for t in range(args.trials)]
            reruns = time_reruns(browser, url, args.reruns)
        finally:
            stop_server(proc)
        proc, url = start_server(Path(tmp) / "peer.sqlite", "bench/peer_app.py")
        try:
            peer_reruns = time_peer_reruns(browser, url, args.reruns)
        finally:
            stop_server(proc)
        browser.close()
    peers = [time_peer(t, args.epochs) for t in range(args.trials)]
    print(
        f"cores: {os.cpu_count()}; {args.trials} trials, {args.reruns} reruns. Peers: the Runner "
        "without server or browser (runs); bench/peer_app.py, the live section's elements in "
        "bare Streamlit, idle or redrawn twice a second (reruns)"
    )
    report(
        {"first point": [r[0] for r in runs], "all done": [r[1] for r in runs],
         **{name: [t[0] for t in timings] for name, timings in reruns.items()}},
        {"first point": [p[0] for p in peers], "all done": [p[1] for p in peers],
         **{name: peer_reruns["1" if "training" in name else "0"] for name in reruns}},
        reruns,
    )  # fmt: skip


if __name__ == "__main__":
    main()
