"""Rerun timings for the dashboard benchmark: full reruns (the preset picker, outside the live
fragment) and fragment reruns (the log-scale toggle) on the page, and the toggle on the bare
Streamlit peer (``peer_app.py``), idle or while two workers train."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

from dashboard_links import LIVE, RUNNING_JS, comparison, done_js, has_point, open_link
from page_timing import PLOTS_JS, any_moment, new_page, time_rerun

from dashboard.widgets.live import POLL_SECONDS
from experiments import ExperimentConfig, Runner, Store


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
