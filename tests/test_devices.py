"""Framing devices as exact spans: each rule on real news sentences, non-examples, offsets."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from analysis.measures.framing.devices import ALL_KINDS, find_devices
from analysis.measures.framing.word_devices import NO_EXTENSION, Device, Matcher, match_lexicon
from analysis.lexicon import load_lexicon
from analysis.measures.framing.rule_devices import inside, quoted_regions
from analysis.read.sentences import split_sentences


def sentences_of(text):
    """Sentences per line, as the article model gives them (paragraphs never share one)."""
    return [s for m in re.finditer(r"[^\n]+", text) for s in split_sentences(text, *m.span())]


def spans(text, kind):
    """``(text, rule)`` of every device of ``kind`` found in ``text``."""
    return [(d.text, d.rule) for d in find_devices(text, sentences_of(text))[kind]]


def texts(text, kind):
    return [t for t, _ in spans(text, kind)]


# --- the seed: exact offsets --------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_devices(seed_text):
    return find_devices(seed_text, sentences_of(seed_text))


@pytest.mark.parametrize(
    "kind, context, phrase, rule",
    [
        ("hedge", "‘buying binge,’ it seems likely that Israel", "it seems", "it seems"),
        ("hedge", "it seems likely that Israel", "likely", "likely"),
        ("hedge", "are also highly likely to be included", "likely", "likely"),
        ("hedge", "particularly water, may also come into play", "may", "may"),
        ("hedge", "history suggests that it will lead", "suggests", "suggests"),
        ("intensifier", "the increasingly unpopular Mexican President", "increasingly", "increasingly"),
        ("intensifier", "are also highly likely", "highly", "highly"),
        ("intensifier", "escalated dramatically in the decades", "dramatically", "dramatically"),
        ("loaded_language", "a weapon ‘buying binge,’", "buying binge", "buying binge"),
        ("loaded_language", "becoming a police state.", "police state", "police state"),
        ("loaded_language", "support for his crusade against Iran", "crusade", "crusade"),
        ("loaded_language", "effort to crush domestic dissent,", "crush domestic dissent", "crush"),
        ("agentless_passive", "government was found to have deployed", "was found",
         "be + past participle (found), no by-agent"),
        ("agentless_passive", "the spying is believed to have been state-sponsored", "is believed",
         "be + past participle (believed), no by-agent"),
    ],
)
def test_seed_spans_are_exact(seed_text, seed_devices, kind, context, phrase, rule):
    start = seed_text.index(context) + context.index(phrase)
    expected = Device(kind, start, start + len(phrase), phrase, rule)
    assert expected in seed_devices[kind]


@pytest.mark.parametrize(
    "kind, context",
    [
        ("hedge", "May 16, 2017"),                               # the month
        ("loaded_language", "murdered journalists"),              # descriptive topic word
        ("loaded_language", "the killing of journalists"),
        ("loaded_language", "most powerful and violent drug cartel"),
        ("agentless_passive", "to have been state-sponsored"),   # hyphenated adjective
        ("agentless_passive", "Netanyahu was accompanied by several Israeli businessmen"),
        ("hedge", "it seems likely"),                            # "seem*" must not win over "it seems"
    ],
)
def test_seed_non_examples(seed_text, seed_devices, kind, context):
    start = seed_text.index(context)
    end = start + len(context)
    inside = [d for d in seed_devices[kind] if start <= d.start and d.end <= end]
    if context == "it seems likely":
        assert [d.rule for d in inside] == ["it seems", "likely"]
    else:
        assert inside == []


def test_seed_offsets_order_and_uniqueness(seed_text, seed_devices):
    assert set(seed_devices) == set(ALL_KINDS)
    for kind, devices in seed_devices.items():
        assert all(d.kind == kind and seed_text[d.start:d.end] == d.text for d in devices)
        assert [(d.start, d.end) for d in devices] == sorted({(d.start, d.end) for d in devices})
        assert all(d.rule for d in devices)


# --- hedges -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("The deal could collapse, but officials could not confirm the report.", ["could"]),
        ("He couldn't say whether the talks would resume.", []),
        ("The talks may resume next week.", ["may"]),
        ("In May, the ministry said the tariffs might rise.", ["might"]),
        ("Leaders met in Mexico City, May 16, 2017.", []),
        ("May 16 was the deadline for the bids.", []),
        ("The tariffs, which took effect on May 1, are likely to stay.", ["likely"]),
        ("Russia flexed its military might in the Black Sea.", []),
        ("The defendant appeared in court on Monday.", []),
        ("The minister appeared to be unaware of the plan.", ["appeared"]),
        ("The suspect was reportedly detained in Paris.", ["reportedly"]),
        ("It remains unclear whether the ceasefire will hold.", ["unclear"]),
        ("Perhaps the most important question is who pays.", ["Perhaps"]),
        ("I think the deal is a mistake.", ["I think"]),
    ],
)
def test_hedges(text, expected):
    assert texts(text, "hedge") == expected


# --- boosters and intensifiers ------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("In fact, the NSO group only sells its products to governments.", ["In fact"]),
        ("Of course, nobody asked the farmers.", ["Of course"]),
        ("The report clearly shows that the program failed.", ["clearly"]),
        ("There is no doubt that the vote was rigged.", ["no doubt"]),
        ("The factory closed in 2015.", []),
        # "must have" boosts before a participle, irregular ones from participles.tsv included
        ("They must have known about the plan.", ["must have"]),
        ("Applicants must have a degree.", []),
    ],
)
def test_boosters(text, expected):
    assert texts(text, "booster") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prices rose sharply after the very public dispute.", ["sharply", "very"]),
        ("The plan is extremely unpopular and deeply flawed.", ["extremely", "deeply"]),
        ("Relations have become increasingly tense.", ["increasingly"]),
        ("The factory was particularly affected.", []),  # focusing adverb, not an amplifier
    ],
)
def test_intensifiers(text, expected):
    assert texts(text, "intensifier") == expected


# --- loaded language ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        # multi-word entries win over their single words ("smear")
        ("The company launched a smear campaign against its critics.", [("smear campaign", "smear campaign")]),
        ("He said the inquiry was a witch hunt.", [("witch hunt", "witch hunt")]),
        # amplifiers on the left, the modified word on the right of an adjective
        ("It was a truly devastating blow to the party.", [("truly devastating blow", "devastating")]),
        ("The FBI defended its botched investigation.", [("botched investigation", "botched")]),
        ("Critics called the rally's organisers thugs.", [("thugs", "thugs")]),
        ("The protesters were called THUGS by the mayor.", [("THUGS", "thugs")]),  # emphasis, not a name
        # a capitalised phrase is emphasis; a capitalised single word mid-sentence is a name
        ("Trump told Sessions to stop this Rigged Witch Hunt right now.", [("Witch Hunt", "witch hunt")]),
        ("A spokesman for Crush Inc. said the company would crush its rivals.", [("crush", "crush")]),
        ("Crush Inc. said profits rose.", []),
        ("The band Thugs played in the Wicked Witch costume contest.", []),
        # descriptive topic words are not loaded by themselves
        ("The attack killed 12 people, and violence and crime rose.", []),
        ("Dozens of murdered journalists were remembered at the vigil.", []),
        # entries dropped by the PTC procedure stay in the file but do not fire
        ("Sanctions against the Assad regime were tightened.", []),
    ],
)
def test_loaded_language(text, expected):
    assert spans(text, "loaded_language") == expected


# --- agentless passives -------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("The National Guard has been deployed to the border.", ["has been deployed"]),
        ("Twelve people were killed in the attack.", ["were killed"]),
        ("The documents were quickly destroyed.", ["were quickly destroyed"]),
        ("The suspect is being questioned.", ["is being questioned"]),
        ("They’ve been told that Obamacare would be repealed.", ["They’ve been told", "be repealed"]),
        ("The plant will be closed by 2020.", ["be closed"]),  # "by" + year is not an agent
        ("The bill was passed by a vote of 52 to 48.", ["was passed"]),
        ("High tax rates were easily avoided by the wealthy.", []),  # by-agent
        ("Netanyahu was accompanied by several Israeli businessmen.", []),
        ("She was worried about the vote.", []),  # adjectival participle
        ("The company is based in Texas.", []),
        ("The talks are set to resume on Monday.", []),
        ("I think what’s happened at the border is a shame.", []),  # "’s" = "has"
        ("The decision was unprecedented.", []),
        ("He was born in Chicago.", []),
    ],
)
def test_agentless_passives(text, expected):
    assert texts(text, "agentless_passive") == expected


# --- rhetorical questions -----------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("Who benefits from this deal? Not the farmers.", ["Who benefits from this deal?"]),
        ("“Why now?” he asked reporters.", []),  # inside quotation marks
        ('"Who will pay?" the senator asked.', []),
        ("Why does this matter? Because the deal sets a precedent.", []),  # answered at once
        ("AMY GOODMAN: What if Donald Trump pulls out?", []),  # interview transcript turn
        ("But he is the very person Trump may attack again. How does that make sense?”\n"
         "The analyst disagreed.", []),  # a quotation opened on an earlier line
        ("So, what now?", ["So, what now?"]),
    ],
)
def test_rhetorical_questions(text, expected):
    assert texts(text, "rhetorical_question") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said “no” and "yes" today.', ["“no”", '"yes"']),
        ("“Left open to the end of its line\nNext line.", ["“Left open to the end of its line"]),
        ("a block quote closes here.”\nThe analyst disagreed.", ["a block quote closes here.”"]),
        ("No quotation marks at all.", []),
    ],
)
def test_quoted_regions(text, expected):
    regions = quoted_regions(text)
    assert [text[s:e] for s, e in regions] == expected
    starts = [s for s, _ in regions]
    for s, e in regions:
        assert inside(regions, starts, s) and inside(regions, starts, e - 1)
        assert not inside(regions, starts, e)


# --- the API ------------------------------------------------------------------------------

def test_all_keys_always_present():
    assert list(find_devices("", [])) == list(ALL_KINDS)
    found = find_devices("It may be a crushing blow.", [(0, 26)], kinds=["hedge"])
    assert list(found) == list(ALL_KINDS)
    assert [d.text for d in found["hedge"]] == ["may"]
    assert all(found[k] == [] for k in ALL_KINDS if k != "hedge")


def test_only_text_inside_sentences_is_searched():
    text = "Clearly the plan failed. The thugs won."
    found = find_devices(text, [(25, len(text))])
    assert found["booster"] == []
    assert [(d.start, d.end, d.text) for d in found["loaded_language"]] == [(29, 34, "thugs")]


@pytest.mark.parametrize("kind", ["hedge", "booster", "intensifier", "loaded_language"])
def test_match_lexicon_defaults_are_find_devices(seed_text, seed_devices, kind):
    found = match_lexicon(kind, seed_text, sentences_of(seed_text))
    assert sorted(found, key=lambda d: (d.start, d.end)) == seed_devices[kind]


def test_match_lexicon_with_another_list_or_extension():
    text = "It was a truly devastating blow to the Assad regime."
    sentences = sentences_of(text)
    shipped = match_lexicon("loaded_language", text, sentences)
    assert [d.text for d in shipped] == ["truly devastating blow"]
    bare = match_lexicon("loaded_language", text, sentences, extension=NO_EXTENSION)
    assert [d.text for d in bare] == ["devastating"]
    # a Matcher uses every row it is given: "regime" is marked "drop" in loaded.tsv
    every = Matcher(load_lexicon("loaded").rows)
    found = match_lexicon("loaded_language", text, sentences, matcher=every, extension=NO_EXTENSION)
    assert [(d.text, d.rule) for d in found] == [("devastating", "devastating"), ("regime", "regime")]


def test_unknown_kind_raises():
    with pytest.raises(ValueError, match="unknown device kinds"):
        find_devices("text", [(0, 4)], kinds=["sarcasm"])


def test_runtime_imports_stay_light():
    code = ("import sys, analysis.measures.framing.devices; "
            "print(sorted(m for m in ('numpy', 'sklearn', 'nltk', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the lexicons -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["hedges", "boosters", "intensifiers", "loaded", "participles"])
def test_lexicon_headers_and_rows(name):
    lex = load_lexicon(name)
    assert "Written by" in lex.header and "Follows" in lex.header and "2026" in lex.header
    assert lex.columns[0] == "entry"
    entries = lex.column("entry")
    assert entries and all(e == e.lower().strip() and e for e in entries)
    assert len(entries) == len(set(entries)), "duplicate entries"


def test_loaded_lexicon_columns_and_exclusions():
    lex = load_lexicon("loaded")
    assert lex.columns == ("entry", "category", "pos", "source", "status", "note")
    assert {r["status"] for r in lex.rows} == {"use", "drop"}
    assert {r["source"] for r in lex.rows} <= {"definition", "review", "ptc-suggested"}
    assert {r["pos"] for r in lex.rows} <= {"noun", "adj", "adv", "verb", "phrase"}
    descriptive = {"murdered", "murder", "killed", "kill", "killing", "violence", "violent",
                   "crime", "criminal", "attack", "war", "terrorist", "terrorism", "dead", "death"}
    assert descriptive.isdisjoint(lex.column("entry"))
