"""Dashboard benchmark: the real server in headless Chromium (a script, not a test).

Measures, on a four-variant two-moons comparison (two hidden layers of 16, 100 epochs): time from
clicking Run to the first live point on the loss chart and to all variants done; and the time of a
full rerun (picking a preset, outside the live fragment) and of a fragment rerun (the log-scale
toggle), from the input to the first script run finished after it, its result shown: before any
run (the page's form alone) and once two 1,000-epoch runs are done (charts at their largest).
While two workers train (5,000 samples: every poll brings epochs) the page never idles, so there
the fragment rerun ends when the loss chart shows the new axis type. A second table gives the
time Playwright's click took before the browser sent the request, and how many reruns really
happened while the workers trained. The peer is the Runner alone, in this process.

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
PLOTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => ({
    names: (el.data || []).map(t => String(t.name)),
    ytype: ((el.layout || {}).yaxis || {}).type}))"""
STATE_JS = """() => document.querySelector('[data-testid="stApp"]')
    ?.getAttribute('data-test-script-state')"""


def comparison(tag: str, epochs: int, names=ACTIVATIONS, **kw) -> list[tuple[str, dict]]:
    """Variants ``(label, config dict)`` on two moons, 2 x 16 units, differing in activation."""
    base = {"hidden_layers": (16, 16), "epochs": epochs, **kw}
    return [
        (f"{name} {tag}", ExperimentConfig(activation=name, **base).to_dict()) for name in names
    ]


def start_server(store: Path) -> tuple[subprocess.Popen, str]:
    """``streamlit run app.py`` headless on a free port; returns the process and its URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
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


# Counts the script runs that finish, so a rerun ends at the first finish after its input. While
# workers train the polls keep the page "running" without a break: there only the visible result
# (the loss chart's new axis type) can end a measure, and a full rerun has none to wait for.
COUNT_FINISHED_JS = """() => { window.__finished = 0;
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => { if (app.getAttribute('data-test-script-state') === 'notRunning')
        window.__finished += 1; }).observe(app, {attributeFilter: ['data-test-script-state']}); }"""


class Rerun:
    """Time reruns: from the input to the first script run finished after it."""

    def __init__(self) -> None:
        self.sent: list[float] = []

    def sent_now(self, _payload) -> None:
        """A websocket frame left the browser."""
        self.sent.append(time.perf_counter())

    def time(self, page, act, shown: str, finish: bool = True) -> tuple[float, float]:
        """Seconds to ``shown`` true (and, if ``finish``, a script run finished since the input),
        and to the request leaving."""
        self.sent.clear()
        finished = page.evaluate("() => window.__finished") if finish else -1
        start = time.perf_counter()
        act()
        page.wait_for_function(f"() => window.__finished > {finished} && ({shown})", polling=10)
        end = time.perf_counter()
        return end - start, (self.sent[0] - start) if self.sent else float("nan")


def open_link(browser, url: str, pairs: list[tuple[str, dict]], rerun: Rerun | None = None):
    """A fresh page on the share link of ``pairs``, ready to Run (``rerun`` watching it)."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    if rerun is not None:  # before the page opens its websocket
        page.on("websocket", lambda ws: ws.on("framesent", rerun.sent_now))
    page.goto(f"{url}/?{share.PARAM}={share.encode(pairs, defaults())}")
    page.get_by_role("button", name="▶ Run", exact=True).wait_for(timeout=60_000)
    page.wait_for_function(f"() => ({STATE_JS})() === 'notRunning'")
    # a person clicks a page that has finished drawing, not the first frame of it
    page.wait_for_timeout(2_000)
    page.evaluate(COUNT_FINISHED_JS)
    return page


def has_point(labels: list[str], how: str) -> str:
    """JS predicate: ``some``/``every`` label has a validation point on a plot."""
    names = json.dumps([f"{label} · validation" for label in labels])
    return f"() => {names}.{how}(name => ({PLOTS_JS})().some(p => p.names.includes(name)))"


def time_run(browser, url: str, trial: int, epochs: int) -> tuple[float, float]:
    """Seconds from clicking Run to the first live point, and to all four variants done."""
    pairs = comparison(f"t{trial}", epochs)
    page = open_link(browser, url, pairs)
    done = json.dumps(f"{epochs}/{epochs} epochs · done")
    start = time.perf_counter()
    page.get_by_role("button", name="▶ Run", exact=True).click()
    page.wait_for_function(has_point([p[0] for p in pairs], "some"), polling=50, timeout=60_000)
    first = time.perf_counter() - start
    page.wait_for_function(
        f"() => document.body.innerText.split({done}).length - 1 >= 4", polling=50, timeout=120_000
    )
    all_done = time.perf_counter() - start
    page.close()
    return first, all_done


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
    loss = "p.names.some(n => n.endsWith('· training'))"
    shown = f"({PLOTS_JS})().some(p => p.ytype === '{want}' && {loss})"
    return page.get_by_text("Log-scale loss").click, shown


TITLES = ["Full batch vs SGD vs mini-batch", "Sigmoid vs ReLU in a deep net"]


def time_reruns(browser, url: str, count: int) -> dict[str, list[tuple[float, float, bool]]]:
    """Full reruns (switch the preset picker) and fragment reruns (log-scale toggle): before any
    run and once the runs are done; fragment reruns while two workers train.

    Returns, per measure, ``(seconds, seconds before the request left, workers training)``.
    """
    out: dict[str, list] = {}
    for state, samples in (("training", LIVE_SAMPLES), ("done", None)):
        pairs = comparison(state, 1000, names=("relu", "tanh"), n_samples=samples)
        rerun = Rerun()
        page = open_link(browser, url, pairs, rerun)
        if state == "training":  # the page alone, before any run
            picks = (_pick_preset(page, TITLES[i % 2]) for i in range(count))
            out["full rerun, no runs"] = [(*rerun.time(page, *pick), False) for pick in picks]
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
                seconds, before = rerun.time(page, act, shown, finish=state == "done")
                out.setdefault(name, []).append((seconds, before, page.evaluate(RUNNING_JS)))
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
    print(f"\n{'rerun':<26}{'median s':>10}{'before request s':>18}{'while training':>16}")
    for name, timings in reruns.items():
        before = statistics.median(t[1] for t in timings)
        training = sum(t[2] for t in timings)
        print(
            f"{name:<26}{statistics.median(t[0] for t in timings):>10.3f}{before:>18.3f}"
            f"{f'{training}/{len(timings)}':>16}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument("--epochs", type=int, default=100)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        proc, url = start_server(Path(tmp) / "runs.sqlite")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
                )
                runs = [time_run(browser, url, t, args.epochs) for t in range(args.trials)]
                reruns = time_reruns(browser, url, args.reruns)
                browser.close()
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
    peers = [time_peer(t, args.epochs) for t in range(args.trials)]
    print(
        f"cores: {os.cpu_count()}; {args.trials} trials, {args.reruns} reruns; peer = Runner "
        "without server or browser"
    )
    report(
        {"first point": [r[0] for r in runs], "all done": [r[1] for r in runs],
         **{name: [t[0] for t in timings] for name, timings in reruns.items()}},
        {"first point": [p[0] for p in peers], "all done": [p[1] for p in peers]},
        reruns,
    )  # fmt: skip


if __name__ == "__main__":
    main()
