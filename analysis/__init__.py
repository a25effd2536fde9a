"""How a news article frames its story: quoted terms, source attribution, sentiment and framing."""
__version__ = "0.1.0"
