"""Every validation rule: the registry's public face.

Each family under ``reformkit.rules`` declares its rules (code, name, fixed severity, summary)
next to the code that checks them; ``RULES`` gathers them by code. The README's rules table is
written from it and a test keeps the two equal. ``enabled_codes`` resolves a selection
(``--select/--ignore``, ``[rules]``) into the codes whose rules run, before any check runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from reformkit.rules import FAMILIES
from reformkit.rules.base import Rule, problem

__all__ = ["RULES", "Rule", "enabled_codes", "problem"]

RULES: dict[str, Rule] = {
    rule.code: rule for rule in sorted((r for f in FAMILIES for r in f.RULES), key=lambda r: r.code)
}


def enabled_codes(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> frozenset[str] | None:
    """The codes whose rules run: ``select`` (else every code) less ``ignore``.

    None when nothing is selected or ignored: every rule runs.
    """
    chosen, left_out = frozenset(select), frozenset(ignore)
    if not chosen and not left_out:
        return None
    return (chosen or frozenset(RULES)) - left_out
