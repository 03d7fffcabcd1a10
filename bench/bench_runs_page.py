"""Runs page benchmark: the real server in headless Chromium over a store of 10,000 runs.

The store holds 25 synthetic sweeps of 400 finished runs (5 learning rates x 4 activations x 20
seeds, 30 epochs each: 300,000 epoch rows), written directly (``tests/synthetic_store.py``).
Measured in the page (``page_timing``: from the input event's time stamp to the first animation
frame showing the result, after the run's "script finished" message where the page can idle):

- first render: the first visit after the server started (the metrics cache is filled for all
  10,000 runs then), from ``goto`` to the table and the parallel coordinates drawn;
- new session: a second browser tab, the same way;
- rerun: the Runs view rerun with nothing changed (Streamlit's ``r`` key);
- filter: a search typed and Enter pressed, until the new count shows;
- page change: the page number's "+", until page 2 shows;
- metric change: another metric picked, until the parallel coordinates end at it.

Peer, in the same run and the same browser: the Compare page's rerun (``r``) with its form and
a lesson loaded. Ratios against it say what the whole store costs the Runs page.

A second table times the same steps as server script runs alone (Streamlit's AppTest in this
process, same store, peer: the Compare page's rerun there): headless Chromium draws plotly's
WebGL parallel coordinates in software, which on a loaded machine takes seconds that a person's
browser with a GPU does not spend, so the two tables together say where the time goes.

Usage: ``python bench/bench_runs_page.py [--trials 5] [--sweeps 25]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from page_timing import CHROMIUM_ARGS, ROOT, new_page, start_server, stop_server, wait_since_click

sys.path.insert(0, str(ROOT))

from experiments import Store
from tests.synthetic_store import add_sweep

ARM_KEY_JS = """() => { window.__input = null; document.addEventListener('keydown',
    e => { window.__input = e.timeStamp; }, {capture: true, once: true}); }"""
ARM_CLICK_JS = """() => { window.__input = null; document.addEventListener('click',
    e => { window.__input = e.timeStamp; }, {capture: true, once: true}); }"""
PARCOORDS_END_JS = """[...document.querySelectorAll('.js-plotly-plot')].some(el =>
    (el._fullData || []).some(t => t.type === 'parcoords'
      && t.dimensions[t.dimensions.length - 1].label === '{metric}'))"""
TEXT_JS = "document.body.innerText.includes({text!r})"


def build_store(path: Path, sweeps: int) -> float:
    """``sweeps`` x 400 runs; returns the seconds it took."""
    start = time.perf_counter()
    store = Store(path)
    for k in range(sweeps):
        add_sweep(store, seeds=20, epochs=30, owner=f"person{k % 5}", created_at=1.7e9 + k * 1e3)
    return time.perf_counter() - start


def visit(browser, url: str, shown: str) -> tuple[float, object]:
    """Seconds from opening ``url`` in a new tab to ``shown`` holding; and the tab."""
    page = new_page(browser)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(f"() => {shown}", timeout=300_000, polling="raf")
    return time.perf_counter() - start, page


def timed(page, arm: str, act, shown: str, finish: bool = True) -> float:
    """Seconds from the armed input to ``shown`` (``page_timing.wait_since_click``)."""
    page.evaluate(arm)
    act()
    seconds, _ = wait_since_click(page, shown, finish, timeout=120_000)
    return seconds


def rerun(page) -> float:
    # no input may hold the focus: "r" reruns the script only when typed to the page itself
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    return timed(page, ARM_KEY_JS, lambda: page.keyboard.press("r"), "true")


def measure_runs(browser, url: str, trials: int, total: int) -> dict[str, list[float]]:
    drawn = PARCOORDS_END_JS.format(metric="best_val_loss")
    first, page = visit(
        browser, f"{url}/runs", f"{TEXT_JS.format(text='Matching groups')} && {drawn}"
    )
    out: dict[str, list[float]] = {"first render": [first], "new session": []}
    for _ in range(trials):
        seconds, tab = visit(
            browser, f"{url}/runs", f"{TEXT_JS.format(text='Matching groups')} && {drawn}"
        )
        out["new session"].append(seconds)
        tab.close()
    page.locator('[data-testid="stRadio"] label').filter(has_text="Runs").click()
    page.wait_for_function(f"() => {TEXT_JS.format(text=f'Matching runs: {total:,}')}")
    search = page.get_by_label("Search labels, tags and notes")
    for key in ("rerun", "filter", "page change", "metric change"):
        out[key] = []
    for k in range(trials):
        out["rerun"].append(rerun(page))
        text, count = (
            ("seed=3", f"Matching runs: {total // 20:,}")
            if k % 2 == 0
            else ("", f"Matching runs: {total:,}")
        )
        search.fill(text)
        out["filter"].append(
            timed(page, ARM_KEY_JS, lambda: search.press("Enter"), TEXT_JS.format(text=count))
        )
        # each new search went back to page 1, so "+" always goes to page 2
        out["page change"].append(
            timed(
                page,
                ARM_CLICK_JS,
                page.get_by_test_id("stNumberInputStepUp").click,
                TEXT_JS.format(text="page 2 of"),
            )
        )
        metric = "final_val_loss" if k % 2 == 0 else "best_val_loss"
        page.get_by_label("Metric").click()  # opens the list (not timed)
        option = page.get_by_role("option", name=metric, exact=True)
        out["metric change"].append(
            timed(page, ARM_CLICK_JS, option.click, PARCOORDS_END_JS.format(metric=metric))
        )
    page.close()
    return out


def measure_compare(browser, url: str, trials: int) -> list[float]:
    _, page = visit(browser, f"{url}/compare", TEXT_JS.format(text="Compare variants side by side"))
    page.wait_for_timeout(2000)  # the runner's warm-up and the first draw settle
    times = [rerun(page) for _ in range(trials)]
    page.close()
    return times


def _script_s(at, change=None) -> float:
    if change is not None:
        change(at)
    start = time.perf_counter()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return time.perf_counter() - start


def measure_scripts(trials: int) -> tuple[dict[str, list[float]], float]:
    """The same steps as server script runs (AppTest), and the Compare page's rerun there."""
    from streamlit.testing.v1 import AppTest

    from dashboard import runtime, state
    from tests.dashboard.apptest_support import APP, open_page

    def session() -> tuple[float, AppTest]:
        at = AppTest.from_file(APP, default_timeout=300)
        at.switch_page("dashboard/pages/runs.py")  # straight to the Runs page
        return _script_s(at), at

    first, at = session()
    out = {"first render": [first], "new session": [session()[0] for _ in range(trials)]}
    _script_s(at, lambda a: a.radio(key=state.RUNS_VIEW).set_value("Runs"))
    steps = {
        "rerun": lambda a, k: None,
        "filter": lambda a, k: a.text_input(key=state.RUNS_SEARCH).set_value(
            "seed=3" if k % 2 == 0 else ""
        ),
        "page change": lambda a, k: a.number_input(key=state.RUNS_PAGE).set_value(2),
        "metric change": lambda a, k: a.selectbox(key=state.RUNS_METRIC).set_value(
            "final_val_loss" if k % 2 == 0 else "best_val_loss"
        ),
    }
    for name in steps:
        out[name] = []
    for k in range(trials):
        for name, step in steps.items():
            out[name].append(_script_s(at, lambda a, step=step, k=k: step(a, k)))
    compare = open_page()
    peer = statistics.median(_script_s(compare) for _ in range(trials))
    runtime.runner().shutdown()
    return out, peer


