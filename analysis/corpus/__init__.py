"""Many articles: listing and analysing a corpus, the reference corpus, comparison and its statistics."""
