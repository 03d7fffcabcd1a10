"""One owner per person: two sessions with the same cookie or IP share one limit."""

from __future__ import annotations

import pytest

from dashboard.person import person_id
from experiments.run.queue import QueueFullError
from experiments.run.runner import Runner
from experiments.spec.config import ExperimentConfig

COOKIE = {"_streamlit_xsrf": "2|0a0b0c0d|1b1c1d1e|1700000000"}
REMASKED = {"_streamlit_xsrf": "2|ffeeddcc|eef9ccdf|1700000000"}  # same token, new mask


def test_same_cookie_or_ip_is_one_person() -> None:
    assert person_id(COOKIE, "1.2.3.4", "s1") == person_id(REMASKED, "5.6.7.8", "s2")
    assert person_id(None, "1.2.3.4", "s1") == person_id({}, "1.2.3.4", "s2")
    assert person_id(None, "1.2.3.4", "s1") != person_id(None, "1.2.3.5", "s1")
    assert person_id(None, None, "s1") == "s1"


def test_one_person_over_the_limit_from_two_sessions(tmp_path) -> None:
    long = ExperimentConfig(epochs=1000, batch_size=1, n_samples=200, hidden_layers=(8,))
    first, second = person_id(COOKIE, None, "tab-1"), person_id(REMASKED, None, "tab-2")
    with Runner(tmp_path / "s.sqlite", max_workers=1, max_active_per_owner=3) as runner:
        runner.submit([long, long], owner=first)
        with pytest.raises(QueueFullError, match="has 2 queued or running runs"):
            runner.submit([long, long], owner=second)
