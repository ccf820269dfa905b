"""The registry of rules: gathered from the families, each rule emitted where it is declared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import reformkit
from reformkit.errors import UsageError
from reformkit.rules import (
    FAMILIES,
    case,
    duplicates,
    library,
    loading,
    mechanical,
    metrics,
    structure,
    suppression,
    thesaurus,
)
from reformkit.rules.base import Rule
from reformkit.rules.registry import RULES, enabled_codes
from reformkit.validate import check_codes

PACKAGE = Path(reformkit.__file__).parent


def test_every_rule_is_declared_once_and_sorted_by_code():
    declared = [rule.code for family in (*FAMILIES, thesaurus) for rule in family.RULES]
    assert len(declared) == len(set(declared)) == len(RULES) == 60
    assert list(RULES) == sorted(RULES)
    assert RULES["RK210"] == Rule("RK210", "no-tags", "warning", "the case has no tags")


@pytest.mark.parametrize(
    ("family", "emitters"),
    [
        (loading, ["library/loader/reading.py", "library/loader/events.py", "library/loader/scalars.py", "library/documents.py", "validate.py"]),
        (structure, ["rules/structure.py"]),
        (case, ["rules/case.py"]),
        (metrics, ["rules/metrics.py"]),
        (library, ["rules/library.py"]),
        (duplicates, ["rules/duplicates.py"]),
        (mechanical, ["rules/mechanical.py"]),
        (suppression, ["rules/suppression.py"]),
        (thesaurus, ["rules/thesaurus.py"]),
    ],
    ids=lambda v: getattr(v, "__name__", "")[len("reformkit.rules.") :],
)
def test_every_declared_rule_is_emitted_by_its_family(family, emitters):
    source = "\n".join((PACKAGE / e).read_text("utf-8") for e in emitters)
    names = [name for name, value in vars(family).items() if isinstance(value, Rule)]
    assert sorted(getattr(family, n).code for n in names) == sorted(r.code for r in family.RULES)
    # Family modules: the declaration, the RULES tuple and at least one use; the loader's
    # rules: an import and at least one use in the module that emits them.
    least = 2 if family is loading else 3
    for name in names:
        assert len(re.findall(rf"\b{name}\b", source)) >= least, f"{name} is declared but never emitted"


def test_no_module_names_a_rule_code_as_a_string():
    quoted = re.compile(r'"RK\d{3}"')
    offenders = [
        p.name
        for p in PACKAGE.rglob("*.py")
        if quoted.search(p.read_text("utf-8")) and "Rule(" not in p.read_text("utf-8")
    ]
    assert offenders == []


def test_enabled_codes():
    assert enabled_codes() is None
    assert enabled_codes(["RK201"]) == {"RK201"}
    assert enabled_codes(["RK201", "RK202"], ["RK202"]) == {"RK201"}
    assert enabled_codes((), ["RK202"]) == set(RULES) - {"RK202"}


def test_unknown_code_points_at_list_rules():
    assert check_codes(["RK201"], "--select") == ("RK201",)
    with pytest.raises(
        UsageError,
        match=r"--select 'RK999': no such rule code, prefix or name \(did you mean 'RK509'\?\); the codes are listed by `reformkit validate --list-rules` and in the README",
    ):
        check_codes(["RK999"], "--select")
