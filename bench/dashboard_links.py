"""The comparisons the dashboard benchmark opens, as share links, and what it waits for on them.

Shared by ``bench_dashboard.py`` (Run to first point and to all done) and ``dashboard_reruns.py``
(full and fragment reruns).
"""

from __future__ import annotations

import json
import sys

from page_timing import PLOTS_JS, ROOT, new_page

sys.path.insert(0, str(ROOT))

from dashboard import share
from dashboard.comparison import defaults
from experiments import ExperimentConfig

ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu")
# the largest comparison the page allows: 8 variants (here learning rates) x 5 seeds
RATES = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2)
SEEDS = 5
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


def largest(tag: str, epochs: int, **kw) -> list[tuple[str, dict]]:
    """Eight variants of the same network differing in learning rate, five seeds each."""
    base = {"hidden_layers": (16, 16), "epochs": epochs, "repeats": SEEDS, **kw}
    return [
        (f"lr {rate} {tag}", ExperimentConfig(learning_rate=rate, **base).to_dict())
        for rate in RATES
    ]


def open_link(browser, url: str, pairs: list[tuple[str, dict]]):
    """A fresh page on the share link of ``pairs``, ready to Run (and to time reruns)."""
    page = new_page(browser)
    page.goto(f"{url}/?{share.PARAM}={share.encode(pairs, defaults())}")
    page.get_by_role("button", name="▶ Run", exact=True).first.wait_for(timeout=60_000)
    page.wait_for_function(f"() => ({STATE_JS})() === 'notRunning'", timeout=120_000)
    # a person clicks a page that has finished drawing, not the first frame of it
    page.wait_for_timeout(2_000)
    if page.evaluate("() => document.body.innerText.includes('Something went wrong')"):
        raise RuntimeError("the page shows an error, not its content: the measure is void")
    return page


def done_js(epochs: int, runs: int) -> str:
    """JS expression: at least ``runs`` progress bars read ``epochs/epochs epochs · done``
    (a variant's bar gives the epochs per seed)."""
    done = json.dumps(f"{epochs}/{epochs} epochs · done")
    return f"document.body.innerText.split({done}).length - 1 >= {runs}"


def has_point(labels: list[str], how: str) -> str:
    """JS predicate: ``some``/``every`` label has a validation point on a plot."""
    names = json.dumps([f"{label} · validation" for label in labels])
    return f"() => {names}.{how}(name => ({PLOTS_JS})().some(p => p.names.includes(name)))"
