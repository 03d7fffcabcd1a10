"""Dashboard benchmark: the real server in headless Chromium (a script, not a test).

Measures, on a four-variant two-moons comparison (two hidden layers of 16, 100 epochs): time from
clicking Run to the first live point on the loss chart and to all variants done; and the time of a
full rerun (picking a preset, outside the live fragment) and of a fragment rerun (the log-scale
toggle): before any run (the page's form alone), once two 1,000-epoch runs are done (charts at
their largest) and, for the toggle, while two workers train (5,000 samples in batches of 8: every
poll brings epochs; each click at a random moment of the refresh period). Every time is taken in
the page (``page_timing``): from the click event's time stamp (so a busy page's delay in
handling the click counts, Playwright's checks before clicking do not) to the first animation
frame that shows the result and, where the page can idle, after the websocket brought the run's
"script finished" message. A second table gives the time to the request leaving and what
Playwright spent before the click. Peers: the Runner alone in this process (runs), and
``bench/peer_app.py``, the live section's elements in bare Streamlit, idle or redrawn twice a
second while two workers train the same comparison (reruns): the page's own rerun times under
the same load.

Usage: ``python bench/bench_dashboard.py [--trials 3] [--reruns 10]``
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from page_timing import (
    ARM_JS,
    CHROMIUM_ARGS,
    PLOTS_JS,
    ROOT,
    any_moment,
    new_page,
    start_server,
    stop_server,
    time_rerun,
    wait_since_click,
)

sys.path.insert(0, str(ROOT))

from dashboard import share
from dashboard.comparison import defaults
from dashboard.widgets.live import POLL_SECONDS
from experiments import ExperimentConfig, Runner, Store

ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu")
TARGETS_S = {"first point": 1.5, "all done": 4.0}
RERUN_TARGET_S = 0.2
# while training: two moons' maximum of samples in mini-batches of 8, so that the runs outlast
# the reruns (1,000 epochs of 5,000 samples in batches of 32 took under 10 s)
LIVE = {"n_samples": 5000, "batch_size": 8}
RUNNING_JS = "() => document.body.innerText.includes('epochs · running')"
STATE_JS = """() => document.querySelector('[data-testid="stApp"]')
    ?.getAttribute('data-test-script-state')"""


def comparison(tag: str, epochs: int, names=ACTIVATIONS, **kw) -> list[tuple[str, dict]]:
    """Variants ``(label, config dict)`` on two moons, 2 x 16 units, differing in activation."""
    base = {"hidden_layers": (16, 16), "epochs": epochs, **kw}
    return [
        (f"{name} {tag}", ExperimentConfig(activation=name, **base).to_dict()) for name in names
    ]


def open_link(browser, url: str, pairs: list[tuple[str, dict]]):
    """A fresh page on the share link of ``pairs``, ready to Run (and to time reruns)."""
    page = new_page(browser)
    page.goto(f"{url}/?{share.PARAM}={share.encode(pairs, defaults())}")
    page.get_by_role("button", name="▶ Run", exact=True).first.wait_for(timeout=60_000)
    page.wait_for_function(f"() => ({STATE_JS})() === 'notRunning'")
    # a person clicks a page that has finished drawing, not the first frame of it
    page.wait_for_timeout(2_000)
    if page.evaluate("() => document.body.innerText.includes('Something went wrong')"):
        raise RuntimeError("the page shows an error, not its content: the measure is void")
    return page


def done_js(epochs: int, runs: int) -> str:
    """JS expression: at least ``runs`` progress bars read ``epochs/epochs epochs · done``."""
    done = json.dumps(f"{epochs}/{epochs} epochs · done")
    return f"document.body.innerText.split({done}).length - 1 >= {runs}"


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
    page.evaluate(ARM_JS)
    page.get_by_role("button", name="▶ Run", exact=True).first.click()
    shown = f"({has_point([p[0] for p in pairs], 'some')})()"
    first, _ = wait_since_click(page, shown, timeout=60_000)
    all_done, _ = wait_since_click(page, done_js(epochs, 4), polling=50, timeout=120_000)
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
    # the accuracy chart has training curves too, and its axis is always linear
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
    for state, live in (("training", LIVE), ("done", {})):
        pairs = comparison(state, 1000, names=("relu", "tanh"), **live)
        page = open_link(browser, url, pairs)
        if state == "training":  # the page alone, before any run
            picks = (_pick_preset(page, TITLES[i % 2]) for i in range(count))
            out["full rerun, no runs"] = [(*time_rerun(page, *pick), False) for pick in picks]
        page.get_by_role("button", name="▶ Run", exact=True).first.click()
        page.wait_for_function(has_point([p[0] for p in pairs], "every"), timeout=60_000)
        if state == "done":
            page.wait_for_function(f"() => {done_js(1000, 2)}", timeout=120_000)
        rng = random.Random(0)
        for i in range(count):
            if state == "training":
                any_moment(page, rng, POLL_SECONDS)
            measures = [(f"fragment rerun, {state}", _toggle_log(page, ("log", "linear")[i % 2]))]
            if state == "done":
                measures.insert(0, (f"full rerun, {state}", _pick_preset(page, TITLES[i % 2])))
            for name, (act, shown) in measures:
                timing = time_rerun(page, act, shown, finish=state == "done")
                out.setdefault(name, []).append((*timing, page.evaluate(RUNNING_JS)))
        page.close()
    return out


def _training_load(store_path: Path) -> Runner:
    """Two workers training what the page trains while its toggle is timed: the same load for
    the peer (niced, one BLAS thread each, as the app's workers). Shut it down when done."""
    runner = Runner(Store(store_path), max_workers=2)
    pairs = comparison("load", 1000, names=("relu", "tanh"), **LIVE)
    run_ids = runner.submit([ExperimentConfig(**cfg) for _, cfg in pairs], "bench", ["a", "b"])
    while not all(runner.store.epochs_done(run_ids).values()):
        time.sleep(0.05)
    return runner


def time_peer_reruns(browser, url: str, count: int, tmp: Path) -> dict[str, list[float]]:
    """The log-scale toggle on the bare peer page (``bench/peer_app.py``): idle, and while it
    redraws everything twice a second as two workers train (with them, this machine drew the
    peer's live toggle in 0.10-0.17 s: the medians of 13 bench runs)."""
    out = {}
    for live in ("0", "1"):
        load = _training_load(tmp / "load.sqlite") if live == "1" else None
        page = new_page(browser)
        try:
            page.goto(f"{url}/?live={live}")
            page.wait_for_function(f"() => ({PLOTS_JS})().length === 4", timeout=60_000)
            page.wait_for_timeout(2_000)
            rng, out[live] = random.Random(0), []
            for i in range(count):
                if live == "1":
                    any_moment(page, rng, POLL_SECONDS)
                toggle = _toggle_log(page, ("log", "linear")[i % 2])
                out[live].append(time_rerun(page, *toggle, finish=live == "0")[0])
            if load is not None and not load.active_processes():
                raise RuntimeError("the peer's training load ended before its reruns did")
        finally:
            page.close()
            if load is not None:
                load.shutdown()
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
        training = f"{sum(t[3] for t in timings)}/{len(timings)}"
        print(f"{name:<30}{seconds:>10.3f}{before:>14.3f}{pre:>27.3f}{training:>16}")


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
            peer_reruns = time_peer_reruns(browser, url, args.reruns, Path(tmp))
        finally:
            stop_server(proc)
        browser.close()
    peers = [time_peer(t, args.epochs) for t in range(args.trials)]
    print(
        f"cores: {os.cpu_count()}; {args.trials} trials, {args.reruns} reruns. Peers: the Runner "
        "without server or browser (runs); bench/peer_app.py, the live section's elements in "
        "bare Streamlit, idle or redrawn twice a second while two workers train (reruns)"
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
