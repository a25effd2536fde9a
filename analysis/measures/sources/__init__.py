"""Who speaks: reporting cues, named actors, attribution, and whose voice each word is in."""
