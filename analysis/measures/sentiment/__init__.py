"""Tone by sentence, paragraph and voice (:mod:`.tone`), and sentiment toward actors (:mod:`.targets`)."""
