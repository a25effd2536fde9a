"""Reading hostile input (issue 13): decoding that never silently damages, HTML fallbacks and
repeated titles, odd JSON, non-regular files, and one clear error line for every refusal."""
from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import analysis
from analysis.cli.main import main
from analysis.read import formats
from analysis.read.reader import InputError, check_path, decode, parse_text, read_article

ROOT = Path(__file__).resolve().parents[2]
BODY = ("The council voted on Tuesday to close the old bridge.\n\n"
        "\u201cIt is not safe,\u201d said Mayor Ana Pe\u00f1a. She asked for a new budget.\n\n"
        "Residents said the detour adds twenty minutes to their drive.")


def paragraphs(article) -> list[str]:
    return [article.text[p.start:p.end] for p in article.paragraphs]


def assert_one_error_line(path, err: str, reason: str) -> None:
    """The refusal is one line naming the file and the reason, without a traceback."""
    lines = err.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith(f"{path}: "), err
    assert reason in lines[0], err
    assert "Traceback" not in err and "internal error" not in err


# ------------------------------------------------------------------ decoding
def test_seed_with_one_invalid_byte_stays_utf8(tmp_path, seed_path, capsys):
    data = seed_path.read_bytes()
    cut = data.index(b". ", 2000) + 1
    path = tmp_path / "seed.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    report = analysis.analyse_file(path, metadata=False).to_dict()
    before, after = data[:cut].decode("utf-8"), data[cut:].decode("utf-8")
    assert report["article"]["text"] == before + "\ufffd" + after
    assert len(report["quotes"]) == 12
    assert report["input"]["encoding"] == "utf-8" and report["input"]["decode_errors"] == 1
    assert f"warning: {path}: 1 byte not valid UTF-8 replaced with U+FFFD" in capsys.readouterr().err


def test_each_invalid_byte_is_one_replacement_character():
    text = BODY.encode("utf-8")
    data = text[:10] + b"\x80" + text[10:40] + b"\xe2\x80" + text[40:]  # a stray and a cut-off sequence
    decoded, encoding, errors = decode(data)
    assert encoding == "utf-8" and errors == 3
    assert decoded == BODY[:10] + "\ufffd" + BODY[10:40] + "\ufffd\ufffd" + BODY[40:]


def test_valid_utf8_has_no_decode_errors_field(tmp_path, capsys):
    path = tmp_path / "clean.txt"
    path.write_text(BODY, encoding="utf-8")
    article, info = read_article(path)
    assert info.decode_errors == 0 and "decode_errors" not in info.to_dict()
    assert capsys.readouterr().err == ""


def test_legacy_guess_only_when_not_utf8_at_all(tmp_path, capsys):
    path = tmp_path / "legacy.txt"
    path.write_bytes(BODY.encode("cp1252"))  # every non-ASCII byte invalid as UTF-8
    article, info = read_article(path)
    assert info.encoding == "cp1252" and info.decode_errors == 0 and article.text == BODY
    assert capsys.readouterr().err == ""


def test_mostly_utf8_with_a_legacy_byte_stays_utf8():
    data = BODY.encode("utf-8").replace(b"Residents", b"Residents \x93")  # more valid characters than errors
    text, encoding, errors = decode(data)
    assert encoding == "utf-8" and errors == 1 and "\u201cIt is not safe" in text and "Pe\u00f1a" in text


@pytest.mark.parametrize("data, share", [
    (bytes(random.Random(13).randrange(128, 256) for _ in range(4096)), "of the bytes are outside ASCII"),
    (bytes(random.Random(7).choice([0x80, 0x91, 0x93, 0xE9, 0xFC]) for _ in range(4096)),
     "of the bytes are outside ASCII"),  # decodes as cp1252, but no cp1252 text is this
    ("".join(chr(c) for c in range(0x80, 0xA0)).encode("utf-8") * 40, "control characters or unassigned"),
    (("\u0378\u0379\u0380 a " * 300).encode("utf-8"), "control characters or unassigned"),  # unassigned
])
def test_text_of_unreadable_characters_is_binary(tmp_path, capsys, data, share):
    path = tmp_path / "noise.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match="binary data") as exc:
        read_article(path)
    assert share in str(exc.value)
    assert main(["report", str(path)]) == 1
    assert_one_error_line(path, capsys.readouterr().err, "binary data, not text")


def test_a_few_control_characters_are_still_text():
    text, encoding, errors = decode(BODY.replace("Tuesday", "Tuesday\u0085\u0096").encode("utf-8"))
    assert encoding == "utf-8" and errors == 0 and "\u0085" in text


