"""Corpus mode: reading corpus folders, analysing at scale (resume, errors, Dask = local), fetching."""
from __future__ import annotations

import csv
import hashlib
import http.server
import json
import threading
from collections import Counter
from pathlib import Path

import pytest

from analysis.cli.compare import main
from analysis.corpus.run import (PACKAGED_MANIFEST, CorpusError, analyse_corpus, list_corpus, metric_columns, packaged_manifest,
                             read_manifest, report_name)
from analysis.corpus.fetch import fetch_corpus, verify_record

ARTICLES = {
    "a.txt": "Senators vote on border bill\n\nThe Senate voted 68-32 on Thursday to pass the bill, officials said.\n\n"
             "“This is a historic day,” said Sen. Chuck Schumer. Critics called it an “amnesty” plan.",
    "b.md": "# Tariffs rise again\n\nThe administration raised tariffs on $200 billion of imports, a move that "
            "could hurt farmers, according to economists.\n\nMarkets fell sharply after the announcement.",
    "c.txt": "OPINION: We must not look away\n\nI think the government has failed its most basic duty. The "
             "so-called “reform” is a disgrace, and voters will remember it.",
    "d.html": "<html><head><title>Drone strike kills militants</title></head><body><p>A U.S. drone strike killed "
              "three militants in Yemen, a spokesman said on Monday.</p><p>Officials declined to comment.</p>"
              "</body></html>",
    "e.json": json.dumps({"title": "OPINION: Trade wars are easy to lose", "bias_text": "left",
                          "content_original": "Tariffs are taxes on Americans. Nobody wins a trade war, "
                                              "whatever the president says.\n\nFarmers know it best."}),
}


def write_articles(folder: Path, names=tuple(ARTICLES)) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
    return folder


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- reading corpus folders ----------------------------------------------------------------

def test_plain_folder_listing_ratings_and_genres(tmp_path):
    folder = write_articles(tmp_path / "c")
    (folder / "a.meta.json").write_text('{"title": "x"}', encoding="utf-8")  # metadata, not an article
    (folder / "notes.csv").write_text("x", encoding="utf-8")
    sub = folder / "more"
    sub.mkdir()
    known = sorted(packaged_manifest())[0]
    (sub / f"{known}.json").write_text(json.dumps({"content_original": "Some text here.", "title": "T"}))
    entries = list_corpus(folder)
    assert [e.id for e in entries] == ["a.txt", "b.md", "c.txt", "d.html", "e.json", f"more/{known}.json"]
    by_id = {e.id: e for e in entries}
    assert by_id[f"more/{known}.json"].rating == packaged_manifest()[known]["rating"]  # packaged manifest by stem
    run = analyse_corpus(folder, tmp_path / "out", jobs=1, progress=False)
    rows = {r["id"]: r for r in read_csv(run.metrics_path)}
    assert rows["e.json"]["rating"] == "left"  # from the record's bias_text
    assert rows["e.json"]["genre"] == "opinion" and rows["c.txt"]["genre"] == "opinion"  # "OPINION:" titles
    assert rows["a.txt"]["genre"] == "news" and rows["a.txt"]["rating"] == ""
    assert rows["d.html"]["title"] == "Drone strike kills militants"


def test_allsides_layout_reads_the_manifest(tmp_path):
    folder = tmp_path / "allsides"
    (folder / "articles").mkdir(parents=True)
    (folder / "manifest.tsv").write_text("id\tbias\tgenre\tsource\ttopic\tdate\ttitle\n"
                                         "x1\tright\topinion\tOutlet\ttrade\t2019-01-02\tA title\n", encoding="utf-8")
    (folder / "articles" / "x1.json").write_text(ARTICLES["e.json"], encoding="utf-8")
    (folder / "articles" / "stray.json").write_text(ARTICLES["e.json"], encoding="utf-8")  # not in the manifest
    [entry] = list_corpus(folder)
    assert (entry.id, entry.rating, entry.genre, entry.source, entry.title) == (
        "x1", "right", "opinion", "Outlet", "A title")
    assert entry.path == str(folder / "articles" / "x1.json")


def test_packaged_manifest_has_no_texts_and_pins_the_commit():
    rows = packaged_manifest()
    assert len(rows) == 600
    assert Counter(r["rating"] for r in rows.values()) == {"left": 200, "center": 200, "right": 200}
    assert Counter(r["genre"] for r in rows.values()) == {"news": 420, "opinion": 180}
    lines = PACKAGED_MANIFEST.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if not line.startswith("#"))
    assert "title" not in header.split("\t")
    commit = "ced8111a720948e6a410e52031ace99c4e53f096"
    base = f"https://raw.githubusercontent.com/ramybaly/Article-Bias-Prediction/{commit}/data/jsons/"
    assert all(r["url"] == f"{base}{i}.json" for i, r in rows.items())
    assert all(len(r["content_sha256"]) == 64 for r in rows.values())


