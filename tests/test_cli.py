"""The command line: output channels, exit codes, the report contract, offline running."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli.main import main

ROOT = Path(__file__).resolve().parent.parent


def run(*args, env=None, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=cwd, timeout=300)


def test_one_path_prints_only_json(seed_path):
    proc = run("report", str(seed_path.relative_to(ROOT)))
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["schema"] == "analysis-report/1"
    assert report["input"]["path"] == "seeds/000_8b45763ab15ca29f.txt"  # as given: relative stays relative
    assert report["input"]["format"] == "txt" and report["input"]["encoding"] == "utf-8"


def test_out_dir_is_created_and_failures_do_not_stop_others(tmp_path, seed_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "new" / "dir"
    code = main(["report", str(empty), str(seed_path), str(tmp_path / "missing.txt"), "--out", str(out)])
    assert code == 1
    err = capsys.readouterr().err
    assert f"{empty}: the file is empty" in err and "missing.txt: no such file" in err
    assert (out / "000_8b45763ab15ca29f.json").is_file()
    assert not (out / "empty.json").exists()


def test_usage_errors_exit_2(capsys):
    for argv in (["report"], ["report", "x.txt", "--format", "pdf"], ["nonsense"], ["report", "x.txt", "--max-bytes", "-1"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2


def test_help_explains(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    out = capsys.readouterr().out
    assert "--out" in out and "--format" in out and "--max-bytes" in out and "Exit codes" in out


def test_check_report_accepts_the_seed_report(tmp_path, seed_path, shared):
    out = tmp_path / "rep"
    assert main(["report", str(seed_path), "--out", str(out)]) == 0
    proc = subprocess.run([sys.executable, str(shared / "tools" / "check-report"), str(out / "000_8b45763ab15ca29f.json")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_same_input_same_bytes(seed_path):
    first = run("report", str(seed_path))
    second = run("report", str(seed_path), env={"PYTHONHASHSEED": "123"})
    assert first.stdout == second.stdout and first.stdout


OFFLINE = """
import socket, sys
def refuse(*a, **k):
    raise OSError("network access attempted")
socket.socket.connect = refuse
socket.create_connection = refuse
from analysis.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_runs_offline_with_empty_nltk_data(tmp_path, seed_path):
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    proc = subprocess.run(
        [sys.executable, "-c", OFFLINE, "report", str(seed_path)], capture_output=True, text=True,
        env={**os.environ, "NLTK_DATA": str(empty), "HF_HUB_OFFLINE": "1"}, cwd=ROOT, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["metrics"]["body_words"] > 0
