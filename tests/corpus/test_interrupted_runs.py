"""A corpus run stopped by SIGTERM or SIGINT (issue 13): the real command in a subprocess, on a few
articles with their reports (the parse makes each take a while), is signalled once its first row
is written. No process it started is left running, nothing half-written stays in its output
folder (no lock, no temporary file, only whole rows and reports), and a rerun resumes it to the
bytes an uninterrupted run writes."""
from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.corpus.outfolder import LOCK_NAME
from analysis.corpus.run import META_COLUMNS, analyse_corpus, metric_columns

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")]
ROOT = Path(__file__).resolve().parents[2]
PEOPLE = ["Sen. Chuck Schumer", "the governor", "Maria Lopez, a spokeswoman", "officials", "the mayor", "critics"]


def article(i: int) -> str:
    who = PEOPLE[i % len(PEOPLE)]
    paragraphs = [f"Story {i}: lawmakers debate the border bill"]
    for k in range(10):
        paragraphs.append(f"The Senate voted {60 + k}-{40 - k} on Thursday to advance the measure, {who} said. "
                          f"“This is a historic day for the {k + i}th district,” said {who}. Critics called it an "
                          f"“amnesty” plan that would cost ${k + 2} billion, according to economists.")
    return "\n\n".join(paragraphs) + "\n"


def corpus(folder: Path, n: int = 8) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02d}.txt").write_text(article(i), encoding="utf-8")
    return folder


def descendants(pid: int) -> set[int]:
    """Every running process below ``pid`` (children, their children, ...), from /proc."""
    parent = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] not in ("Z", "X"):
            parent[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, pp in parent.items() if pp in frontier} - found
        found |= frontier
    return found


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def data_rows(path: Path) -> int:
    try:
        return max(0, path.read_bytes().count(b"\n") - 1)
    except OSError:
        return 0


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    base = tmp_path_factory.mktemp("interrupted")
    folder = corpus(base / "corpus")
    clean = base / "clean"
    analyse_corpus(folder, clean, jobs=1, timeout=None, progress=False, reports=True)
    return folder, clean


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signalled_run_stops_its_workers_and_resumes_to_the_same_bytes(uninterrupted, tmp_path, how):
    folder, clean = uninterrupted
    out = tmp_path / "out"
    command = [sys.executable, "-m", "analysis", "corpus", "analyse", str(folder), "--out", str(out),
               "--jobs", "2", "--quiet", "--reports", "--timeout", "900"]  # no budget failure on a loaded machine
    # a job started in the background by a shell inherits SIGINT ignored, and Python then keeps
    # ignoring it: give the run the default disposition, as a terminal's foreground job has
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        end = time.monotonic() + 300
        while data_rows(out / "metrics.csv") < 1 and run.poll() is None and time.monotonic() < end:
            time.sleep(0.05)
        started = descendants(run.pid)
        assert run.poll() is None, f"the run ended before it could be signalled: {run.communicate()[1]}"
        assert len(started) >= 2, started  # the two workers at least
        run.send_signal(how)
        _, stderr = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
            run.communicate()
    assert run.returncode == {signal.SIGTERM: 128 + signal.SIGTERM, signal.SIGINT: 130}[how], stderr
    assert "Traceback" not in stderr
    if how == signal.SIGINT:
        assert "interrupted" in stderr and "resumes" in stderr
    end = time.monotonic() + 15
    while any(running(p) for p in started) and time.monotonic() < end:
        time.sleep(0.1)
    assert not [p for p in started if running(p)], "processes of the run outlived it"

    # nothing half-written: no lock, no temporary file, whole rows each with its whole report
    assert not (out / LOCK_NAME).exists()
    assert not [p.name for p in out.rglob("*") if p.name.endswith(".tmp")]
    data = (out / "metrics.csv").read_bytes()
    assert data.endswith(b"\n")
    with (out / "metrics.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == [*META_COLUMNS, *metric_columns()]
    assert 1 <= len(rows) - 1 < 8 and all(len(r) == len(rows[0]) for r in rows)
    for row in rows[1:]:
        report = out / "reports" / (Path(row[0]).stem + ".json")
        assert json.loads(report.read_text(encoding="utf-8"))["schema"].startswith("analysis-report/")

    resumed = analyse_corpus(folder, out, jobs=1, timeout=None, progress=False, reports=True)
    assert (resumed.skipped, resumed.analysed, resumed.errors) == (len(rows) - 1, 9 - len(rows), 0)
    assert (out / "metrics.csv").read_bytes() == (clean / "metrics.csv").read_bytes()
    assert sorted(p.name for p in (out / "reports").iterdir()) == sorted(p.name for p in (clean / "reports").iterdir())
    for report in (clean / "reports").iterdir():
        assert (out / "reports" / report.name).read_bytes() == report.read_bytes(), report.name
