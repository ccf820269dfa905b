"""Validation rules. Each module checks one family and yields problems; none prints.

Structure is checked against the JSON Schema (``schema``); meaning by ``case`` and
``metrics``; rules across files by ``library``. Codes and severities live in
``reformkit.codes``.
"""
