"""Reading: a file to an :class:`~analysis.read.article.Article` (formats, structure, sentences, words)."""
