"""Quoted terms: finding every span (robust to broken marks) and telling its kind."""
from __future__ import annotations

import pytest

from analysis.measures.quotes.kinds import analyse_quotes, family_key
from analysis.read.reader import parse_text


def quotes_of(text: str):
    return analyse_quotes(parse_text(text)).quotes


def spans(text: str):
    return [(q.text, q.kind, q.balanced) for q in quotes_of(text)]


# ------------------------------------------------------------------ the seed, case by case
SEED_EXPECTED = [
    ("development", "scare", True),
    ("We have agreed to establish and begin the..negotiations to look over this agreement so that the "
     "commercial relationship between both nations intensifies and grows,", "direct", True),
    ("developing", "scare", True),
    ("nation-building", "scare", True),
    ("development", "scare", False),
    ("field-tested", "scare", True),
    ("sensitive installations", "scare", True),
    ("buying binge,", "scare", True),
    ("Los Zetas,", "title", True),
    ("aid", "scare", True),
    ("rehabilitating", "scare", True),
    ("develop", "scare", True),
]


def test_seed_quotes(seed_report):
    got = [(q["text"], q["kind"], q["balanced"]) for q in seed_report["quotes"]]
    assert got == SEED_EXPECTED


def test_seed_unbalanced_mark_is_recovered_locally(seed_report, seed_text):
    q = next(q for q in seed_report["quotes"] if not q["balanced"])
    assert seed_text[q["start"]:q["end"]] == "development”"


def test_seed_develop_family(seed_report):
    fam = next(f for f in seed_report["quote_families"] if f["family"] == "develop")
    texts = [seed_report["quotes"][i]["text"] for i in fam["members"]]
    assert texts == ["development", "developing", "development", "develop"]
    assert len(fam["contexts"]) == 4 and "[“develop”] Mexico." in fam["contexts"][3]
    assert seed_report["quotes"][1]["family"] is None  # direct speech has no family


def test_seed_metrics(seed_report):
    m = seed_report["metrics"]
    assert (m["quotes_direct"], m["quotes_partial"], m["quotes_scare"], m["quotes_title"]) == (1, 0, 10, 1)
    assert m["scare_quotes_per_1k"] == pytest.approx(1000 * 10 / m["body_words"], rel=1e-4)


# ------------------------------------------------------------------ finding
@pytest.mark.parametrize(
    "text",
    ["Israel’s leaders and Mexicans’ hopes in the ’90s met rock ’n’ roll.",
     "It's the students' choice, isn't it? Don't ask about the '80s."],
)
def test_apostrophes_are_not_quotes(text):
    assert quotes_of(text) == ()


def test_straight_and_single_quotes():
    got = spans('He called it "a disaster," she said. The firm touted its \'smart\' meters.')
    assert [g[0] for g in got] == ["a disaster,", "smart"]


def test_nested_quotes():
    quotes = quotes_of("“He told me the plan was ‘dead on arrival,’ and I believed him,” Smith said.")
    assert [q.text for q in quotes] == [
        "He told me the plan was ‘dead on arrival,’ and I believed him,", "dead on arrival,"]
    assert quotes[0].kind == "direct" and quotes[1].parent == 0


def test_multi_paragraph_quote_is_one_quote():
    text = ("Headline Here\n\n“The first paragraph of a long statement goes on here.\n\n"
            "“The second paragraph continues the same statement,” the minister said.\n\nNext paragraph.")
    quotes = quotes_of(text)
    assert len(quotes) == 1
    assert quotes[0].text.startswith("The first paragraph") and quotes[0].text.endswith("same statement,")
    assert quotes[0].balanced and quotes[0].kind == "direct"


def test_a_mark_pairs_with_its_own_kind():
    quotes = quotes_of("The ‘so-called “reform” bill’ passed.")
    assert sorted(q.text for q in quotes) == ["reform", "so-called “reform” bill"]


def test_stray_opening_mark_at_paragraph_start_takes_the_paragraph():
    quotes = quotes_of("Title Line\n\n“We will win this fight and nothing will stop us.\n\nThe crowd cheered.")
    assert [(q.text, q.balanced) for q in quotes] == [("We will win this fight and nothing will stop us.", False)]


def test_lone_single_marks_are_dropped_with_a_reason():
    result = analyse_quotes(parse_text("The ‘idea was never tested."))
    assert result.quotes == () and "apostrophe" in result.dropped[0].reason


# ------------------------------------------------------------------ kinds, by context
@pytest.mark.parametrize(
    "text, kind",
    [
        ("The so-called “peace plan” was rejected.", "scare"),
        ("Critics dismissed what the minister calls “reform” as cosmetic.", "partial"),
        ("The cartel, known as “Los Zetas,” grew quickly.", "title"),
        ("He appeared on “Face the Nation” on Sunday.", "title"),
        ("Smith said the deal was “dead on arrival.”", "partial"),
        ("“The deal is dead,” said Jane Smith, a former trade negotiator, on Monday.", "direct"),
        ("“The deal is dead,” Jane Smith, the director of the institute, said.", "direct"),
        ("The minister told reporters: “We will not back down.”", "direct"),
        ("Trump called the senator a “nasty guy” at the rally.", "partial"),
        ("Reid has been pounding Trump as a “con artist” for weeks.", "partial"),
        ("The firm sells its “field-tested” weapons abroad.", "scare"),
        ("While the exact nature of the “development” is unclear, history suggests that it will lead to sales.", "scare"),
        ("According to the report, the program offered “aid” to farmers.", "partial"),
    ],
)
def test_kind_by_context(text, kind):
    quotes = quotes_of(text)
    assert quotes and quotes[0].kind == kind, (quotes[0].kind, quotes[0].reason)


def test_short_quote_with_a_source_is_not_a_scare_quote():
    # length is not the signal: three words or fewer, but a source speaks them
    assert quotes_of("Officials said the attack was “cowardly.”")[0].kind == "partial"


def test_family_key_stems_words():
    assert family_key("development") == family_key("developing") == family_key("develop")
    assert family_key("Nation-building,") == "nation-build"


def test_a_quote_after_a_colon_in_the_headline_is_speech():
    quotes = analyse_quotes(parse_text("John Bolton backs Trump's Iran threat: 'They will pay a price'\n\nBody text here.")).quotes
    assert [(q.text, q.kind) for q in quotes] == [("They will pay a price", "direct")]


@pytest.mark.parametrize("text, quoted, kind", [
    ("Among his books are “The Rise and Fall of the Third Reich” and “Berlin Diary.”",
     "The Rise and Fall of the Third Reich", "title"),
    ("Her second novel, “The Sound of the Mountain in Winter,” sold well.",
     "The Sound of the Mountain in Winter,", "title"),
    ("The band's new album is called “Songs for the End of the Long Dry Summer” by fans.",
     "Songs for the End of the Long Dry Summer", "title"),
    # title-case speech stays speech, also beside a word naming a work
    ("The film star said “I Will Never Give Up On My Dreams Again” to the crowd.",
     "I Will Never Give Up On My Dreams Again", "direct"),
    ("In her book she wrote, “We Will Not Be Silenced By Anyone At All!”",
     "We Will Not Be Silenced By Anyone At All!", "direct"),
])
def test_a_long_title_after_a_word_naming_a_work_is_a_title(text, quoted, kind):
    found = {q.text: q.kind for q in quotes_of(text)}
    assert found[quoted] == kind
