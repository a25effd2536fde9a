"""Reading files: formats, encodings, structure of the seed, and bad input."""
from __future__ import annotations

import json

import pytest

from analysis.read.reader import InputError, parse_text, read_article


def kinds(article):
    return [(s.kind, article.text[s.start:s.end]) for s in article.segments]


# ------------------------------------------------------------------ the seed
@pytest.fixture(scope="module")
def seed(seed_path):
    return read_article(seed_path, metadata=False)[0]


def test_seed_text_is_the_file_exactly(seed, seed_path):
    assert seed.text == seed_path.read_bytes().decode("utf-8")


def test_seed_structure_has_every_kind(seed):
    found = {k for k, _ in kinds(seed)}
    assert found == {"headline", "standfirst", "byline", "dateline", "subhead", "body",
                     "caption", "credit", "syndication", "boilerplate"}


def test_seed_segments(seed):
    segs = kinds(seed)
    assert segs[0] == ("headline", "Israel Aids Mexico Development With Arms, Drones And Spy Software")
    assert ("boilerplate", "Google+ Pinterest LinkedIn Tumblr +") in segs
    assert ("boilerplate", "Comments are closed.") in segs
    assert ("byline", "By Whitney Webb") in segs
    assert ("dateline", "EXICO CITY–") in segs
    assert [t for k, t in segs if k == "subhead"] == [
        "More Israeli arms in Mexico’s hands", "Israeli spy software used to spy on domestic dissidents"]
    assert [t for k, t in segs if k == "credit"] == [
        "(AP/Damian Dovarganes)", "(AP/Rebecca Blackwell)", "(AP Photo/Eduardo Verdugo)"]
    assert len([t for k, t in segs if k == "caption"]) == 3
    standfirst = [t for k, t in segs if k == "standfirst"]
    assert len(standfirst) == 1 and standfirst[0].startswith("Israel has long helped Mexico")
    syndication = [t for k, t in segs if k == "syndication"]
    assert len(syndication) == 1 and syndication[0].endswith("syndicated by The Event Chronicle")


def test_seed_metadata_from_text(seed):
    assert seed.title == "Israel Aids Mexico Development With Arms, Drones And Spy Software"
    assert seed.bylines == ("Whitney Webb",)
    assert seed.dateline == "EXICO CITY"
    assert seed.publisher == "Mint Press News"
    assert seed.syndicated_by == ("The Event Chronicle",)
    assert seed.photo_credits == ("AP/Damian Dovarganes", "AP/Rebecca Blackwell", "AP Photo/Eduardo Verdugo")


def test_seed_metadata_record(seed_path):
    article, info = read_article(seed_path)
    assert info.metadata == "000_8b45763ab15ca29f.meta.json"
    assert article.published == "2017-09-18"
    assert article.publisher == "Mint Press News"


def test_seed_sentences(seed):
    sents = [(s.segment, seed.text[s.start:s.end]) for s in seed.sentences]
    texts = [t for _, t in sents]
    assert ("dateline", "EXICO CITY–") in sents
    assert any(t.startswith("A well-equipped Mexican patrol") and t.endswith("in Chiapas State.") for t in texts)
    assert any(t.startswith("“We have agreed") and t.endswith("he stated.") for t in texts)
    assert any(t.startswith("Top photo") and t.endswith("Thursday Sept. 14, 2017.") for t in texts)
    assert not any(t == "Comments are closed." for t in texts)  # boilerplate has no sentences
    # every sentence lies inside its paragraph, in order
    for s in seed.sentences:
        p = seed.paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end


def test_seed_body_words(seed):
    from analysis.read.sentences import count_words

    body = [s for s in seed.segments if s.kind in {"body", "standfirst"}]
    assert seed.body_words == sum(count_words(seed.text, s.start, s.end) for s in body)
    assert 700 < seed.body_words < 900


