"""Validation rules: one module per family, each declaring its rules next to their checks.

- ``loading``: the file as bytes and YAML (applied by the loader while it reads);
- ``structure``: the JSON Schema (``reformkit/schema/case.schema.json``);
- ``case``: one case's meaning (id, program, tags, dates, source);
- ``metrics``: each metric's figures, units, ranges and arithmetic;
- ``mechanical``: what an editor or input method leaves behind (line ends, punctuation widths);
- ``sources``: a case against its passage in ``sources/`` (figures and text, both ways);
- ``library``: rules across files (duplicate ids, related ids);
- ``duplicates``: two cases whose texts overlap so much that one is likely filed twice;
- ``suppression``: ``# reformkit: ignore[...]`` comments, applied after every other rule.

Every family has ``RULES`` and ``check(ctx)`` (see ``reformkit.rules.base``); none prints.
``reformkit.rules.registry`` gathers the rules into the registry.
"""

from __future__ import annotations

from collections.abc import Iterable

from reformkit.case.model import Problem
from reformkit.rules import (
    case,
    duplicates,
    library,
    loading,
    mechanical,
    metrics,
    sources,
    structure,
    suppression,
)
from reformkit.rules.base import Family, FileContext, LibraryContext


class _SourcesFamily:
    """The ``sources`` family: its rules as ``rules.sources`` declares them, its checks
    (``rules.passage_checks``) imported when a file is first checked."""

    RULES = sources.RULES

    @staticmethod
    def check(ctx: FileContext) -> Iterable[Problem]:
        from reformkit.rules import passage_checks

        return passage_checks.check(ctx)


SOURCES = _SourcesFamily()
#: Run on a file that loaded as one mapping, in this order, after ``loading``.
DOCUMENT_FAMILIES: tuple[Family[FileContext], ...] = (structure, case, metrics, SOURCES)
#: Every family, for the registry.
FAMILIES: tuple[Family[FileContext] | Family[LibraryContext], ...] = (
    loading,
    structure,
    case,
    library,
    duplicates,
    metrics,
    SOURCES,
    mechanical,
    suppression,
)


def check_file(ctx: FileContext) -> list[Problem]:
    """Every enabled single-file problem of a loaded file: the loader's, then each family's.

    A family none of whose rules is enabled is not run.
    """
    found = list(loading.check(ctx))
    if ctx.loaded.data is not None:
        for family in DOCUMENT_FAMILIES:
            if ctx.any_on(family.RULES):
                found.extend(family.check(ctx))
    if ctx.any_on(mechanical.RULES):
        found.extend(mechanical.check(ctx))
    return found


def check_library(ctx: LibraryContext) -> list[Problem]:
    """Every enabled cross-file problem of the reported files."""
    found = list(library.check(ctx)) if ctx.any_on(library.RULES) else []
    if ctx.near_duplicate is not None and ctx.any_on(duplicates.RULES):
        found.extend(duplicates.check(ctx))
    return found
