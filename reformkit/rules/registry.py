"""Every validation rule: the registry's public face.

Each family under ``reformkit.rules`` declares its rules (code, name, fixed severity, summary)
next to the code that checks them; ``RULES`` gathers them by code. The README's rules table is
written from it and a test keeps the two equal. ``enabled_codes`` resolves a selection
(``--select/--ignore``, ``[rules]``) into the codes whose rules run, before any check runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reformkit.errors import UsageError
from reformkit.rules import FAMILIES, thesaurus
from reformkit.rules.base import Rule, problem

__all__ = ["NAMES", "RULES", "Rule", "enabled_codes", "problem", "resolve"]

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in sorted((*(r for f in FAMILIES for r in f.RULES), *thesaurus.RULES), key=lambda r: r.code)
}
#: Rule name -> code (``duplicate-key`` -> ``RK008``).
NAMES: dict[str, str] = {rule.name: code for code, rule in RULES.items()}

_PREFIX = re.compile(r"(?i)rk\d{0,3}")


def resolve(token: str) -> tuple[str, ...]:
    """The codes a selection token names: a code (``RK210``), a prefix (``RK2``, ``RK``) or a
    rule name (``no-tags``). Empty when it names none."""
    token = token.strip()
    if _PREFIX.fullmatch(token):
        prefix = token.upper()
        return tuple(code for code in RULES if code.startswith(prefix))
    code = NAMES.get(token.lower())
    return (code,) if code else ()


def resolve_all(tokens: Iterable[str], option: str) -> tuple[str, ...]:
    """Every code the tokens name, in registry order; a token naming none is a usage error
    (with the closest code or name)."""
    from reformkit.text.suggest import did_you_mean

    chosen: set[str] = set()
    for token in tokens:
        codes = resolve(token)
        if not codes:
            hint = did_you_mean(token.upper() if _PREFIX.match(token) else token.lower(), [*RULES, *NAMES])
            raise UsageError(
                f"{option} {token!r}: no such rule code, prefix or name{hint}; the codes are listed "
                "by `reformkit validate --list-rules` and in the README"
            )
        chosen.update(codes)
    return tuple(code for code in RULES if code in chosen)


def enabled_codes(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> frozenset[str] | None:
    """The codes whose rules run: ``select`` (else every code) less ``ignore``; each may be a
    code, a prefix (``RK3``) or a rule name (``duplicate-key``).

    None when nothing is selected or ignored: every rule runs.
    """
    chosen = frozenset(c for token in select for c in resolve(token))
    left_out = frozenset(c for token in ignore for c in resolve(token))
    if not chosen and not left_out:
        return None
    return (chosen or frozenset(RULES)) - left_out
