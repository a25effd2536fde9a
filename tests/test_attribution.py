"""Source attribution: each construction with real sentences, and the seed's attributions."""
from __future__ import annotations

import pytest

from analysis.measures.sources.attribution import find_attributions
from analysis.measures.sources.linking import link_quotes
from analysis.measures.sources.entities import find_mentions
from analysis.measures.quotes.kinds import analyse_quotes
from analysis.read.reader import parse_text


def attribute(text: str):
    article = parse_text("Headline Of The Story\n\n" + text)
    quotes = analyse_quotes(article).quotes
    atts = find_attributions(article, quotes, find_mentions(article))
    return article, atts, link_quotes(quotes, atts)


def one(text: str):
    article, atts, _ = attribute(text)
    assert len(atts) == 1, [(a.source, a.cue, a.rule) for a in atts]
    a = atts[0]
    content = " ".join(article.text[x:y] for x, y in a.content_spans)
    return a, content


# ------------------------------------------------------------------ constructions
def test_x_said_that():
    a, content = one("Officials said the border would reopen on Monday.")
    assert (a.source, a.source_type, a.cue, a.cue_class, a.mode) == ("Officials", "anonymous", "said", "neutral", "indirect")
    assert content == "the border would reopen on Monday."


def test_said_x_inverted_after_a_quote():
    a, content = one("“The deal is dead,” said Jane Smith, a former trade negotiator.")
    assert (a.source, a.source_type, a.mode) == ("Jane Smith", "person", "direct")
    assert content == "“The deal is dead,”"


def test_appositive_between_source_and_cue():
    a, content = one("Natan Eshel, a former chief of staff under Netanyahu, said the fee was legal.")
    assert a.source == "Natan Eshel" and content == "the fee was legal."


def test_according_to():
    a, content = one("According to the Interior Ministry, 12 people were detained.")
    assert (a.source, a.source_type, a.cue) == ("Interior Ministry", "government", "According to")
    assert content == "12 people were detained."


def test_told_y_that():
    a, content = one("Smith told reporters that the talks had failed.")
    assert a.source == "Smith" and a.cue == "told" and content.endswith("the talks had failed.")


def test_colon_introduction():
    a, content = one("The minister said: “We will not back down.”")
    assert a.source == "The minister" and a.mode == "direct" and content == "“We will not back down.”"


def test_cue_after_the_quote_with_a_pronoun():
    article, atts, quotes = attribute(
        "Mexican President Enrique Peña Nieto announced that talks would start.\n\n"
        "“We have agreed to begin the negotiations,” he stated.")
    direct = next(a for a in atts if a.mode == "direct")
    assert direct.source == "Enrique Peña Nieto" and direct.cue == "stated"
    assert article.text[direct.source_span[0]:direct.source_span[1]] == "he"
    assert quotes[0].speaker == "Enrique Peña Nieto"


def test_one_canonical_name_across_variants():
    _, atts, _ = attribute("Enrique Peña Nieto said trade would grow.\n\nPeña Nieto added that talks would start.\n\n"
                           "Enrique Pena Nieto denied that spying took place.")
    assert {a.source for a in atts} == {"Enrique Peña Nieto"}
    assert [a.cue_class for a in atts] == ["neutral", "neutral", "culpability"]


def test_floating_quote_inherits_the_previous_speaker():
    _, atts, quotes = attribute("“We are ready,” said Jane Smith, the coach.\n\n“We have trained for a year.”")
    assert [a.source for a in atts] == ["Jane Smith", "Jane Smith"]
    assert atts[1].cue is None and atts[1].cue_class is None and "floating" in atts[1].rule
    assert quotes[1].speaker == "Jane Smith"


@pytest.mark.parametrize(
    "text, cue",
    [("The spying is believed to have been state-sponsored.", "is believed"),
     ("The government was found to have deployed the software.", "was found"),
     ("It seems likely that Israel has offered help.", "It seems"),
     ("The minister reportedly resigned on Friday.", "reportedly")],
)
def test_agentless_hedges(text, cue):
    a, _ = one(text)
    assert (a.source, a.source_type, a.cue, a.cue_class) == (None, "agentless", cue, "hedge")


def test_passive_with_an_agent_names_the_source():
    a, _ = one("The plan was announced by the Defense Ministry on Monday.")
    assert a.source == "Defense Ministry" and a.source_type == "government"


def test_noun_cues():
    a, content = one("Human Rights Watch said in a statement that the arrests were arbitrary.")
    assert a.source == "Human Rights Watch" and a.cue == "said"
    a, content = one("The plan follows a statement by the Foreign Ministry on Sunday.")
    assert a.source == "Foreign Ministry" and a.cue.lower() == "statement by"


def test_a_cue_without_a_plausible_source_is_not_an_attribution():
    _, atts, _ = attribute("History suggests that it will lead to more weapon sales.")
    assert atts == []


def test_nouns_that_look_like_verbs_are_not_cues():
    _, atts, _ = attribute("Mexican state police crushed the uprising in what critics call a police state.")
    assert [a.cue for a in atts if a.cue] in ([], ["call"])


# ------------------------------------------------------------------ the seed
def by_cue(report, cue):
    return next(a for a in report["attributions"] if a["cue"] == cue)