# ------------------------------------------------------------------ formats
def test_txt_is_never_markup(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("# Not a heading\n\n<p>Not HTML</p> stays as typed.\n", encoding="utf-8")
    article, info = read_article(path)
    assert article.text == path.read_text(encoding="utf-8")
    assert info.format == "txt"


def test_markdown(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Front Title\nauthor: Jane Doe\ndate: 2020-03-01\n---\n"
        "# Big News Today\n\nBy Jane Doe\n\nThe **first** paragraph has a [link](http://x.org) in it.\n\n"
        "## A Subhead\n\n![Police stand guard outside the court](img.jpg)\n\nMore text *here*.\n",
        encoding="utf-8",
    )
    article, _ = read_article(path)
    segs = kinds(article)
    assert ("headline", "Big News Today") in segs
    assert ("subhead", "A Subhead") in segs
    assert ("caption", "Police stand guard outside the court") in segs
    assert ("body", "The first paragraph has a link in it.") in segs
    assert article.bylines == ("Jane Doe",)
    assert article.published == "2020-03-01"
    assert "**" not in article.text and "](" not in article.text


HOSTILE_HTML = """<html><head><title>Page</title><style>p{color:red}</style>
<script>document.write('evil')</script></head><body><article><h1>Border Deal Signed</h1>
<p>The two governments signed the border deal on Monday after months of talks, officials said.
The agreement covers trade, security and migration, and takes effect next year.</p>
<script>alert('x')</script><h2>What changes</h2>
<p>Under the deal, inspections will be shared between both countries' agencies, and tariffs on
farm goods will fall over five years, according to the text released by the ministry.</p>
</article></body></html>"""


def test_html_drops_scripts_and_styles(tmp_path):
    path = tmp_path / "a.html"
    path.write_text(HOSTILE_HTML, encoding="utf-8")
    article, info = read_article(path)
    assert info.format == "html"
    assert "alert" not in article.text and "evil" not in article.text and "color:red" not in article.text
    assert "signed the border deal" in article.text
    assert any(k == "headline" for k, _ in kinds(article))


def test_html_without_main_content_uses_fallback(tmp_path):
    path = tmp_path / "tiny.htm"
    path.write_text("<html><body><script>x()</script><p>Short note.</p></body></html>", encoding="utf-8")
    article, _ = read_article(path)
    assert "Short note." in article.text and "x()" not in article.text


def test_corpus_json_record(tmp_path):
    path = tmp_path / "rec.json"
    record = {"title": "Trade talks resume", "authors": "A. Writer, B. Writer", "source": "Some Paper",
              "date": "2019-05-13", "content_original": "First paragraph.\n\nSecond “paragraph” here."}
    path.write_text(json.dumps(record), encoding="utf-8")
    article, _ = read_article(path)
    assert article.title == "Trade talks resume"
    assert article.publisher == "Some Paper" and article.published == "2019-05-13"
    assert [k for k, _ in kinds(article)] == ["headline", "body", "body"]
    assert article.body_words == 5


def test_json_without_text_field(tmp_path):
    path = tmp_path / "rec.json"
    path.write_text(json.dumps({"title": "x"}), encoding="utf-8")
    with pytest.raises(InputError, match="no text field"):
        read_article(path)


def test_format_override(tmp_path):
    path = tmp_path / "page.data"
    path.write_text(HOSTILE_HTML, encoding="utf-8")
    with pytest.raises(InputError, match="--format"):
        read_article(path)
    article, info = read_article(path, fmt="html")
    assert info.format == "html" and "alert" not in article.text


# ------------------------------------------------------------------ encodings and bad input
def test_bom_stays_a_character(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHeadline Here\n\nBody text.".encode("utf-8"))
    article, info = read_article(path)
    assert article.text[0] == "\ufeff" and info.encoding == "utf-8"
    assert article.text[article.segments[0].start:article.segments[0].end] == "Headline Here"


def test_cp1252_is_detected(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes("He said \u201cno\u201d \u2013 twice.".encode("cp1252"))
    article, info = read_article(path)
    assert info.encoding == "cp1252" and "\u201cno\u201d" in article.text


def test_latin1_is_detected(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Pe\xf1a Nieto \x81 said.".encode("latin-1"))
    article, info = read_article(path)
    assert info.encoding == "latin-1" and "Peña" in article.text


def test_utf16(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("\ufeffPeña Nieto said.".encode("utf-16-le"))
    article, info = read_article(path)
    assert info.encoding == "utf-16" and "Peña" in article.text


@pytest.mark.parametrize(
    "content, reason",
    [(b"", "empty"), (b"  \n\n\t ", "empty"), (b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
     (bytes(range(0, 32)) * 20, "binary")],
)
def test_bad_content(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason):
        read_article(path)


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nothing.txt")
    with pytest.raises(InputError, match="directory"):
        read_article(tmp_path)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 3000)
    with pytest.raises(InputError, match="over the limit of 10,000"):
        read_article(path, max_bytes=10_000)
    assert read_article(path, max_bytes=20_000)[0].body_words == 3000


def test_structure_from_plain_text():
    article = parse_text(
        "Officials Deny Report\n\nBy Ann Lee and Bo Kim\n\nWASHINGTON (Reuters) - Officials denied the report on Monday.\n\n"
        "More details emerged later in the day.\n\nA second section\n\nThe talks continue.\n\n"
        "Police patrol the border. (Reuters/John Smith)\n\nThis article first appeared in The Daily Planet.\n\n"
        "Comments are closed."
    )
    assert article.bylines == ("Ann Lee", "Bo Kim")
    assert article.dateline == "WASHINGTON"
    assert ("subhead", "A second section") in kinds(article)
    assert article.photo_credits == ("Reuters/John Smith",)
    assert article.publisher == "The Daily Planet"
    assert ("boilerplate", "Comments are closed.") in kinds(article)


def test_a_body_sentence_starting_with_by_is_not_a_byline():
    article = parse_text("Deal Struck\n\nBy the end of the year, the deal will be signed.\n\nMore text.")
    assert article.bylines == ()
