"""The measures, each reading the article and the results of the stages before it: quotes, then sources, then sentiment and framing. Reporting cues (:mod:`.cues`) serve quotes and sources alike."""
