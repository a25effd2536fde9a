"""Safe corpus runs (issue 13): a lock on the output folder, unique report names, manifest ids
confined to the folder, non-regular files skipped, foreign metrics.csv refused, workers that end
with the main process, a time budget per article, clear errors for an unusable --out.

A slow article is made by a ``sitecustomize`` module put on PYTHONPATH for the worker processes
(and command-line subprocesses) only: it wraps ``analysis.report.build.analyse_file`` so that a
file whose name contains "slow" writes its worker's PID to a file and sleeps, and one whose name
contains "crash" ends its worker; everything else is the real code path.
"""
from __future__ import annotations

import csv
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from analysis.cli.compare import main
from analysis.corpus import outfolder
from analysis.corpus.outfolder import LOCK_NAME, lock_folder
from analysis.corpus.pool import article_budget
from analysis.corpus.run import (CorpusEntry, CorpusError, analyse_corpus, analyse_entry, list_corpus, metric_columns,
                                 report_name, report_names)

ROOT = Path(__file__).resolve().parents[2]
TEXTS = {
    "a.txt": "Senators vote on border bill\n\nThe Senate voted 68-32 on Thursday to pass the bill, officials said.\n\n"
             "“This is a historic day,” said Sen. Chuck Schumer. Critics called it an “amnesty” plan.",
    "b.md": "# Tariffs rise again\n\nThe administration raised tariffs on $200 billion of imports, a move that "
            "could hurt farmers, according to economists.\n\nMarkets fell sharply after the announcement.",
}
HOOK = '''
import os, time
if os.environ.get("SLOW_HOOK_DIR"):
    import analysis.report.build as _build
    _real = _build.analyse_file
    def _slow(path, *args, **kwargs):
        if "crash" in os.path.basename(str(path)):
            os._exit(3)
        if "slow" in os.path.basename(str(path)):
            with open(os.path.join(os.environ["SLOW_HOOK_DIR"], f"{os.getpid()}.pid"), "w") as fh:
                fh.write(str(path))
            time.sleep(float(os.environ.get("SLOW_HOOK_SECONDS", "600")))
        return _real(path, *args, **kwargs)
    _build.analyse_file = _slow
'''


