"""The entry script and the Streamlit settings a deployment relies on."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

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
    assert 1 <= config["server"]["maxUploadSize"] <= 64  # megabytes, well below the 200 default
    assert config["server"]["fileWatcherType"] == "none"
    assert config["client"]["showErrorDetails"] == "none"