def test_lone_surrogates_in_json_are_replaced_and_counted(tmp_path, capsys):
    raw = ('{"title": "Bridge closes", "authors": ["Jo \\udc00Smith"], '
           '"content": "The council voted on Tuesday \\ud800to close the old bridge.\\n\\nIt is shut."}')
    path = tmp_path / "scraped.json"
    path.write_text(raw, encoding="utf-8")
    report = analysis.analyse_file(path)
    data = report.to_dict()
    assert data["input"]["decode_errors"] == 2
    assert "Tuesday \ufffdto close" in data["article"]["text"]
    assert data["article"]["bylines"] == ["Jo \ufffdSmith"]
    report.to_json().encode("utf-8")  # nothing unencodable is left
    assert f"warning: {path}: 2 lone surrogates replaced with U+FFFD" in capsys.readouterr().err
    assert main(["report", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["input"]["decode_errors"] == 2


def test_paired_surrogate_escapes_are_one_character(tmp_path):
    path = tmp_path / "emoji.json"
    path.write_text('{"content": "Fans cheered \\ud83d\\ude00 all night long."}', encoding="utf-8")
    article, info = read_article(path)
    assert "\U0001F600" in article.text and info.decode_errors == 0


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_line_ending_makes_paragraphs(tmp_path, newline):
    path = tmp_path / "lines.txt"
    path.write_bytes(BODY.replace("\n", newline).encode("utf-8"))
    article, _ = read_article(path)
    assert paragraphs(article) == BODY.split("\n\n")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_single_line_breaks_split_finished_sentences_with_any_ending(newline):
    lines = ["Headline of the day", "The council voted on Tuesday.", "The mayor said it was time."]
    article = parse_text(newline.join(lines))
    assert paragraphs(article) == lines


@pytest.mark.parametrize("name, content", [
    ("bom.txt", BODY),
    ("bom.md", "---\ntitle: Bridge closes\n---\n\n# Bridge closes\n\n" + BODY),
    ("bom.html", "<html><head><title>Bridge closes</title></head><body><p>" + BODY.replace("\n\n", "</p><p>")
     + "</p></body></html>"),
    ("bom.json", json.dumps({"title": "Bridge closes", "content": BODY})),
])
def test_a_utf8_bom_is_accepted_in_every_format(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    article, info = read_article(path)
    assert info.encoding == "utf-8" and info.decode_errors == 0
    blocks = paragraphs(article)
    assert not any(b.startswith("\ufeff") for b in blocks)
    assert blocks[-1] == "Residents said the detour adds twenty minutes to their drive."
    if not name.endswith(".txt"):
        assert article.title == "Bridge closes" and "\ufeff" not in article.text


def test_utf16_json_with_its_bom(tmp_path):
    path = tmp_path / "wide.json"
    path.write_bytes(json.dumps({"content": BODY}).encode("utf-16"))
    article, info = read_article(path)
    assert info.encoding == "utf-16" and paragraphs(article) == BODY.split("\n\n")


# ------------------------------------------------------------------ HTML
STORY = "".join(f"<p>Paragraph {i} of the story tells the council's side of the bridge vote at length.</p>"
                for i in range(6))
FALLBACKS = ("<noscript>Please enable JavaScript to see the map.</noscript>"
             "<iframe src='v.html'>Your browser cannot show the video frame.</iframe>"
             "<template><p>Template row that only a script would fill in.</p></template>"
             "<video src='v.mp4'>Your browser does not support the video element.</video>"
             "<object data='x.swf'>Install the plugin to view this chart.</object>")
HIDDEN = ("JavaScript", "video frame", "Template row", "video element", "plugin")


@pytest.mark.parametrize("page", [
    f"<html><head><title>Mayor Wins Vote</title></head><body><article><h1>Mayor Wins Vote</h1>{FALLBACKS}"
    f"{STORY}</article></body></html>",
    f"<html><head><title>Mayor Wins Vote</title></head><body><h1>Mayor Wins Vote</h1>{FALLBACKS}"
    "<p>Short note here.</p></body></html>",  # too short for trafilatura's main-content rules
])
def test_html_fallback_text_is_not_body_and_the_title_appears_once(tmp_path, page):
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    article, _ = read_article(path)
    assert not [h for h in HIDDEN if h in article.text], article.text
    assert article.text.count("Mayor Wins Vote") == 1 and article.title == "Mayor Wins Vote"
    assert article.text.startswith("Mayor Wins Vote\n\n")
    assert "Paragraph 5 of the story" in article.text or article.text.endswith("Short note here.")


def test_html_fallback_extractor_skips_fallbacks_and_the_repeated_title(monkeypatch):
    monkeypatch.setattr(formats, "_trafilatura_draft", lambda html: None)
    page = (f"<html><head><title>Mayor Wins Vote</title></head><body><h2>Mayor  wins vote</h2>{FALLBACKS}"
            "<p>Short note here.</p></body></html>")
    draft = formats.read_html(page)
    assert draft.text == "Mayor Wins Vote\n\nShort note here."


# ------------------------------------------------------------------ odd JSON
def write_json(tmp_path, raw: str) -> Path:
    path = tmp_path / "odd.json"
    path.write_text(raw, encoding="utf-8")
    return path


CONTENT = json.dumps(BODY)


@pytest.mark.parametrize("raw, bylines, title", [
    ('{"authors": [1], "content": %s}' % CONTENT, [], None),
    ('{"authors": [{"name": "Jane Doe"}, 2, null, ["x"]], "content": %s}' % CONTENT, ["Jane Doe"], None),
    ('{"author": {"name": "Jane Doe"}, "title": ["not", "a", "title"], "content": %s}' % CONTENT,
     ["Jane Doe"], None),
    ('{"id": %s, "date": 20170918, "source": {"name": "x"}, "title": "Bridge", "content": %s}'
     % ("7" * 5000, CONTENT), [], "Bridge"),
    ('{"extra": 1e999999, "title": 3, "content_original": null, "content": %s}' % CONTENT, [], None),
])
def test_odd_json_fields_are_left_out(tmp_path, raw, bylines, title):
    article, _ = read_article(write_json(tmp_path, raw))
    assert list(article.bylines) == bylines and article.title == title and article.published is None
    assert paragraphs(article)[-1] == "Residents said the detour adds twenty minutes to their drive."


@pytest.mark.parametrize("raw, reason", [
    ('{"content": %s}' % ("1" * 5000), "text field 'content' is a number, not a string"),
    ('{"content": ["one", "two"]}', "text field 'content' is a list, not a string"),
    ('{"text": {"p": "x"}}', "text field 'text' is an object, not a string"),
    ('{"content": %s}' % ("[" * 100_000 + "]" * 100_000), "nested too deeply"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"content": "x", "meta": %s}' % ("[" * 5000 + "]" * 5000), "nested too deeply"),
    ("[1, 2]", "not a record"),
    ('{"content": "unterminated', "not valid JSON"),
    ('{"title": "only a title"}', "no text field"),
])
def test_odd_json_gives_one_clear_error(tmp_path, capsys, raw, reason):
    path = write_json(tmp_path, raw)
    with pytest.raises(InputError, match=reason):
        read_article(path)
    assert main(["report", str(path)]) == 1
    assert_one_error_line(path, capsys.readouterr().err, reason)


@pytest.mark.parametrize("record, reason", [
    ("[1]", "is not a JSON object"),
    ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
    ('{"title": "x"', "not valid JSON"),
])
def test_odd_metadata_record_gives_one_clear_error(tmp_path, capsys, record, reason):
    path = tmp_path / "story.txt"
    path.write_text(BODY, encoding="utf-8")
    (tmp_path / "story.meta.json").write_text(record, encoding="utf-8")
    assert main(["report", str(path)]) == 1
    assert_one_error_line(path, capsys.readouterr().err, reason)


def test_metadata_record_of_odd_types_and_with_a_bom(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(BODY, encoding="utf-8")
    record = {"title": 5, "authors": [1, "Jane Doe"], "published": 20170918, "date": "2017-09-18",
              "syndicated_by": "The Chronicle", "publisher": ["x"]}
    (tmp_path / "story.meta.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(record).encode("utf-8"))
    article, info = read_article(path)
    assert info.metadata == "story.meta.json"
    assert article.bylines == ("Jane Doe",) and article.published == "2017-09-18"
    assert article.syndicated_by == ("The Chronicle",) and article.publisher is None


# ------------------------------------------------------------------ non-regular files
def test_a_fifo_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"is a named pipe \(FIFO\), not a regular file"):
        check_path(fifo)  # a stat: cannot hang
    # opening a FIFO without a writer blocks: run the command where a hang ends in a timeout
    proc = subprocess.run([sys.executable, "-m", "analysis", "report", str(fifo)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1 and proc.stdout == ""
    assert_one_error_line(fifo, proc.stderr, "is a named pipe (FIFO), not a regular file (not opened)")


def test_a_device_is_refused(capsys):
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null here")
    with pytest.raises(InputError, match="is a character device, not a regular file"):
        read_article("/dev/null", fmt="txt")
    assert main(["report", "--format", "txt", "/dev/null"]) == 1
    assert_one_error_line("/dev/null", capsys.readouterr().err, "is a character device")


def test_a_socket_is_refused():
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets here")
    with tempfile.TemporaryDirectory() as folder:  # short: socket paths are limited to ~100 bytes
        path = Path(folder) / "s.txt"
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.bind(str(path))
            with pytest.raises(InputError, match="is a socket, not a regular file"):
                read_article(path)


def test_a_symlink_to_a_fifo_is_refused_and_to_a_file_is_read(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "pipe.txt").symlink_to(tmp_path / "pipe")
    with pytest.raises(InputError, match="named pipe"):
        check_path(tmp_path / "pipe.txt")
    (tmp_path / "story").write_text(BODY, encoding="utf-8")
    (tmp_path / "story.txt").symlink_to(tmp_path / "story")
    assert read_article(tmp_path / "story.txt")[0].text == BODY


@pytest.mark.parametrize("path, reason", [
    ("missing.txt", "no such file"),
    ("nul\0byte.txt", "not a valid path"),
])
def test_bad_paths_give_one_clear_error(tmp_path, capsys, path, reason):
    path = str(tmp_path / path)
    with pytest.raises(InputError, match=reason):
        read_article(path)
    assert main(["report", path]) == 1
    assert_one_error_line(path, capsys.readouterr().err, reason)
