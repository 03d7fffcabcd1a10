"""The CLI door and its sweep plans (issue 15 items 1 and 4): every plan file and argument list
ends in configs, or a message on stderr without a traceback and exit 2, before any training."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from experiments.cli import main, read_plan
from experiments.spec.errors import ConfigError
from tests.doors import answered, refused

BASE = {"dataset": "moons", "n_samples": 100, "epochs": 2, "hidden_layers": [4]}
SETTINGS = settings(
    max_examples=80, deadline=3000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def plan_file(tmp_path: Path, plan: object, name: str = "plan.json") -> Path:
    path = tmp_path / name
    path.write_text(plan if isinstance(plan, str) else json.dumps(plan))
    return path


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        ({"base": BASE, "vary": "depth", "values": [100_000_000]}, "depth: received 100000000"),
        ({"base": BASE, "vary": "depth", "values": [20_000_000, 2]}, "integer from 0 to 10"),
        ({"base": BASE, "vary": "width", "values": [10**9]}, "width: received 1000000000"),
        ({"base": BASE, "vary": "depth", "values": 5}, "values: received 5; accepted: a list"),
        ({"base": BASE, "vary": ["depth"], "values": [1]}, "vary: received ['depth']"),
        ({"base": 3, "vary": "depth", "values": [1]}, "base: received 3"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ([{"dataset": ["moons"]}], "dataset"),
        ([BASE, 7], "accepted: a non-empty list of configs"),
        ("x" * 1_000_001, "over 1,000,000 bytes"),
    ],
)
def test_named_bad_plans_exit_2_without_training(tmp_path, capsys, plan, message) -> None:
    path = plan_file(tmp_path, plan)
    start = time.perf_counter()
    code = main(["run", str(path), "--store", str(tmp_path / "s.sqlite")])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err, err
    assert len(err) < 700 and time.perf_counter() - start < 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "/nonexistent/folder/out.csv"], "--out: '/nonexistent/folder/out.csv' is in a"),
        (["--out", "."], "is a folder"),
        (["--store", "/dev/null"], "the run store '/dev/null' is unusable"),
        (["--store", "/proc/self/none/runs.sqlite"], "its folder cannot be created"),
    ],
)
def test_out_and_store_are_checked_before_training(tmp_path, capsys, args, message) -> None:
    path = plan_file(tmp_path, [BASE])
    start = time.perf_counter()
    code = main(["run", str(path), "--store", str(tmp_path / "s.sqlite"), *args])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err, err
    assert time.perf_counter() - start < 5  # refused before any worker started
    assert not (tmp_path / "s.sqlite").exists() or "--store" not in args


def test_a_corrupt_or_folder_store_is_exit_2_for_export(tmp_path, capsys) -> None:
    (tmp_path / "junk.sqlite").write_bytes(b"\x00garbage" * 500)
    for store, words in ((tmp_path / "junk.sqlite", "is corrupt"), (tmp_path, "a folder")):
        assert main(["export", "--store", str(store)]) == 2
        assert words in capsys.readouterr().err


PLAN_VALUES = st.one_of(
    st.integers(-(10**12), 10**12),
    st.floats(),
    st.text(max_size=10),
    st.sampled_from(["relu", "tanh", "adam", "sgd", "moons", "full", None, True]),
    st.lists(st.integers(-3, 600), max_size=12),
)
FIELDS = st.sampled_from(
    ["depth", "width", "activation", "learning_rate", "epochs", "hidden_layers", "dataset",
     "batch_size", "dropout", "seed", "nonsense", "optimizer", "repeats"]
)  # fmt: skip
PLAUSIBLE = st.fixed_dictionaries(
    {
        "base": st.just(BASE),
        "vary": st.sampled_from(["activation", "learning_rate", "depth", "width", "epochs"]),
        "values": st.lists(st.sampled_from(["relu", "tanh", 0.1, 0.01, 1, 2, 3, 64]), max_size=4),
    }
)
PLANS = st.one_of(
    PLAUSIBLE,
    PLAUSIBLE,
    st.fixed_dictionaries(
        {
            "base": st.one_of(st.just(BASE), st.dictionaries(FIELDS, PLAN_VALUES, max_size=3)),
            "vary": st.one_of(FIELDS, PLAN_VALUES),
            "values": st.one_of(st.lists(PLAN_VALUES, max_size=10), PLAN_VALUES),
        }
    ),
    st.lists(st.dictionaries(FIELDS, PLAN_VALUES, max_size=4), max_size=4),
    PLAN_VALUES,
)


@SETTINGS
@given(plan=PLANS)
def test_every_sweep_plan_gives_configs_or_a_bounded_config_error(tmp_path, plan) -> None:
    try:
        configs, labels = read_plan(plan_file(tmp_path, plan))
    except ConfigError as error:
        refused("sweep plan", error)
    else:
        answered("sweep plan", "read")
        assert len(configs) == len(labels) and all(len(label) <= 60 for label in labels)


@SETTINGS
@given(
    plan=st.one_of(PLANS.filter(lambda p: not isinstance(p, list)), st.just("{not json")),
    store=st.sampled_from(["ok", "folder", "junk", "/dev/null", "/proc/x/y"]),
    out=st.sampled_from(["out.csv", "/nonexistent/x.csv", ".", "-"]),
    workers=st.sampled_from([None, "0", "-1", "two", "2"]),
)
def test_every_cli_run_is_refused_cleanly_or_would_train(
    tmp_path, capsys, plan, store, out, workers
):
    places = {"ok": tmp_path / "s.sqlite", "folder": tmp_path, "junk": tmp_path / "junk"}
    (tmp_path / "junk").write_bytes(b"not sqlite" * 100)
    args = ["run", str(plan_file(tmp_path, plan)), "--store", str(places.get(store, store))]
    args += ["--out", out] + (["--workers", workers] if workers else [])
    try:
        read_plan(plan_file(tmp_path, plan, "probe.json"))
        good_plan = store == "ok" and out in ("out.csv", "-") and workers in (None, "2")
    except (ConfigError, ValueError):
        good_plan = False
    if good_plan:  # this combination would train: the run door is the sweep test's business
        return
    try:
        code = main(args)
    except SystemExit as exit_:  # argparse's own refusal of --workers two
        code = exit_.code
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and len(err) < 1500, err
    answered("CLI run", "exit 2 before training")
