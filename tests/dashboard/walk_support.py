"""What the learner's walk reads off the page: the results table, chart data, finished runs.

Streamlit draws ``st.dataframe`` on a canvas; glide-data-grid keeps an accessible table of the
same cells beside it, which is what a screen reader (and this walk) reads.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.dashboard.browser_support import SHOTS

TABLE_JS = """() => {
    const rows = [...document.querySelectorAll('[data-testid="stDataFrame"] table tr')]
        .map(r => [...r.children].map(c => c.innerText));
    return rows.length ? rows : null; }"""
# every chart on show (Streamlit keeps a replaced chart hidden for a while)
PLOTS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')]
    .filter(el => el.getClientRects().length > 0 && el._fullData)
    .map(el => el._fullData.map(t => ({type: t.type || 'scatter', name: String(t.name),
        y: t.y ? Array.from(t.y) : null,
        z: t.z ? Array.from(t.z, r => Array.from(r)) : null})))"""
FINISHED = ("done", "diverged")


def pick(page, box: str, option: str) -> None:
    """Choose ``option`` in select box ``box`` (a rerun that lands meanwhile closes the list:
    open it again)."""
    for attempt in range(3):
        page.get_by_role("combobox", name=box).click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=5_000)
            return
        except Exception:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")


def open_stored(page, labels: list[str]) -> None:
    """On a page opened by a share link: run its comparison unless its runs are stored."""
    offer = page.get_by_role("button", name="▶ Run the shared comparison")
    offer.or_(page.get_by_text("Showing the stored runs of this link.")).first.wait_for()
    if offer.count():
        offer.click()
    wait_finished(page, labels)


def table(page) -> dict[str, dict[str, str]]:
    """The results table as ``{variant: {column: cell text}}``."""
    rows = page.evaluate(TABLE_JS) or [[]]
    header, *body = rows
    return {row[0]: dict(zip(header, row, strict=False)) for row in body}


def number(cell: str) -> float:
    """A cell's number: a mean over seeds ("0.231 ± 0.019", "0.95 (n=2)"), or a share ("12%")."""
    first = cell.split()[0]
    return float(first.rstrip("%")) / (100 if first.endswith("%") else 1)


def wait_finished(page, labels: list[str], timeout: int = 180_000) -> dict[str, dict[str, str]]:
    """Wait until the table lists exactly ``labels``, each finished (every seed: a variant's
    status reads "done / running" while its last seed trains); return the table."""
    check = f"""() => {{ const rows = ({TABLE_JS})(); if (!rows) return false;
        const body = rows.slice(1); const want = {json.dumps(sorted(labels))};
        const got = body.map(r => r[0]).sort();
        return JSON.stringify(got) === JSON.stringify(want)
            && body.every(r => {json.dumps(FINISHED)}.some(s => r[1].startsWith(s))
                && !/running|queued/.test(r[1])); }}"""
    page.wait_for_function(check, timeout=timeout)
    # the finished page draws the decision boundaries and dead units after the table
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot').length >= 5", timeout=60_000
    )
    return table(page)


def plots(page) -> list[list[dict]]:
    """Every chart on show: its traces' type, name, y and z."""
    return page.evaluate(PLOTS_JS)


def heatmap(page, label: str, which: int = 0) -> list[list[float]]:
    """Variant ``label``'s layer x epoch heatmap (rows input side first): ``which`` 0 is the
    gradient norms (log10), 1 the dead units, in the page's order."""
    found = [t["z"] for traces in plots(page) for t in traces
             if t["type"] == "heatmap" and t["name"] == label and t["z"]]  # fmt: skip
    assert len(found) > which, f"no heatmap {which} for {label}"
    return found[which]


def curve(page, name: str) -> list[float]:
    """The y values of the line named ``name`` (e.g. ``"relu · validation"``)."""
    for traces in plots(page):
        for trace in traces:
            if trace["name"] == name and trace["y"]:
                return [float(y) for y in trace["y"]]
    raise AssertionError(f"no line {name}")


def last_gap(page, label: str) -> float:
    """The last point of variant ``label``'s line on the overfitting gap chart."""
    for traces in plots(page):
        if any(t["name"].endswith("best epoch") for t in traces):
            line = next(t for t in traces if t["name"] == label and t["y"])
            return float(line["y"][-1])
    raise AssertionError("no gap chart")


def shot(page, name: str, width: int = 1600) -> Path:
    """A full-page screenshot at ``width`` (Streamlit scrolls inside its main block, so the
    viewport grows to its height); the viewport is put back after."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    before = page.viewport_size
    height = page.evaluate(
        "() => (document.querySelector('[data-testid=\"stMain\"]') || document.body).scrollHeight"
    )
    page.set_viewport_size({"width": width, "height": min(int(height) + 60, 16000)})
    page.wait_for_timeout(1500)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size(before)
    return path
