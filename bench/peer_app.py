"""The rerun benchmark's peer: the live section's elements in bare Streamlit, no gradlab code.

What the issue asks the live section to show, for two variants at mid-run, drawn as plainly as
Streamlit allows: a progress bar per variant, a log-scale toggle, loss, accuracy and gap charts
(four traces of 500 points each), a gradient heatmap per variant (3 layers x 500 epochs) and a
results table, with a heading and a caption each. With ``?live=1`` everything is redrawn with
new numbers twice a second, as the Compare page does while two workers train; like that page,
the toggle's own rerun keeps the numbers already drawn, so only the loss chart changes.
``bench/bench_dashboard.py`` times the toggle here and on the real page: what Streamlit and
plotly alone cost on this machine.

Run by the benchmark as ``streamlit run bench/peer_app.py``.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import streamlit as st

LINES = ("loss", "accuracy", "gap")
POINTS = 500
VARIANTS = ("relu", "tanh")
MARGIN = {"l": 80, "r": 20, "t": 30, "b": 55, "autoexpand": False}


def _lines(title: str, log_y: bool, rng: np.random.Generator) -> dict:
    epochs = np.arange(1, POINTS + 1)
    traces = [
        {"type": "scatter", "mode": "lines", "x": epochs, "name": f"v{i} · training",
         "y": np.exp(-epochs / 150) * (1 + i) + 0.05 * rng.random(POINTS)}
        for i in range(4)
    ]  # fmt: skip
    layout = {
        "height": 420, "showlegend": False, "margin": MARGIN,
        "xaxis": {"title": {"text": "epoch"}},
        "yaxis": {"title": {"text": title}, "type": "log" if log_y else "linear"},
    }  # fmt: skip
    return {"data": traces, "layout": layout}


def _heatmaps(rng: np.random.Generator) -> dict:
    traces = [
        {"type": "heatmap", "z": np.log10(rng.random((3, POINTS)) + 1e-3), "coloraxis": "coloraxis",
         "xaxis": f"x{i + 1}", "yaxis": f"y{i + 1}", "name": label}
        for i, label in enumerate(VARIANTS)
    ]  # fmt: skip
    layout = {
        "height": 300, "margin": MARGIN, "coloraxis": {"colorscale": "Viridis"},
        "xaxis": {"domain": [0, 0.45]}, "xaxis2": {"domain": [0.55, 1], "matches": "x"},
        "yaxis2": {"anchor": "x2"},
    }  # fmt: skip
    return {"data": traces, "layout": layout}


def _section(rng: np.random.Generator, log_y: bool) -> None:
    left, right = st.columns(2)
    for i, title in enumerate(LINES):
        with (left, right)[i % 2]:
            st.subheader(title.capitalize())
            st.plotly_chart(_lines(title, log_y and title == "loss", rng), theme=None,
                            key=f"chart.{title}")  # fmt: skip
            st.caption(f"The {title} of every variant, per epoch.")
    st.subheader("Results")
    table = pd.DataFrame({"variant": VARIANTS, "best val loss": rng.random(2),
                          "best epoch": rng.integers(1, POINTS, 2)})  # fmt: skip
    st.dataframe(table, hide_index=True, key="table")
    st.caption("Per variant: the best validation loss and its epoch.")
    st.subheader("Gradient norm per layer")
    st.plotly_chart(_heatmaps(rng), theme=None, key="chart.gradients")
    st.caption("log10 of each layer's gradient norm per epoch.")


def _live(live: bool) -> None:
    ss = st.session_state
    # new numbers at every poll while live, so every element changes (and is redrawn); the
    # toggle's own rerun keeps the numbers drawn, as the Compare page does
    toggled = ss.get("log_y", False) != ss.get("drawn_log_y", False)
    if live and not toggled:
        ss["seed"] = int(time.monotonic() * 10)
    ss["drawn_log_y"] = ss.get("log_y", False)
    seed = ss.get("seed", 0)
    done = int(np.random.default_rng(seed).integers(100, POINTS)) if live else POINTS
    cols = st.columns(len(VARIANTS))
    for col, label in zip(cols, VARIANTS, strict=True):
        col.progress(done / 1000, text=f"**{label}**: {done}/1000 epochs · running")
    log_y = st.toggle("Log-scale loss", key="log_y")
    _section(np.random.default_rng(seed), log_y)


def main() -> None:
    st.set_page_config(page_title="peer", layout="wide")
    live = st.query_params.get("live") == "1"
    st.fragment(run_every=0.5 if live else None)(_live)(live)


if __name__ == "__main__":
    main()
