"""The entry script and the Streamlit settings a deployment relies on."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

from experiments.results.export import store_csv
from experiments.results.store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_importing_app_does_nothing() -> None:
    # spawned workers re-import the entry script: it must not start Streamlit or the dashboard
    code = (
        "import sys, app; "
        "assert callable(app.main); "
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('streamlit', 'dashboard')]; "
        "assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_streamlit_config_limits_uploads_and_never_reloads_modules() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert 1 <= config["server"]["maxUploadSize"] <= 128  # MiB, below the 200 default
    assert config["server"]["fileWatcherType"] == "none"
    assert config["client"]["showErrorDetails"] == "none"


def test_streamlit_reads_the_setting_that_skips_the_collection_after_every_run() -> None:
    # a full gc.collect after each script run cost 110-130 ms per rerun and per live poll here;
    # read back through Streamlit itself, so a misspelt option (silently ignored) fails
    code = (
        "from streamlit import config; config.get_config_options(force_reparse=True); "
        "print(config.get_option('runner.postScriptGC'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60, capture_output=True
    )
    assert out.stdout.decode().strip() == "False"


def test_the_upload_cap_admits_the_largest_comparisons_own_export(tmp_path, monkeypatch) -> None:
    # one run of the largest comparison (1,000 epochs x 10 layers, full-length floats) x 40 runs
    spec = importlib.util.spec_from_file_location(
        "bench_export", ROOT / "bench" / "bench_export.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    monkeypatch.setattr(bench, "VARIANTS", 1)
    monkeypatch.setattr(bench, "SEEDS", 1)
    store_path = tmp_path / "runs.sqlite"
    run_ids = bench.fill(store_path)
    one_run = len(store_csv(Store(store_path), run_ids))
    largest = one_run * 8 * 5
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    cap = config["server"]["maxUploadSize"] * 2**20
    assert 90e6 < largest < cap * 0.9, (largest, cap)  # the cap fits it with room to spare
