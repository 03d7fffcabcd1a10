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

``--largest``: the runs are the largest comparison the page allows instead, 8 variants (learning
rates) x 5 seeds of the same network (40 runs, 2 workers); its peer is the Runner alone.
``--reruns 0`` skips the rerun measures. The rerun measures live in ``dashboard_reruns.py``,
the share links and what the page is waited for in ``dashboard_links.py``.

Usage: ``python bench/bench_dashboard.py [--trials 3] [--reruns 10] [--largest]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from dashboard_links import comparison, done_js, has_point, largest, open_link
from dashboard_reruns import time_peer_reruns, time_reruns
from page_timing import ARM_JS, CHROMIUM_ARGS, start_server, stop_server, wait_since_click

from experiments import ExperimentConfig, Runner, Store

TARGETS_S = {"first point": 1.5, "all done": 4.0}
RERUN_TARGET_S = 0.2


def pairs_for(tag: str, epochs: int, seed: int, big: bool) -> list[tuple[str, dict]]:
    """The comparison a trial runs: the four-variant one, or the largest (``big``)."""
    return largest(tag, epochs, seed=seed) if big else comparison(tag, epochs, seed=seed)


def time_run(browser, url: str, trial: int, epochs: int, big: bool) -> tuple[float, float]:
    """Seconds from the click on Run (as the page saw it) to the first frame with a live point,
    and to the frame that shows every variant done."""
    # a seed of its own per trial: a link to runs already stored would show them before Run
    pairs = pairs_for(f"t{trial}", epochs, 100 + 10 * trial, big)
    page = open_link(browser, url, pairs)
    if page.evaluate(has_point([p[0] for p in pairs], "some")):
        raise RuntimeError("the page shows curves before Run: the measure would be void")
    page.evaluate(ARM_JS)
    page.get_by_role("button", name="▶ Run", exact=True).first.click()
    shown = f"({has_point([p[0] for p in pairs], 'some')})()"
    first, _ = wait_since_click(page, shown, timeout=60_000)
    # a variant's bar reads epochs per seed ("(5 seeds): 100/100 epochs · done")
    all_done, _ = wait_since_click(page, done_js(epochs, len(pairs)), polling=50, timeout=600_000)
    page.close()
    return first, all_done


def time_peer(trial: int, epochs: int, big: bool) -> tuple[float, float]:
    """The same comparison through the Runner alone: submit to first stored epoch / all done."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "peer.sqlite")
        runner = Runner(store)
        pairs = pairs_for(f"p{trial}", epochs, 100 + 10 * trial, big)
        configs = [ExperimentConfig(**cfg) for _, cfg in pairs]
        start = time.perf_counter()
        run_ids = runner.submit(configs, "bench", [f"p{i}" for i in range(len(configs))])
        while not any(store.epochs_done(run_ids).values()):
            time.sleep(0.005)
        first = time.perf_counter() - start
        runner.wait(run_ids, timeout=600)
        all_done = time.perf_counter() - start
        runner.shutdown()
    return first, all_done


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
    parser.add_argument("--largest", action="store_true", help="8 variants x 5 seeds")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        proc, url = start_server(Path(tmp) / "runs.sqlite")
        try:
            runs = [time_run(browser, url, t, args.epochs, args.largest)
                    for t in range(args.trials)]  # fmt: skip
            print("first point, all done (s):", runs, flush=True)  # kept if the reruns fail
            reruns = time_reruns(browser, url, args.reruns) if args.reruns else {}
        finally:
            stop_server(proc)
        peer_reruns = {}
        if args.reruns:
            proc, url = start_server(Path(tmp) / "peer.sqlite", "bench/peer_app.py")
            try:
                peer_reruns = time_peer_reruns(browser, url, args.reruns, Path(tmp))
            finally:
                stop_server(proc)
        browser.close()
    peers = [time_peer(t, args.epochs, args.largest) for t in range(args.trials)]
    what = "8 variants x 5 seeds" if args.largest else "4 variants"
    print(
        f"{what} x {args.epochs} epochs; load average (1 min) {os.getloadavg()[0]:.2f}\n"
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
