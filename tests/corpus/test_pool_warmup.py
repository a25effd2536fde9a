"""A worker's warm-up (loading lexicons, models and the spaCy pipeline once) is not charged to its
first item's time budget (issue 13): at a load average of 8 on two cores the warm-up with reports
took 15 s of the 30 s base budget, and past it the first article of each worker failed."""
from __future__ import annotations

import functools
import os
import time

import pytest

from analysis.corpus.pool import WorkerStartError, run_in_order


def test_the_warm_up_runs_before_the_clock_starts():
    started = time.monotonic()
    out = list(run_in_order(time.sleep, [0.2, 0.2, 0.2], jobs=2, budget=lambda item: 1.5,
                            warmup=functools.partial(time.sleep, 3)))
    assert [reason for _, _, reason in out] == [None, None, None]
    assert time.monotonic() - started >= 3  # the warm-up did run


def test_without_a_warm_up_step_the_same_wait_is_past_the_budget():
    # the second item's budget is generous: its replacement worker's start is charged to it
    out = list(run_in_order(time.sleep, [3, 0.2], jobs=1, budget=lambda item: 1.5 if item == 3 else 60))
    assert out[0][2].startswith("past its time budget of 1.5 s") and out[1][2] is None


def test_a_worker_that_dies_while_starting_stops_the_run_with_the_reason():
    with pytest.raises(WorkerStartError, match=r"ended while it was starting \(exit code 3\)"):
        list(run_in_order(time.sleep, [0.1], jobs=1, budget=lambda item: 5, warmup=functools.partial(os._exit, 3)))


def test_a_warm_up_that_raises_is_left_to_the_items(tmp_path):
    missing = str(tmp_path / "missing")
    out = list(run_in_order(os.path.exists, [missing], jobs=1, budget=lambda item: 30,
                            warmup=functools.partial(os.remove, missing)))
    assert out == [(missing, False, None)]
