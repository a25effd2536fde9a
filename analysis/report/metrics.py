"""The report's flat metrics, declared once: name, group and meaning of each.

``Report.metrics`` holds exactly these names (the tests check it); corpus mode's
``metrics.csv`` columns (:func:`analysis.corpus.run.metric_columns`: every metric that does not
need the parse, see :func:`corpus_columns`) and the metrics table of ``docs/report.md``
(:func:`markdown_table`) are both made from this list. Rates are per 1,000
body words (body paragraphs and the standfirst) and 0 where there are no body words; shares are
0-1.

The portrayal metrics (:func:`portrayal_metrics`) count **harm events**: one per harm predicate
(a verb or nominalisation of kind harm in ``lexicons/connotation.tsv``) that the portrayal
section has events for. The events of ``portrayal.actors[].events`` with effect ``harm_done``
or ``harm_suffered`` are grouped by voice, sentence and verb lemma, and within that into runs
of overlapping evidence spans (each span runs from the predicate to its argument, so the
events of one predicate overlap; "police killed protesters and soldiers killed reporters"
gives two). A harm event's **agents** are the actors of its ``harm_done`` events (subject,
by-agent, possessor: "Israel's crackdown"). It has a **named agent** when one of them is a
named actor of the report's ``actors`` section (a person, country, organisation or named
group; "the Mexican government" is Mexico), not a group named by a common noun
("police", "the government"); it is **agentless** when it has none: a passive without a
by-agent ("reporters were jailed"), a nominalisation without a possessor ("the killing of
journalists"), or a doer that is no participant ("the spyware spied on them"). Enabling
("helped the police crush ...", effect ``enables_harm``) is not a harm event of its own: the
enabler is not the doer. Without the parse (``actors=False``, corpus mode without
``--reports``) there are no portrayal events, and all four metrics are 0: they are declared
``needs_parse`` and left out of corpus mode's columns, so that a corpus row is the same with
or without ``--reports`` and ``compare`` places an article only on metrics its reference corpus
has (``compare``'s own metrics table, read from each article's report, keeps them).
"""
from __future__ import annotations

from dataclasses import dataclass

from analysis.measures.framing.profile import DEVICE_KINDS
from analysis.measures.sources.voices import VOICES

__all__ = ["DEVICE_KINDS", "METRICS", "VOICES", "Metric", "corpus_columns", "frame_share_names", "harm_events",
           "markdown_table", "metric_names", "portrayal_metrics"]

_HARM = ("harm_done", "harm_suffered")


@dataclass(frozen=True)
class Metric:
    name: str
    group: str
    meaning: str
    needs_parse: bool = False  # read from the parse-based sections: not a corpus column




def _devices() -> tuple[Metric, ...]:
    out = []
    for kind in DEVICE_KINDS:
        words = kind.replace("_", " ")
        out.append(Metric(f"{kind}_per_1k", "devices", f"{words} devices per 1,000 body words"))
        out += [Metric(f"{kind}_per_1k_{voice}", "devices", f"{words} devices in the {voice} voice per 1,000 body words")
                for voice in VOICES]
    return tuple(out)


METRICS: tuple[Metric, ...] = (
    Metric("body_words", "structure", "words of the body paragraphs and the standfirst"),
    Metric("sentences", "structure", "sentences of the article"),
    Metric("body_sentences", "structure", "sentences of the body and the standfirst"),
    Metric("paragraphs", "structure", "paragraphs of the article"),
    Metric("body_paragraphs", "structure", "body and standfirst paragraphs"),
    Metric("quotes_direct", "quotes", "direct quotes"),
    Metric("quotes_partial", "quotes", "partial quotes"),
    Metric("quotes_scare", "quotes", "scare quotes"),
    Metric("quotes_title", "quotes", "titles and names in quotation marks"),
    Metric("quotes_other", "quotes", "other quoted spans"),
    Metric("quotes_unbalanced", "quotes", "quotation marks left without a partner"),
    Metric("scare_quotes_per_1k", "quotes", "scare quotes in body and standfirst sentences per 1,000 body words"),
    Metric("quoted_word_share", "quotes", "share of body words inside the outermost quotation marks of body and standfirst sentences (0-1)"),
    Metric("attributions", "attribution", "attributions"),
    Metric("anonymous_attributions", "attribution", "attributions to an anonymous source"),
    Metric("agentless_attributions", "attribution", "attributions with no source (agentless passives, impersonal hedges)"),
    Metric("named_sources", "attribution", "distinct named sources"),
    Metric("loaded_cue_share", "attribution", "truth, careful, doubt and culpability cues among all cues (0-1)"),
    Metric("unsourced_claims", "attribution", "checkable claims in the writer's voice with no source"),
    Metric("writer_voice_share", "attribution", "share of body words in the writer's own voice (0-1)"),
    Metric("tone_mean", "tone", "mean VADER compound of the body and standfirst sentences"),
    Metric("tone_negative_share", "tone", "share of body and standfirst sentences with compound <= -0.05"),
    Metric("tone_positive_share", "tone", "share of body and standfirst sentences with compound >= 0.05"),
    Metric("tone_mean_writer", "tone", "mean compound of the body sentences in the writer's voice"),
    Metric("tone_sentences_writer", "tone", "body sentences in the writer's voice"),
    Metric("tone_mean_quoted", "tone", "mean compound of the quoted body sentences"),
    Metric("tone_sentences_quoted", "tone", "quoted body sentences"),
    Metric("tone_mean_attributed", "tone", "mean compound of the attributed body sentences"),
    Metric("tone_sentences_attributed", "tone", "attributed body sentences"),
    Metric("tonevec_tone", "tone", "tone vector (VADER's lexicon in the manner of GDELT, not on its scale): positive minus negative words, percent of body words"),
    Metric("tonevec_positive", "tone", "tone vector: positive words, percent of body words"),
    Metric("tonevec_negative", "tone", "tone vector: negative words, percent of body words"),
    Metric("tonevec_polarity", "tone", "tone vector: positive plus negative, percent of body words"),
    Metric("tonevec_words", "tone", "tone vector: body words counted"),
    Metric("news_tone_mean", "tone", "mean news tone (NYT raters' scale, about -4..+4) of the body and standfirst sentences"),
    Metric("news_tone_negative_share", "tone", "share of body and standfirst sentences with news tone below -0.5"),
    *_devices(),
    Metric("harm_events", "portrayal", "harm events: harm predicates with a portrayed participant, in any voice (rule above the table)",
           True),
    Metric("harm_events_writer", "portrayal", "harm events in the writer's voice", True),
    Metric("harm_named_agent_share_writer", "portrayal",
           "share of the writer-voice harm events whose doer is a named actor of `actors` (0-1; 0 with no such events)", True),
    Metric("harm_agentless_share", "portrayal",
           "share of the harm events, any voice, with no doer read: passives without by-agent, nominalisations without possessor (0-1; 0 with none)",
           True),
)


