"""What every rule family shares: the ``Rule`` record, the one ``problem()`` helper, and the
contexts a family's ``check(ctx)`` receives.

A family is a module under ``reformkit.rules`` that has

- ``RULES``: the rules it declares, each a module constant next to the code that checks it;
- ``check(ctx)``: the problems of its enabled rules, in a fixed order.

Single-file families (``loading``, ``structure``, ``case``, ``metrics``) receive a
``FileContext``; the cross-file family (``library``) a ``LibraryContext``. Both say which codes
are enabled, resolved from ``--select/--ignore`` and ``[rules]`` before any check runs; a check
whose rules are all disabled is not called.

Nothing here imports ``reformkit.config``: the config refuses unknown rule codes by asking the
registry (``reformkit.rules.registry``), which imports the families, so the families see the config
through ``RuleConfig``, the few settings they read, rather than importing it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar

from reformkit.case.model import Identity, LoadedFile, NodePath, Problem, dotted


@dataclass(frozen=True)
class Rule:
    """One rule: its code, name and fixed severity, and what it checks in a line."""

    code: str
    name: str
    severity: str
    summary: str


def problem(path: str, line: int, column: int, rule: Rule, message: str, field: str = "") -> Problem:
    """A Problem of ``rule``, with the severity the rule fixes."""
    return Problem(path, line, column, rule.code, rule.severity, message, field)


class Tolerance(Protocol):
    @property
    def tolerance(self) -> float: ...


class RuleConfig(Protocol):
    """What rules read from the config (``reformkit.config.Config`` is one)."""

    @property
    def programs(self) -> Collection[str]: ...

    @property
    def tags(self) -> Collection[str]: ...

    @property
    def units(self) -> Collection[str]: ...

    @property
    def rules(self) -> Tolerance: ...


@dataclass(frozen=True)
class Context:
    """Which codes are enabled: None means every rule runs."""

    enabled: frozenset[str] | None = field(default=None, kw_only=True)

    def on(self, rule: Rule) -> bool:
        return self.enabled is None or rule.code in self.enabled

    def any_on(self, rules: Iterable[Rule]) -> bool:
        return self.enabled is None or any(rule.code in self.enabled for rule in rules)


@dataclass(frozen=True)
class FileContext(Context):
    """One loaded file, checked on ``today`` against the config."""

    loaded: LoadedFile
    config: RuleConfig
    today: date

    @property
    def data(self) -> dict[str, Any]:
        """The document; the families after ``loading`` run only on a file that loaded."""
        data = self.loaded.data
        if data is None:
            raise ValueError(f"{self.loaded.path} has no document to check")
        return data

    def at(self, node_path: NodePath, rule: Rule, message: str, *, key: bool = False) -> Problem:
        """A problem of ``rule`` at a node of the document (at its key when ``key``)."""
        line, column = self.loaded.locate(node_path, key=key)
        return problem(self.loaded.path, line, column, rule, message, dotted(node_path))


@dataclass(frozen=True)
class LibraryContext(Context):
    """The (path, identity) pairs of the whole library, and those whose problems are reported."""

    files: Sequence[tuple[str, Identity]]
    reported: Sequence[tuple[str, Identity]]
    #: RK212's threshold, percent (None: not checked; read commands skip files for errors only).
    near_duplicate: float | None = None
    #: How RK212 finds the pairs of sketches that overlap by a share or more: a finder that
    #: remembers its last answer (``validate``), or None for ``sketch.similar_pairs`` itself.
    similar: Callable[[Sequence[bytes], float], list[tuple[int, int, float]]] | None = None


C_contra = TypeVar("C_contra", contravariant=True)


class Family(Protocol[C_contra]):
    """A rule family module: its rules, and the check that applies them to a context."""

    RULES: tuple[Rule, ...]

    def check(self, ctx: C_contra) -> Iterable[Problem]: ...