@pytest.mark.parametrize(
    "cue, cls, mode",
    [("announced", "neutral", "indirect"), ("stated", "neutral", "direct"),
     ("denying", "culpability", "indirect"), ("admitted", "culpability", "indirect")],
)
def test_seed_statements_of_pena_nieto(seed_report, cue, cls, mode):
    a = by_cue(seed_report, cue)
    assert (a["source"], a["source_type"], a["cue_class"], a["mode"]) == ("Enrique Peña Nieto", "person", cls, mode)


def test_seed_agentless(seed_report):
    for cue in ("was found", "is believed"):
        a = by_cue(seed_report, cue)
        assert (a["source"], a["source_type"], a["cue_class"]) == (None, "agentless", "hedge")


def test_seed_direct_quote_speaker(seed_report):
    q = next(q for q in seed_report["quotes"] if q["kind"] == "direct")
    assert q["speaker"] == "Enrique Peña Nieto" and q["cue"] == "stated"


def test_seed_unsourced_figures(seed_report):
    texts = [c["text"] for c in seed_report["unsourced_claims"]]
    assert "$5.7-million-dollar contract" in texts
    assert any(t.startswith("5 to 8 percent") for t in texts)
    assert "Around 150 Israeli firms" in texts


def test_seed_metrics(seed_report):
    m = seed_report["metrics"]
    assert m["attributions"] == len(seed_report["attributions"])
    assert m["agentless_attributions"] == 4 and m["anonymous_attributions"] == 0
    assert 0.85 < m["writer_voice_share"] < 1
    assert m["loaded_cue_share"] == 0.25  # 2 of 8 cues imply culpability (admitted, denying)
    # the learned cues add none: "history suggests" has no source a writer hands words to
    assert not [a for a in seed_report["attributions"] if a["rule"].startswith("parse:")]


def test_seed_talked_about_versus_speaking(seed_report):
    rows = {r["actor"]: r for r in seed_report["talked_about"]}
    assert rows["Enrique Peña Nieto"]["attributions"] == 4
    for actor in ("NSO Group", "Zapatistas", "Benjamin Netanyahu"):
        assert rows[actor]["mentions"] >= 2 and rows[actor]["attributions"] == 0


def test_noun_phrase_source_starts_after_function_words():
    _, atts, _ = attribute("It was the tweet in which the US president threatened that Iran would pay a price.")
    assert [a.source for a in atts] == ["the US president"]


def test_a_surname_opening_a_sentence_joins_the_full_name():
    _, atts, _ = attribute("Foreign Minister Mohammad Javad Zarif spoke in Tehran.\n\nZarif said the threat was empty.")
    assert atts[-1].source == "Mohammad Javad Zarif" and atts[-1].source_type == "person"


# ------------------------------------------------------------------ sourceless attributions
@pytest.mark.parametrize(
    "text, cue",
    [
        ("The minister seemed to accept the terms of the deal.", "seemed"),
        ("The union appears poised to strike next week.", "appears"),
        ("When asked whether the plant would close, the company said nothing.", "When asked"),
        ("It's not clear whether the law applies to contractors.", "It's not clear"),
        ("The senator was questioned about the payments on Monday.", "was questioned"),
    ],
)
def test_sourceless_cues_raising_verbs_and_unnamed_askers(text, cue):
    found = [a for a in attribute(text)[1] if a.source_type == "agentless"]
    assert [a.cue for a in found] == [cue]


@pytest.mark.parametrize(
    "text",
    ["She appeared on television on Sunday.", "The plan seems simple enough.", "He asked for a recount."],
)
def test_no_sourceless_cue_without_the_frame(text):
    assert not [a for a in attribute(text)[1] if a.source_type == "agentless"]


# ------------------------------------------------------------------ one source of truth
@pytest.mark.parametrize(
    "text",
    [
        "The dispute was “very minor,” it seems, Trump said of the incident.",
        "Romney said Obama snapped that “the 1980s are now calling” during the debate.",
        "“We will win,” she said on Monday, according to Variety. “Less profits? Boo hoo.”",
        "Officials said the plan was “dead,” and critics called it “a sham.”",
    ],
)
def test_a_quote_speaker_is_its_attribution_source(text):
    _, atts, quotes = attribute(text)
    for q in quotes:
        holders = [a for a in atts if q.index in a.quotes]
        if not holders:
            assert q.speaker is None and q.attribution is None
            continue
        chosen = atts[q.attribution]
        assert q.index in chosen.quotes and q.speaker == chosen.source
        if any(a.source for a in holders):
            assert chosen.source is not None  # a named source beats an agentless hedge


@pytest.mark.parametrize("text, speakers", [
    ("Jo Rowe spoke about the film. “We had no idea it would sell,” she said in an interview, according "
     "to Variety. “The studio thought it was a small film.”", ["Jo Rowe", "Jo Rowe"]),
    ("“The talks are over,” the envoy told reporters, according to Reuters.", ["the envoy"]),
    ("Romney said Obama snapped “you are not the president yet” at him.", ["Obama"]),
])
def test_the_inner_speaker_of_a_nested_report_speaks_and_floating_quotes_continue_it(text, speakers):
    _, _, quotes = attribute(text)
    assert [q.speaker for q in quotes] == speakers


def test_the_seed_report_keeps_speakers_and_attributions_in_step(seed_report):
    atts = seed_report["attributions"]
    for i, q in enumerate(seed_report["quotes"]):
        if q["attribution"] is None:
            assert q["speaker"] is None
        else:
            assert i in atts[q["attribution"]]["quotes"] and q["speaker"] == atts[q["attribution"]]["source"]
