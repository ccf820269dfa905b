"""YAML source as text: spans of scalars, rewriting values, comments, IME mistakes."""
