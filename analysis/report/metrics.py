"""The report's flat metrics, declared once: name, group and meaning of each.

``Report.metrics`` holds exactly these names (the tests check it); corpus mode's
``metrics.csv`` columns (:func:`analysis.corpus.run.metric_columns`) and the metrics table of
``docs/report.md`` (:func:`markdown_table`) are both made from this list. Rates are per 1,000
body words (body paragraphs and the standfirst) and 0 where there are no body words; shares are
0-1.
"""
from __future__ import annotations

from dataclasses import dataclass

from analysis.measures.framing.profile import DEVICE_KINDS
from analysis.measures.sources.voices import VOICES

__all__ = ["DEVICE_KINDS", "METRICS", "VOICES", "Metric", "corpus_columns", "frame_share_names", "markdown_table", "metric_names"]


@dataclass(frozen=True)
class Metric:
    name: str
    group: str
    meaning: str




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
)


def metric_names() -> tuple[str, ...]:
    """Every metric name, in the order of the report."""
    return tuple(m.name for m in METRICS)


def frame_share_names() -> tuple[str, ...]:
    """``frame_<Frame>_share`` for every Policy Frames Codebook frame: corpus mode's columns of
    ``framing.frames[].share`` (0 when the frame is absent)."""
    from analysis.measures.framing.frames import FRAMES

    return tuple(f"frame_{f}_share" for f in FRAMES)


def corpus_columns() -> tuple[str, ...]:
    """The metric columns of corpus mode's ``metrics.csv``: every metric and frame share, sorted."""
    return tuple(sorted({*metric_names(), *frame_share_names()}))


def markdown_table() -> str:
    """The metrics table of ``docs/report.md``."""
    lines = ["| name | group | meaning |", "|---|---|---|"]
    lines += [f"| `{m.name}` | {m.group} | {m.meaning} |" for m in METRICS]
    lines.append("| `frame_<Frame>_share` | corpus mode only | `framing.frames[].share` of each of the 14 frames, "
                 "0 when absent (columns of `metrics.csv`, not in the report) |")
    return "\n".join(lines) + "\n"