def test_report_names_are_unique_per_id():
    assert report_name("abc.json") == "abc.json"
    assert report_name("x/abc.json") == "x__abc.json" != report_name("y/abc.json")
    assert report_name("Xy12") == "Xy12.json"


# --- corpus analyse: errors, resume, engines -----------------------------------------------

def test_bad_files_are_recorded_and_skipped_then_resume(tmp_path):
    folder = write_articles(tmp_path / "c", ("a.txt", "b.md", "c.txt"))
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "broken.json").write_text("{not json")
    out = tmp_path / "out"
    run = analyse_corpus(folder, out, jobs=1, progress=False, reports=True)
    assert (run.total, run.analysed, run.errors, run.skipped) == (6, 3, 3, 0)
    errors = {Path(r["path"]).name: r["reason"] for r in read_csv(out / "errors.csv")}
    assert errors["empty.txt"] == "the file is empty"
    assert errors["binary.txt"] == "binary data, not text"
    assert errors["broken.json"].startswith("not valid JSON")
    first = (out / "metrics.csv").read_bytes()
    header = first.decode().splitlines()[0].split(",")
    assert header[:5] == ["id", "path", "sha256", "source", "rating"]
    assert header[9:] == sorted(header[9:]) == list(metric_columns())
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["a.json", "b.json", "c.json"]

    # an interrupted run: the last row lost and the one before torn in half
    lines = first.decode().splitlines(keepends=True)
    (out / "metrics.csv").write_text("".join(lines[:2]) + lines[2][:40], encoding="utf-8")
    (folder / "empty.txt").write_text("Now the file has a sentence.")
    run = analyse_corpus(folder, out, jobs=1, progress=False, reports=True)  # measured as the first run was
    assert (run.analysed, run.skipped, run.errors) == (3, 1, 2)  # b, c and the fixed file; a was kept
    rows = read_csv(out / "metrics.csv")
    assert [r["id"] for r in rows] == ["a.txt", "b.md", "c.txt", "empty.txt"]  # input order restored
    assert (out / "metrics.csv").read_bytes().startswith(first)
    assert {Path(r["path"]).name for r in read_csv(out / "errors.csv")} == {"binary.txt", "broken.json"}

    run = analyse_corpus(folder, out, jobs=1, progress=False, reports=True)
    assert (run.analysed, run.skipped) == (0, 4)


@pytest.mark.parametrize("first, then", [(True, False), (False, True)])
def test_a_run_measured_otherwise_than_the_rows_there_is_refused_and_nothing_is_written(tmp_path, first, then):
    # with the parse (--reports) quote kinds and attributions are read from it, so the rows differ
    folder = write_articles(tmp_path / "c", ("a.txt", "b.md"))
    out = tmp_path / "out"
    analyse_corpus(folder, out, jobs=1, progress=False, reports=first)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    with pytest.raises(CorpusError, match="measured with" + ("" if first else "out") + " the parse"):
        analyse_corpus(folder, out, jobs=1, progress=False, reports=then)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    run = analyse_corpus(folder, out, jobs=1, progress=False, reports=first)
    assert (run.analysed, run.skipped) == (0, 2)


def test_a_header_from_another_version_is_refused(tmp_path):
    folder = write_articles(tmp_path / "c", ("a.txt",))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "metrics.csv").write_text("id,path,old_metric\n")
    with pytest.raises(Exception, match="other columns"):
        analyse_corpus(folder, tmp_path / "out", jobs=1, progress=False)


def test_parallel_and_dask_rows_equal_sequential(tmp_path):
    distributed = pytest.importorskip("distributed")
    folder = write_articles(tmp_path / "c")
    analyse_corpus(folder, tmp_path / "seq", jobs=1, progress=False)
    analyse_corpus(folder, tmp_path / "par", jobs=2, progress=False)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        run = analyse_corpus(folder, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address,
                             progress=False)
    assert run.analysed == 5
    expected = (tmp_path / "seq" / "metrics.csv").read_bytes()
    assert (tmp_path / "par" / "metrics.csv").read_bytes() == expected
    assert (tmp_path / "dask" / "metrics.csv").read_bytes() == expected


# --- fetch against a loopback server -------------------------------------------------------

def _record(i: int) -> bytes:
    return json.dumps({"ID": f"id{i}", "title": f"Title {i}", "bias_text": "center",
                       "content_original": f"Article number {i} says something.\n\nMore text."}, indent=4).encode()


