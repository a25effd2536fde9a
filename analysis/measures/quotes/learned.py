"""The learned part of a quote's kind: how likely it is speech, and direct rather than partial.

Two logistic regressions over :mod:`analysis.measures.quotes.features`, trained on PolNeAR
train by :mod:`analysis.validation.train_quote_kinds` and shipped as plain JSON weights in
``models/quote_kinds.json``: one with the parse features (used when the article was parsed) and
one over the text features alone (corpus runs without the parse). A rule that was right on at
least 95 % of at least 100 training quotes keeps its decision ("firm" rules), with its share
as the probability. Scoring is a dot product and a logistic function: no scikit-learn at run
time.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from analysis.lexicon import load_model


@dataclass(frozen=True)
class KindModel:
    """One trained variant: the speech threshold and the two weight tables."""

    name: str
    threshold: float
    speech: dict
    direct: dict
    firm: dict  # rule (its reason without quoted words) -> its share of speech in training

    def probabilities(self, features: dict[str, float], rule: str) -> tuple[float, float]:
        """(P(speech), P(direct | speech)) of one quote's features; a firm rule's share of
        speech is its P(speech)."""
        p_speech = self.firm.get(rule) or logistic(self.speech, features)
        return p_speech, logistic(self.direct, features)


def logistic(table: dict, features: dict[str, float]) -> float:
    """P(1) of one weight table (``intercept``, ``weights``) for these features."""
    weights = table["weights"]
    z = table["intercept"] + sum(weights.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


@lru_cache(maxsize=2)
def kind_model(parsed: bool) -> KindModel:
    """The shipped variant for an article with (``parsed``) or without a parse."""
    name = "parse" if parsed else "text"
    variant = load_model("quote_kinds")["variants"][name]
    return KindModel(name, variant["threshold"], variant["speech"], variant["direct"], variant.get("firm_rules", {}))
