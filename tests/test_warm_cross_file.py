"""A warm validate still runs the cross-file rules: a change to one file shows up as a problem
of another file that was not read again, and goes away again the same way."""

from __future__ import annotations

import json
import os

from .conftest import HOUR_AGO, minimal_case


def write(library, name: str, text: str) -> None:
    """Write a case file with an mtime outside the cache's trust window."""
    path = library.write(name, text)
    os.utime(path, (HOUR_AGO, HOUR_AGO))


def validate(invoke, reads, *paths: str) -> tuple[int, list[tuple[str, int, int, str, str]], list[str]]:
    """Exit code, (path, line, column, code, message) of each problem, and the files read."""
    reads.clear()
    result = invoke("validate", "--format", "json", *paths)
    found = json.loads(result.stdout)["problems"]
    problems = [(p["path"], p["line"], p["column"], p["code"], p["message"]) for p in found]
    return result.exit_code, problems, sorted(reads)


def duplicate(path: str, case_id: str, other: str) -> tuple[str, int, int, str, str]:
    return (path, 1, 5, "RK202", f"id '{case_id}' is also used by {other}; every case needs its own id")


def missing(path: str, other: str, line: int) -> tuple[str, int, int, str, str]:
    message = f"related id '{other}' names no case in the library; fix the id or remove it"
    return (path, line, 11, "RK206", message)


def test_cache_is_on_and_in_the_test_folder(library, invoke, reads, isolated):
    write(library, "a.yaml", minimal_case("a"))
    assert validate(invoke, reads) == (0, [], ["a.yaml"])
    assert any((isolated / ".cache").rglob("*")), "REFORMKIT_CACHE_DIR holds the cache"
    assert validate(invoke, reads) == (0, [], [])


def test_a_changed_file_taking_an_id_is_a_duplicate_in_the_unchanged_file_too(library, invoke, reads):
    write(library, "a.yaml", minimal_case("a"))
    write(library, "b.yaml", minimal_case("b"))
    assert validate(invoke, reads) == (0, [], ["a.yaml", "b.yaml"])

    write(library, "b.yaml", minimal_case("a") + "summary: 改\n")  # b now claims a's id
    code, problems, read = validate(invoke, reads)
    assert (code, read) == (1, ["b.yaml"])  # a.yaml came from the cache
    assert duplicate("cases/a.yaml", "a", "cases/b.yaml") in problems
    assert duplicate("cases/b.yaml", "a", "cases/a.yaml") in problems
    assert [p[:4] for p in problems] == [
        ("cases/a.yaml", 1, 5, "RK202"),
        ("cases/b.yaml", 1, 5, "RK201"),
        ("cases/b.yaml", 1, 5, "RK202"),
    ]

    # Only the unchanged file named: still compared with the whole library, still warm.
    code, problems, read = validate(invoke, reads, "cases/a.yaml")
    assert (code, problems, read) == (1, [duplicate("cases/a.yaml", "a", "cases/b.yaml")], [])

    write(library, "b.yaml", minimal_case("b"))  # given back its own id: a is clean again
    assert validate(invoke, reads) == (0, [], ["b.yaml"])


def test_an_added_file_with_a_taken_id_is_reported_in_the_unchanged_file(library, invoke, reads):
    write(library, "a.yaml", minimal_case("a"))
    assert validate(invoke, reads)[0] == 0

    write(library, "c.yaml", minimal_case("a"))
    code, problems, read = validate(invoke, reads)
    assert (code, read) == (1, ["c.yaml"])
    assert duplicate("cases/a.yaml", "a", "cases/c.yaml") in problems

    (library.cases / "c.yaml").unlink()
    assert validate(invoke, reads) == (0, [], [])  # nothing to read, nothing held twice


def test_a_deleted_file_breaks_a_related_link_in_the_unchanged_file(library, invoke, reads):
    write(library, "a.yaml", minimal_case("a", related="[b]"))
    write(library, "b.yaml", minimal_case("b"))
    assert validate(invoke, reads) == (0, [], ["a.yaml", "b.yaml"])

    (library.cases / "b.yaml").unlink()
    assert validate(invoke, reads) == (1, [missing("cases/a.yaml", "b", 9)], [])
    assert validate(invoke, reads, "cases/a.yaml") == (1, [missing("cases/a.yaml", "b", 9)], [])

    write(library, "b.yaml", minimal_case("b"))  # back again: the link holds
    assert validate(invoke, reads) == (0, [], ["b.yaml"])


def test_a_changed_id_breaks_a_related_link_in_the_unchanged_file(library, invoke, reads):
    write(library, "a.yaml", minimal_case("a", related="[b]"))
    write(library, "b.yaml", minimal_case("b"))
    assert validate(invoke, reads)[0] == 0

    write(library, "b.yaml", minimal_case("bb"))
    code, problems, read = validate(invoke, reads)
    assert (code, read) == (1, ["b.yaml"])
    assert [p[:4] for p in problems] == [("cases/a.yaml", 9, 11, "RK206"), ("cases/b.yaml", 1, 5, "RK201")]
    assert problems[0] == missing("cases/a.yaml", "b", 9)


def test_an_added_file_mends_a_related_link_in_the_unchanged_file(library, invoke, reads):
    write(library, "a.yaml", minimal_case("a", related="[c]"))
    assert validate(invoke, reads) == (1, [missing("cases/a.yaml", "c", 9)], ["a.yaml"])
    assert validate(invoke, reads) == (1, [missing("cases/a.yaml", "c", 9)], [])  # warm, same

    write(library, "c.yaml", minimal_case("c"))
    assert validate(invoke, reads) == (0, [], ["c.yaml"])
