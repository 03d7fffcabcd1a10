"""The rerun benchmark's peer: a bare Streamlit page with the live section's four charts.

No gradlab code: a log-scale toggle and four line charts (four traces of 500 points each, like
the comparison's loss, accuracy, gap and gradient charts at mid-run) in one fragment. With
``?live=1`` the fragment redraws every chart with new data twice a second, as the Compare page
does while two workers train. ``bench/bench_dashboard.py`` times the toggle here and on the real
page: what Streamlit and plotly alone cost on this machine.

Run by the benchmark as ``streamlit run bench/peer_app.py``.
"""

from __future__ import annotations

import time

import numpy as np
import streamlit as st

CHARTS = ("loss", "accuracy", "gap", "gradient norm")
POINTS = 500


def _figure(title: str, log_y: bool, rng: np.random.Generator) -> dict:
    epochs = np.arange(1, POINTS + 1)
    traces = [
        {"type": "scatter", "mode": "lines", "x": epochs, "name": f"v{i} · training",
         "y": np.exp(-epochs / 150) * (1 + i) + 0.05 * rng.random(POINTS)}
        for i in range(4)
    ]  # fmt: skip
    layout = {
        "height": 420, "showlegend": False,
        "margin": {"l": 80, "r": 20, "t": 30, "b": 55, "autoexpand": False},
        "xaxis": {"title": {"text": "epoch"}},
        "yaxis": {"title": {"text": title}, "type": "log" if log_y else "linear"},
    }  # fmt: skip
    return {"data": traces, "layout": layout}


def _charts(live: bool) -> None:
    log_y = st.toggle("Log-scale loss", key="log_y")
    # new numbers at every poll while live, so every chart changes (and is redrawn)
    rng = np.random.default_rng(int(time.monotonic() * 10) if live else 0)
    left, right = st.columns(2)
    for i, title in enumerate(CHARTS):
        with (left, right)[i % 2]:
            figure = _figure(title, log_y and title == "loss", rng)
            st.plotly_chart(figure, theme=None, key=f"chart.{i}")


def main() -> None:
    st.set_page_config(page_title="peer", layout="wide")
    live = st.query_params.get("live") == "1"
    st.fragment(run_every=0.5 if live else None)(_charts)(live)


if __name__ == "__main__":
    main()
