"""AppTest: seeds as evidence on the Compare page (table, band, verdicts) and the runs cap."""

from __future__ import annotations

import pytest

from dashboard import comparison, runtime, share, state
from experiments.results.evidence_export import store_evidence
from experiments.results.frames import read_results
from experiments.results.run_metrics import RUN_METRICS, run_metrics
from experiments.results.tracks import snapshot_of
from experiments.results.verdicts import estimate_text, range_text, verdicts
from tests.dashboard.apptest_support import (
    figures,
    inputs,
    open_page,
    run_long,
    run_small,
    traces,
)

pytestmark = pytest.mark.usefixtures("app_store")


def _verdict_lines(at) -> list[str]:
    block = next(m.value for m in at.markdown if m.value.startswith("- "))
    return [line[2:] for line in block.splitlines()]


def _unescaped(text: str) -> str:
    # dashboard.plain.literal backslash-escapes punctuation (and breaks links with U+200B)
    return text.replace("\\", "").replace("\u200b", "")


def test_more_seeds_than_one_person_may_queue_are_refused_at_the_seeds_field() -> None:
    pairs = [(f"v{k}", {"repeats": 10}) for k in range(5)]
    at = open_page(query={share.PARAM: share.encode(pairs, comparison.defaults())})
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "Run is blocked: Seeds (repeats): 5 variants x their seeds make 50 runs" in shown
    assert "at most 8 seeds per variant" in shown
    assert [w.value for w in inputs(at, "Seeds (repeats)")] == [10] * 5  # 10 is a valid count


def test_three_seeds_give_a_table_of_intervals_bands_and_verdicts() -> None:
    at = open_page()
    for widget in inputs(at, "Seeds (repeats)"):
        widget.set_value(3)
    at, run_ids = run_small(at, epochs=4, seeds_set=True)
    assert not at.exception and not [e.value for e in at.error]
    table = at.dataframe[0].value.set_index("variant")
    assert list(table["seeds"]) == [3, 3]
    assert all("±" in table.loc[v, "best val loss"] for v in ("sigmoid", "relu"))
    # the page's verdict is the experiments function's, over the stored runs
    snapshot = snapshot_of(read_results(runtime.store(), run_ids))
    labels = at.session_state[state.RUN_IDS]
    runs = snapshot.runs.assign(label=snapshot.runs["run_id"].map(labels))
    (want,) = verdicts(run_metrics(runs, snapshot.tracks), "best_val_loss", "sigmoid")
    (line,) = _verdict_lines(at)
    assert _unescaped(line).endswith(want.text)
    assert want.text.startswith(("relu is lower (better) than sigmoid",
                                 "relu is higher (worse) than sigmoid",
                                 "relu vs sigmoid: not distinguishable with 3 seeds"))  # fmt: skip
    # the CLI's export --evidence (from the store's SQL summary) says the same as the page
    cli = store_evidence(runtime.store(), baseline="sigmoid").set_index(["variant", "metric"])
    for variant in ("sigmoid", "relu"):
        for metric, column in RUN_METRICS.items():
            row = cli.loc[(variant, metric)]
            if metric == "best_epoch":  # bounded and skewed: median (range), no interval
                shown = range_text(row["median"], row["min"], row["max"])
                assert "±" not in table.loc[variant, column]
            else:
                shown = estimate_text(row["mean"], row["ci95"])
            assert table.loc[variant, column] == shown
    assert cli.loc[("relu", "best_val_loss"), "verdict"] == want.text
    # another baseline and metric
    at.selectbox(key=state.BASELINE).set_value("relu").run()
    at.selectbox(key=state.VERDICT_METRIC).set_value("final_val_accuracy").run()
    (line,) = _verdict_lines(at)
    assert "sigmoid" in _unescaped(line).split(" relu")[0]
    # the band: the mean's CI by default, the seeds' range on request
    before = _band_edges(at)
    at.radio(key=state.BAND).set_value("range").run()
    assert _band_edges(at) != before


def _band_edges(at) -> list[list[float]]:
    loss = next(f for f in figures(at) if any("· training" in str(t.get("name")) for t in
                                              traces(f)))  # fmt: skip
    return [list(map(float, t["y"])) for t in traces(loss) if t.get("hoverinfo") == "skip"]


def test_runs_still_training_give_a_provisional_verdict() -> None:
    at = open_page()
    for widget in inputs(at, "Seeds (repeats)"):
        widget.set_value(2)
    run_long(at, seeds_set=True)
    assert not at.exception
    (line,) = _verdict_lines(at)
    assert "still training: no verdict until every seed of both is done" in _unescaped(line)


def test_the_verdicts_compare_the_metric_the_loaded_lesson_speaks_of() -> None:
    from tests.dashboard.apptest_support import click

    at = open_page()
    at.selectbox(key="preset.pick").set_value("overfitting")
    click(at, "Load preset")
    at, _ = run_small(at, epochs=2)
    assert not at.exception
    # the lesson is the final validation loss turning up: the best loss never shows it
    assert at.selectbox(key=state.VERDICT_METRIC).value == "final_val_loss"
    # a learner's own pick stays while the lesson stays ...
    at.selectbox(key=state.VERDICT_METRIC).set_value("gap_at_best_epoch").run()
    assert at.selectbox(key=state.VERDICT_METRIC).value == "gap_at_best_epoch"
    # ... and loading another lesson brings that lesson's metric
    at.selectbox(key="preset.pick").set_value("optimizers")
    click(at, "Load preset")
    at, _ = run_small(at, epochs=2)
    assert at.selectbox(key=state.VERDICT_METRIC).value == "best_val_loss"