def write(folder: Path, names=tuple(TEXTS), **extra: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(TEXTS[name], encoding="utf-8")
    for name, text in extra.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def errors(out: Path) -> dict[str, str]:
    return {r["path"]: r["reason"] for r in rows(out / "errors.csv")}


@pytest.fixture
def slow_hook(tmp_path, monkeypatch):
    """Worker processes started from now on sleep on files named *slow*; yields the PID folder."""
    hook = tmp_path / "hook"
    pids = hook / "pids"
    pids.mkdir(parents=True)
    (hook / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(hook), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
    monkeypatch.setenv("SLOW_HOOK_DIR", str(pids))
    return pids


def alive(pid: int) -> bool:
    """A process that runs (a zombie waiting for its parent to reap it has ended)."""
    try:
        import psutil
    except ImportError:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        return state not in ("Z", "X")
    try:
        return psutil.Process(pid).status() not in (psutil.STATUS_ZOMBIE, psutil.STATUS_DEAD)
    except psutil.NoSuchProcess:
        return False


def wait_for(condition, seconds: float = 60.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def cli(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "analysis", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


# --- 1. one run at a time on an output folder ---------------------------------------------

def test_a_second_run_on_the_same_out_is_refused(tmp_path, capsys):
    folder = write(tmp_path / "c")
    out = tmp_path / "out"
    out.mkdir()
    with lock_folder(out):  # as a run in progress holds it
        assert main(["corpus", "analyse", str(folder), "--out", str(out), "--jobs", "1", "--quiet"]) == 2
        message = capsys.readouterr().err
        assert "in use by another corpus run" in message and f"pid {os.getpid()}" in message
        assert "released when that process ends, even when it is killed" in message
        assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME]  # nothing written
    assert not (out / LOCK_NAME).exists()  # released and removed at the end of the run
    assert main(["corpus", "analyse", str(folder), "--out", str(out), "--jobs", "1", "--quiet"]) == 0


def test_concurrent_runs_never_double_rows(tmp_path, slow_hook, monkeypatch):
    monkeypatch.setenv("SLOW_HOOK_SECONDS", "4")
    folder = write(tmp_path / "c", **{"slow.txt": TEXTS["a.txt"]})
    out = tmp_path / "out"
    first = cli("corpus", "analyse", str(folder), "--out", str(out), "--jobs", "1", "--quiet")
    try:
        assert wait_for(lambda: any(slow_hook.iterdir())), "the first run never reached its slow article"
        second = subprocess.run([sys.executable, "-m", "analysis", "corpus", "analyse", str(folder), "--out", str(out),
                                 "--jobs", "1", "--quiet"], cwd=ROOT, capture_output=True, text=True)
        assert second.returncode == 2 and "in use by another corpus run" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    lines = (out / "metrics.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and lines[0].startswith("id,path,")
    assert [r["id"] for r in rows(out / "metrics.csv")] == ["a.txt", "b.md", "slow.txt"]


def test_the_lock_of_a_killed_run_does_not_block(tmp_path):
    folder = write(tmp_path / "c", ("a.txt",))
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom analysis.corpus.outfolder import lock_folder\n"
                               f"with lock_folder({str(out)!r}):\n    print('held', flush=True)\n    time.sleep(600)"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(CorpusError, match=f"pid {holder.pid} "):
        analyse_corpus(folder, out, jobs=1, progress=False)
    holder.kill()
    holder.wait()
    assert f"pid {holder.pid} " in (out / LOCK_NAME).read_text()  # the stale file is still there
    run = analyse_corpus(folder, out, jobs=1, progress=False)
    assert run.analysed == 1 and not (out / LOCK_NAME).exists()


def test_without_flock_the_lock_file_says_how_to_clear_it(tmp_path, monkeypatch):
    monkeypatch.setattr(outfolder, "fcntl", None)
    (tmp_path / LOCK_NAME).write_text("pid 999999 on elsewhere since then\n")
    with pytest.raises(outfolder.OutputFolderError, match=f"no longer alive.*remove {tmp_path / LOCK_NAME}"):
        with lock_folder(tmp_path):
            pass
    (tmp_path / LOCK_NAME).unlink()
    with lock_folder(tmp_path) as lock:
        assert f"pid {os.getpid()} " in lock.read_text()
    assert not lock.exists()


# --- 2. report names unique per input -----------------------------------------------------

def test_report_names_get_a_hash_only_when_stems_collide():
    names = report_names(["sub/seed.txt", "sub/seed.md", "sub__seed.txt", "other.txt", "A.txt", "a.md", "x/y.json"])
    assert names["other.txt"] == "other.json" and names["x/y.json"] == "x__y.json"  # unique stems: as before
    colliding = [names[i] for i in ("sub/seed.txt", "sub/seed.md", "sub__seed.txt")]
    assert len(set(colliding)) == 3 and all(n.startswith("sub__seed-") and len(n) == len("sub__seed-12345678.json")
                                            for n in colliding)
    assert names["A.txt"].casefold() != names["a.md"].casefold()  # case-blind disks
    assert report_names(["sub/seed.md", "sub/seed.txt"])["sub/seed.md"] == names["sub/seed.md"]  # by path, not order
    assert report_name("sub/seed.txt") == "sub__seed.json"


def test_colliding_stems_keep_their_own_reports_and_resume_finds_them(tmp_path):
    folder = write(tmp_path / "c", (), **{"sub/seed.txt": TEXTS["a.txt"], "sub/seed.md": TEXTS["b.md"],
                                      "sub__seed.txt": "Officials said the plan would work.", "other.txt": TEXTS["a.txt"]})
    out = tmp_path / "out"
    run = analyse_corpus(folder, out, jobs=1, progress=False, reports=True, timeout=None)
    assert run.analysed == 4
    names = report_names(e.id for e in list_corpus(folder))
    assert sorted(p.name for p in (out / "reports").iterdir()) == sorted(names.values())
    for id_, name in names.items():  # each report is the report of its own file
        report = json.loads((out / "reports" / name).read_text(encoding="utf-8"))
        assert report["input"]["path"].endswith(id_), (id_, name)
    metrics = (out / "metrics.csv").read_bytes()
    (out / "reports" / names["sub/seed.md"]).unlink()  # e.g. an earlier run without --reports
    run = analyse_corpus(folder, out, jobs=1, progress=False, reports=True, timeout=None)
    assert (run.analysed, run.skipped) == (1, 3)
    assert (out / "reports" / names["sub/seed.md"]).is_file()
    assert (out / "metrics.csv").read_bytes() == metrics  # the row replaced, not doubled, and in order


# --- 3. manifest ids confined to the corpus folder ----------------------------------------

def test_manifest_ids_outside_the_folder_are_refused(tmp_path):
    folder = tmp_path / "allsides"
    (folder / "articles").mkdir(parents=True)
    record = json.dumps({"title": "T", "content_original": "Officials said the plan would work."})
    (folder / "articles" / "good.json").write_text(record, encoding="utf-8")
    (tmp_path / "outside.json").write_text(record, encoding="utf-8")  # what ../../outside would reach
    (folder / "manifest.tsv").write_text("id\tbias\n" + "".join(f"{i}\tleft\n" for i in (
        "good", "../outside", "../../etc/passwd", "articles/good", "/etc/passwd", "..")), encoding="utf-8")
    entries = {e.id: e for e in list_corpus(folder)}
    assert entries["good"].refused == "" and entries["good"].path == str(folder / "articles" / "good.json")
    bad = [i for i in entries if i != "good"]
    assert all(entries[i].path == "" and "not a plain file name" in entries[i].refused for i in bad)
    out = tmp_path / "out"
    run = analyse_corpus(folder, out, jobs=1, progress=False)
    assert (run.analysed, run.errors) == (1, 5)
    assert [r["id"] for r in rows(out / "metrics.csv")] == ["good"]
    assert set(errors(out)) == set(bad)  # listed by id, never by a path outside
    assert "refused, never looked up" in errors(out)["../../etc/passwd"]


# --- 4. non-regular files are skipped without being opened ---------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifos_and_sockets_are_skipped_without_opening_them(tmp_path):
    folder = write(tmp_path / "c")
    os.mkfifo(folder / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.md"))
    try:
        found: dict = {}
        thread = threading.Thread(target=lambda: found.update(
            outcome=analyse_entry(CorpusEntry("pipe.txt", str(folder / "pipe.txt")))), daemon=True)
        thread.start()
        thread.join(20)
        assert not thread.is_alive(), "opening the FIFO blocked"
        assert found["outcome"].error == "not a regular file (a FIFO): skipped without opening it"
        out = tmp_path / "out"
        for jobs, timeout in ((1, None), (2, 30.0)):  # in this process, and in workers
            run = analyse_corpus(folder, out / str(jobs), jobs=jobs, progress=False, timeout=timeout)
            assert (run.analysed, run.errors) == (2, 2)
            reasons = {Path(p).name: r for p, r in errors(out / str(jobs)).items()}
            assert reasons == {"pipe.txt": "not a regular file (a FIFO): skipped without opening it",
                               "sock.md": "not a regular file (a socket): skipped without opening it"}
    finally:
        server.close()


# --- 5. a metrics.csv that is not ours is refused before anything is touched --------------

def _header() -> str:
    return ",".join(["id", "path", "sha256", "source", "rating", "genre", "topic", "date", "title", *metric_columns()])


FOREIGN = {
    "other columns": b"id,path,old_metric\n1,2,3\n",
    "random bytes": random.Random(13).randbytes(600),
    "unrelated, no final newline": b"name,score\nalpha,1\nbeta,2",
    "no line end at all": b"just some text",
    "a row of another width": (_header() + "\na.txt,x\n").encode(),
    "the header twice": (_header() + "\n" + _header() + "\n").encode(),
    "NUL bytes": (_header() + "\n").encode() + b"a\x00b\n",
}


@pytest.mark.parametrize("case", sorted(FOREIGN))
def test_a_foreign_metrics_csv_is_refused_untouched(tmp_path, case, capsys):
    folder = write(tmp_path / "c", ("a.txt",))
    out = tmp_path / "out"
    out.mkdir()
    (out / "metrics.csv").write_bytes(FOREIGN[case])
    assert main(["corpus", "analyse", str(folder), "--out", str(out), "--jobs", "1", "--quiet", "--reports"]) == 2
    message = capsys.readouterr().err
    assert "metrics.csv" in message and "refused" in message and "Traceback" not in message
    assert (out / "metrics.csv").read_bytes() == FOREIGN[case]
    assert sorted(p.name for p in out.iterdir()) == ["metrics.csv"]  # no errors.csv, reports/ or lock left


def test_an_id_twice_and_a_foreign_errors_csv_are_refused(tmp_path):
    folder = write(tmp_path / "c", ("a.txt",))
    out = tmp_path / "out"
    analyse_corpus(folder, out, jobs=1, progress=False, timeout=None)
    good = (out / "metrics.csv").read_bytes()
    (out / "metrics.csv").write_bytes(good + good.splitlines(keepends=True)[1])
    with pytest.raises(CorpusError, match="id 'a.txt' twice"):
        analyse_corpus(folder, out, jobs=1, progress=False)
    (out / "metrics.csv").write_bytes(good)
    (out / "errors.csv").write_text("mine,not yours\n")
    with pytest.raises(CorpusError, match="errors.csv is not a file corpus analyse wrote"):
        analyse_corpus(folder, out, jobs=1, progress=False)
    assert (out / "errors.csv").read_text() == "mine,not yours\n"


@pytest.mark.parametrize("cut", ["newline only", "mid row", "header torn"])
def test_our_interrupted_metrics_csv_resumes_without_losing_or_doubling(tmp_path, cut):
    folder = write(tmp_path / "c")
    clean = tmp_path / "clean"
    analyse_corpus(folder, clean, jobs=1, progress=False, timeout=None)
    expected = (clean / "metrics.csv").read_bytes()
    lines = expected.splitlines(keepends=True)
    torn = {"newline only": b"".join(lines)[:-1],  # the last row whole but for its line end
            "mid row": b"".join(lines[:2]) + lines[2][:25],
            "header torn": lines[0][:30]}[cut]
    out = tmp_path / "out"
    out.mkdir()
    (out / "metrics.csv").write_bytes(torn)
    analyse_corpus(folder, out, jobs=1, progress=False, timeout=None)
    assert (out / "metrics.csv").read_bytes() == expected


# --- 6. workers end with the main process -------------------------------------------------

@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_workers_end_with_the_main_process(tmp_path, slow_hook, how):
    if how == signal.SIGKILL and not sys.platform.startswith("linux"):
        pytest.skip("workers outlive a SIGKILLed main process only until their pipe closes, off Linux")
    folder = write(tmp_path / "c", (), **{f"slow{i}.txt": TEXTS["a.txt"] for i in range(4)})
    out = tmp_path / "out"
    run = cli("corpus", "analyse", str(folder), "--out", str(out), "--jobs", "2", "--quiet")
    try:
        assert wait_for(lambda: len(list(slow_hook.iterdir())) == 2), "the workers never started"
        workers = [int(p.stem) for p in slow_hook.iterdir()]
        assert all(alive(pid) for pid in workers)
        run.send_signal(how)
        run.wait(timeout=30)
    finally:
        if run.poll() is None:
            run.kill()
        run.communicate()
    if how == signal.SIGTERM:
        assert run.returncode == 128 + signal.SIGTERM
        assert not (out / LOCK_NAME).exists()
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 15), [p for p in workers if alive(p)]
    assert analyse_corpus(write(tmp_path / "d"), out, jobs=1, progress=False, timeout=None).analysed == 2  # not locked


# --- 7. a time budget per article ---------------------------------------------------------

def test_the_budget_scales_with_size():
    assert article_budget(0) == 30.0
    assert article_budget(1_000_000) == 60.0
    assert article_budget(10_000_000) == 330.0  # the reader's limit
    assert article_budget(500_000, 5.0) == 20.0
    assert article_budget(2_000_000, 1.0, 0.0) == 1.0


def test_an_article_past_its_budget_fails_and_the_run_goes_on(tmp_path, slow_hook):
    folder = write(tmp_path / "c")
    reference = tmp_path / "reference"
    analyse_corpus(folder, reference, jobs=1, progress=False, timeout=None, reports=True)
    (folder / "0slow.txt").write_text("x" * 200_000, encoding="utf-8")  # first in order; 200 KB: +6 s
    out = tmp_path / "out"
    started = time.monotonic()
    run = analyse_corpus(folder, out, jobs=1, progress=False, reports=True, timeout=15.0)
    assert time.monotonic() - started < 120
    assert (run.analysed, run.errors) == (2, 1)
    reason = errors(out)[str(folder / "0slow.txt")]
    assert reason.startswith("past its time budget of 21.0 s: stopped, and its worker replaced")
    assert "15 s plus 30 s per MB" in reason and "--timeout" in reason
    [killed] = [int(p.stem) for p in slow_hook.iterdir()]
    assert not alive(killed)  # the worker was killed; a new one analysed a.txt and b.md
    assert (out / "metrics.csv").read_bytes() == (reference / "metrics.csv").read_bytes()
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["a.json", "b.json"]
    for name in ("a.json", "b.json"):
        assert (out / "reports" / name).read_bytes() == (reference / "reports" / name).read_bytes()


def test_a_worker_that_dies_is_replaced(tmp_path, slow_hook):
    folder = write(tmp_path / "c", **{"0crash.txt": TEXTS["a.txt"]})
    run = analyse_corpus(folder, tmp_path / "out", jobs=1, progress=False)
    assert (run.analysed, run.errors) == (2, 1)
    assert errors(tmp_path / "out")[str(folder / "0crash.txt")] == "the worker analysing it ended unexpectedly (exit code 3)"


def test_the_timeout_option(tmp_path, capsys):
    folder = write(tmp_path / "c", ("a.txt",))
    for bad in ("0", "-1", "soon", "inf", "nan"):
        with pytest.raises(SystemExit) as exc:
            main(["corpus", "analyse", str(folder), "--out", str(tmp_path / "o"), "--timeout", bad])
        assert exc.value.code == 2
    assert main(["corpus", "analyse", str(folder), "--out", str(tmp_path / "o"), "--jobs", "1", "--quiet",
                 "--timeout", "45"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["corpus", "analyse", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "30 s plus 30 s per MB" in text and "--timeout SECONDS" in text


# --- 8. an --out that cannot be used ------------------------------------------------------

@pytest.mark.parametrize("command", ["corpus", "compare"])
def test_an_out_that_is_a_file_or_under_one_is_a_clear_error(tmp_path, capsys, command):
    folder = write(tmp_path / "c", ("a.txt",))
    a_file = tmp_path / "taken"
    a_file.write_text("mine")
    for out, says in ((a_file, "a file of that name is in the way"), (a_file / "sub", "cannot create the folder")):
        argv = (["corpus", "analyse", str(folder), "--out", str(out), "--jobs", "1", "--quiet"] if command == "corpus"
                else ["compare", str(folder / "a.txt"), "--no-corpus", "--out", str(out)])
        assert main(argv) == 2
        message = capsys.readouterr().err
        assert says in message and str(out) in message and "Traceback" not in message
    assert a_file.read_text() == "mine"


@pytest.mark.parametrize("command", ["corpus", "compare"])
def test_an_unwritable_out_is_a_clear_error(tmp_path, capsys, command):
    """A folder without write permission; as root, who writes anywhere, an immutable one (chattr +i)."""
    folder = write(tmp_path / "c", ("a.txt",))
    out = tmp_path / "locked"
    out.mkdir()
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    if root:
        try:
            subprocess.run(["chattr", "+i", str(out)], check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError):
            pytest.skip("running as root, and chattr +i is not available to make a folder unwritable")
    else:
        out.chmod(0o555)
    argv = (["corpus", "analyse", str(folder), "--out", str(out), "--jobs", "1", "--quiet"] if command == "corpus"
            else ["compare", str(folder / "a.txt"), "--no-corpus", "--out", str(out)])
    try:
        assert main(argv) == 2
    finally:
        if root:
            subprocess.run(["chattr", "-i", str(out)], check=True)
        else:
            out.chmod(0o755)
    message = capsys.readouterr().err
    assert "cannot write into the folder" in message and str(out) in message and "Traceback" not in message
    assert list(out.iterdir()) == []
