"""The search index: the typed per-file record, and the whole library's stored index."""
