"""The cross-file family on its own: duplicate ids and related ids, from (path, identity) pairs."""

from __future__ import annotations

import pytest

from reformkit.case.model import Identity
from reformkit.rules import check_library, library
from reformkit.rules.base import LibraryContext

from .rule_fixtures import found

A = ("cases/a.yaml", Identity("a", (1, 5), (("b", 9, 5),)))
B = ("cases/b.yaml", Identity("b", (1, 5)))
B_AGAIN = ("cases/b2.yaml", Identity("b", (2, 5)))


def check(files, reported=None, enabled=None):
    ctx = LibraryContext(files, files if reported is None else reported, enabled=enabled)
    return found(library.check(ctx))


def test_distinct_ids_and_existing_related_have_no_problem():
    assert check([A, B]) == []


def test_rk202_duplicate_id_in_every_holder():
    assert check([A, B, B_AGAIN]) == [
        ("RK202", 1, 5, "id", "id 'b' is also used by cases/b2.yaml; every case needs its own id"),
        ("RK202", 2, 5, "id", "id 'b' is also used by cases/b.yaml; every case needs its own id"),
    ]


def test_rk202_only_reported_files_are_reported():
    assert check([A, B, B_AGAIN], reported=[B_AGAIN]) == [
        ("RK202", 2, 5, "id", "id 'b' is also used by cases/b.yaml; every case needs its own id")
    ]


def test_rk206_related_names_no_case():
    assert check([A]) == [
        ("RK206", 9, 5, "related[0]", "related id 'b' names no case in the library; fix the id or remove it")
    ]


def test_rk206_related_names_itself():
    itself = ("cases/a.yaml", Identity("a", (1, 5), (("b", 9, 5), ("a", 10, 5))))
    assert check([itself, B]) == [
        ("RK206", 10, 5, "related[1]", "related lists the case itself ('a'); remove it")
    ]


def test_a_file_without_id_is_no_duplicate():
    assert check([("cases/x.yaml", Identity()), ("cases/y.yaml", Identity())]) == []


def test_disabled_rules_are_not_run(monkeypatch):
    def boom(*args):
        raise AssertionError("a disabled rule ran")

    monkeypatch.setattr(library, "_related_exist", boom)
    assert check([A, B, B_AGAIN], enabled=frozenset({"RK202"}))[0][0] == "RK202"
    with pytest.raises(AssertionError, match="a disabled rule ran"):
        check([A, B])


def test_family_with_no_enabled_rule_is_not_called(monkeypatch):
    def boom(ctx):
        raise AssertionError("a disabled family ran")

    monkeypatch.setattr(library, "check", boom)
    assert check_library(LibraryContext([A], [A], enabled=frozenset({"RK201"}))) == []
