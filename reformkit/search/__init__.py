"""Search: the query grammar and its filters, ranking, selection, snippets."""