def harm_events(portrayal: dict) -> list[dict]:
    """The harm events of a report's ``portrayal`` section (the rule of the module docstring):
    ``{voice, sentence, verb, start, end, agents, patients}`` in text order, ``agents`` and
    ``patients`` the sorted actor names of its ``harm_done`` and ``harm_suffered`` events."""
    groups: dict[tuple, list[tuple]] = {}
    for a in (portrayal or {}).get("actors") or []:
        for e in a.get("events") or []:
            if e.get("effect") in _HARM:
                key = (e.get("voice") or "writer", e.get("sentence"), e.get("verb"))
                groups.setdefault(key, []).append((e["start"], e["end"], e["effect"], a.get("actor")))
    out = []
    for (voice, sentence, verb), events in groups.items():
        runs: list[list] = []  # overlapping spans, in start order: [start, end, agents, patients]
        for start, end, effect, actor in sorted(events, key=lambda x: (x[0], x[1], x[2], str(x[3]))):
            if not runs or start >= runs[-1][1]:
                runs.append([start, end, set(), set()])
            run = runs[-1]
            run[1] = max(run[1], end)
            run[2 if effect == "harm_done" else 3].add(actor)
        out += [{"voice": voice, "sentence": sentence, "verb": verb, "start": s, "end": e,
                 "agents": sorted(ag), "patients": sorted(pa)} for s, e, ag, pa in runs]
    return sorted(out, key=lambda h: (h["start"], h["end"], h["verb"], h["voice"]))


def portrayal_metrics(portrayal: dict, actors: list[dict]) -> dict[str, float]:
    """``harm_events``, ``harm_events_writer``, ``harm_named_agent_share_writer`` and
    ``harm_agentless_share`` from a report's ``portrayal`` and ``actors`` sections."""
    named = {a.get("actor") for a in actors or []}
    harms = harm_events(portrayal)
    writer = [h for h in harms if h["voice"] == "writer"]

    def ratio(k: int, n: int) -> float:
        return round(k / n, 4) if n else 0.0

    return {
        "harm_events": len(harms),
        "harm_events_writer": len(writer),
        "harm_named_agent_share_writer": ratio(sum(any(x in named for x in h["agents"]) for h in writer), len(writer)),
        "harm_agentless_share": ratio(sum(not h["agents"] for h in harms), len(harms)),
    }


def metric_names() -> tuple[str, ...]:
    """Every metric name, in the order of the report."""
    return tuple(m.name for m in METRICS)


def frame_share_names() -> tuple[str, ...]:
    """``frame_<Frame>_share`` for every Policy Frames Codebook frame: corpus mode's columns of
    ``framing.frames[].share`` (0 when the frame is absent)."""
    from analysis.measures.framing.frames import FRAMES

    return tuple(f"frame_{f}_share" for f in FRAMES)


def corpus_columns() -> tuple[str, ...]:
    """The metric columns of corpus mode's ``metrics.csv``: every metric that does not need the
    parse (corpus mode parses only with ``--reports``) and every frame share, sorted."""
    return tuple(sorted({*(m.name for m in METRICS if not m.needs_parse), *frame_share_names()}))


def markdown_table() -> str:
    """The metrics table of ``docs/report.md``."""
    lines = ["| name | group | meaning |", "|---|---|---|"]
    lines += [f"| `{m.name}` | {m.group}{' (report only)' if m.needs_parse else ''} | {m.meaning} |" for m in METRICS]
    lines.append("| `frame_<Frame>_share` | corpus mode only | `framing.frames[].share` of each of the 14 frames, "
                 "0 when absent (columns of `metrics.csv`, not in the report) |")
    return "\n".join(lines) + "\n"