@pytest.fixture
def server():
    files: dict[str, bytes] = {}
    hits: Counter = Counter()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server interface
            hits[self.path] += 1
            body = files.get(self.path)
            if body is None:
                self.send_error(404, "Not Found")
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", files, hits
    httpd.shutdown()
    httpd.server_close()


def test_fetch_verifies_and_resumes(tmp_path, server):
    base, files, hits = server
    records = {i: _record(i) for i in range(4)}
    sha = {i: hashlib.sha256(json.loads(records[i])["content_original"].encode()).hexdigest() for i in records}
    manifest = tmp_path / "manifest.tsv"
    manifest.write_text("# a test manifest\nid\trating\tgenre\turl\tcontent_sha256\n" + "".join(
        f"id{i}\tcenter\tnews\t{base}/jsons/id{i}.json\t{sha[i]}\n" for i in range(4)), encoding="utf-8")
    files["/jsons/id0.json"] = records[0]
    files["/jsons/id1.json"] = records[1]
    files["/jsons/id2.json"] = records[3]  # the wrong article: its text does not match the manifest
    # id3 is missing: 404

    dest = tmp_path / "dest"
    first = fetch_corpus(dest, manifest=manifest, progress=False, retries=0)
    assert sorted(first.downloaded) == ["id0", "id1"] and first.present == ()
    failed = dict(first.failed)
    assert set(failed) == {"id2", "id3"}
    assert "does not match" in failed["id2"] and "HTTP 404" in failed["id3"]
    assert sorted(p.name for p in (dest / "articles").iterdir()) == ["id0.json", "id1.json"]  # no partial files
    assert read_manifest(dest / "manifest.tsv").keys() == {"id0", "id1", "id2", "id3"}

    files["/jsons/id2.json"] = records[2]
    files["/jsons/id3.json"] = records[3]
    (dest / "articles" / "id1.json").write_bytes(records[1][:30])  # a damaged file is fetched again
    second = fetch_corpus(dest, manifest=manifest, progress=False, retries=0)
    assert second.ok and second.present == ("id0",) and sorted(second.downloaded) == ["id1", "id2", "id3"]
    assert hits["/jsons/id0.json"] == 1  # verified and not fetched again
    assert [e.id for e in list_corpus(dest)] == ["id0", "id1", "id2", "id3"]
    assert (dest / "articles" / "id2.json").read_bytes() == records[2]


def test_verify_record_reasons():
    assert verify_record(b"[1, 2]") == "not a JSON record"
    assert verify_record(b'{"content_original": "  "}') == "no content_original text"
    assert verify_record(b'{"content_original": "x"}', hashlib.sha256(b"x").hexdigest()) is None
    assert verify_record(b"\xff\xfe") is not None


# --- command line --------------------------------------------------------------------------

def test_cli_exit_codes(tmp_path, capsys):
    good = write_articles(tmp_path / "good", ("a.txt", "b.md"))
    assert main(["corpus", "analyse", str(good), "--out", str(tmp_path / "o1"), "--jobs", "1", "--quiet"]) == 0
    (good / "empty.txt").write_text("")
    assert main(["corpus", "analyse", str(good), "--out", str(tmp_path / "o1"), "--jobs", "1", "--quiet"]) == 1
    assert "1 failed" in capsys.readouterr().err
    assert main(["corpus", "analyse", str(tmp_path / "missing"), "--out", str(tmp_path / "o2")]) == 2
    assert main(["corpus", "analyse", str(good), "--out", str(tmp_path / "o3"), "--scheduler", "tcp://x:1"]) == 2
    assert main(["corpus", "fetch", "--manifest", str(tmp_path / "none.tsv"), "--quiet"]) == 2
    for argv in (["corpus"], ["corpus", "analyse", str(good)],
                 ["corpus", "analyse", str(good), "--out", "x", "--jobs", "0"],
                 ["corpus", "analyse", str(good), "--out", "x", "--engine", "spark"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2


# --- the shared reference corpus -----------------------------------------------------------

@pytest.mark.shared
def test_shared_corpus_matches_the_packaged_manifest(shared):
    folder = shared / "corpus" / "allsides"
    entries = list_corpus(folder)
    assert len(entries) == 600
    assert Counter(e.rating for e in entries) == {"left": 200, "center": 200, "right": 200}
    assert all((e.genre == "opinion") == e.title.startswith("OPINION:") for e in entries)
    packaged = packaged_manifest()
    for e in entries:
        row = packaged[e.id]
        assert (row["rating"], row["genre"], row["source"]) == (e.rating, e.genre, e.source)
        content = json.loads(Path(e.path).read_text(encoding="utf-8"))["content_original"]
        assert hashlib.sha256(content.encode("utf-8")).hexdigest() == row["content_sha256"], e.id
