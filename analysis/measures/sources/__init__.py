"""Who speaks: named actors, the source of each attribution, and whose voice each word is in."""