def table(title: str, times: dict[str, list[float]], peer: float) -> None:
    print(f"\n| {title} | median | min | x Compare rerun |")
    print("|---|---:|---:|---:|")
    for name, values in times.items():
        median, least = statistics.median(values), min(values)
        print(f"| {name} | {median * 1000:.0f} ms | {least * 1000:.0f} ms | {median / peer:.2f} |")
    print(f"| peer: Compare page rerun | {peer * 1000:.0f} ms | | 1.00 |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--sweeps", type=int, default=25)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "runs.sqlite"
        built = build_store(store, args.sweeps)
        print(
            f"store: {args.sweeps * 400:,} runs, 30 epochs each, written in {built:.1f} s",
            flush=True,
        )
        proc, url = start_server(store)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
                )
                runs = measure_runs(browser, url, args.trials, args.sweeps * 400)
                peer = statistics.median(measure_compare(browser, url, args.trials))
                browser.close()
        finally:
            stop_server(proc)
        total = f"{args.sweeps * 400:,} runs"
        table(f"Runs page in Chromium, {total}", runs, peer)
        os.environ["GRADLAB_STORE"], os.environ["GRADLAB_AUDIENCE"] = str(store), "local"
        scripts, script_peer = measure_scripts(args.trials)
        table(f"Runs page script runs (AppTest), {total}", scripts, script_peer)


if __name__ == "__main__":
    main()
