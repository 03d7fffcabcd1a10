"""Dashboard benchmark: the real server in headless Chromium (a script, not a test).

Measures, on a four-variant two-moons comparison (two hidden layers of 16, 100 epochs):
time from clicking Run to the first live point on the loss chart and to all variants done; and,
while two workers train, the time for a full page rerun (changing a widget outside the live
fragment) and for a fragment rerun (the log-scale toggle). The peer is the experiments Runner
driven directly in this process (no server, no browser), measured in the same run.

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
TARGETS_S = {"first point": 1.5, "all done": 4.0, "full rerun": 0.2, "fragment rerun": 0.2}
# A curve's trace exists only once its variant has a point, so names suffice (and stay cheap:
# heavy polling would slow the very page being measured).
PLOTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => ({
    names: (el.data || []).map(t => String(t.name)),
    ytype: ((el.layout || {}).yaxis || {}).type}))"""
STATE_JS = """() => document.querySelector('[data-testid="stApp"]')
    ?.getAttribute('data-test-script-state')"""


def comparison(tag: str, epochs: int, names=ACTIVATIONS) -> list[tuple[str, dict]]:
    """Variants ``(label, config dict)`` on two moons, 2 x 16 units, differing in activation."""
    return [
        (
            f"{name} {tag}",
            ExperimentConfig(hidden_layers=(16, 16), activation=name, epochs=epochs).to_dict(),
        )
        for name in names
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


def open_link(browser, url: str, pairs: list[tuple[str, dict]]):
    """A fresh page on the share link of ``pairs``, ready to Run."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
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


def _wait_idle(page) -> None:
    page.wait_for_function(f"() => ({STATE_JS})() === 'notRunning'", polling=10)


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


def time_reruns(browser, url: str, count: int) -> tuple[list[float], list[float]]:
    """While two long runs train: full reruns (switch the preset picker) and fragment reruns
    (log-scale toggle), each timed from the input to the updated page being idle."""
    pairs = comparison("bg", 1000, names=("relu", "tanh"))
    page = open_link(browser, url, pairs)
    page.get_by_role("button", name="▶ Run", exact=True).click()
    page.wait_for_function(has_point([p[0] for p in pairs], "every"), timeout=60_000)
    titles = ["Full batch vs SGD vs mini-batch", "Sigmoid vs ReLU in a deep net"]
    full, fragment = [], []
    for i in range(count):
        option = _open_option(page, titles[i % 2])
        start = time.perf_counter()
        option.click()
        page.wait_for_function(
            f"() => document.querySelector('input[aria-label=\"Lesson preset\"]').value"
            f" === {json.dumps(titles[i % 2])}",
            polling=10,
        )
        _wait_idle(page)
        full.append(time.perf_counter() - start)
        want = "log" if i % 2 == 0 else "linear"
        start = time.perf_counter()
        page.get_by_text("Log-scale loss").click()
        page.wait_for_function(
            f"() => ({PLOTS_JS})().some(p => p.ytype === '{want}' && "
            "p.names.some(n => n.endsWith('· training')))",
            polling=10,
        )
        _wait_idle(page)
        fragment.append(time.perf_counter() - start)
    page.close()
    return full, fragment


def report(rows: dict[str, list[float]], peers: dict[str, list[float]]) -> None:
    """Print medians, worst cases, the target and the ratios to the target and to the peer."""
    print(
        f"{'measure':<16}{'median s':>10}{'max s':>9}{'target s':>10}{'median/target':>15}"
        f"{'peer s':>9}{'median/peer':>13}"
    )
    for name, values in rows.items():
        median, peer = statistics.median(values), peers.get(name)
        peer_median = statistics.median(peer) if peer else None
        peer_text = (
            f"{peer_median:>9.3f}{median / peer_median:>13.2f}" if peer else f"{'-':>9}{'-':>13}"
        )
        print(
            f"{name:<16}{median:>10.3f}{max(values):>9.3f}{TARGETS_S[name]:>10.2f}"
            f"{median / TARGETS_S[name]:>15.2f}{peer_text}"
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
                full, fragment = time_reruns(browser, url, args.reruns)
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
         "full rerun": full, "fragment rerun": fragment},
        {"first point": [p[0] for p in peers], "all done": [p[1] for p in peers]},
    )  # fmt: skip


if __name__ == "__main__":
    main()
