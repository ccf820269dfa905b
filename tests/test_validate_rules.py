"""Data-driven: every file under tests/data/cases declares the problems it must produce.

The first line of each file is ``# expect: CODE@line:col …`` (or ``nothing``); validate must
report exactly those problems, at exactly those places.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reformkit.rules.registry import RULES

CASES = sorted((Path(__file__).parent / "data" / "cases").glob("*.yaml"))


def expected(path: Path) -> list[tuple[str, int, int]]:
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect:'"
    spec = first.removeprefix("# expect: ").split()
    if spec == ["nothing"]:
        return []
    found = []
    for item in spec:
        code, where = item.split("@")
        line, column = where.split(":")
        found.append((code, int(line), int(column)))
    return sorted(found)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_file_reports_exactly_its_problems(path, library, invoke):
    library.copy(path.name)
    library.copy("valid-minimal.yaml")  # the target of valid-full's related link
    result = invoke("validate", "--format", "json", f"cases/{path.name}")
    report = json.loads(result.stdout)
    got = sorted((p["code"], p["line"], p["column"]) for p in report["problems"])
    assert got == expected(path), json.dumps(report["problems"], ensure_ascii=False, indent=1)
    has_errors = any(RULES[code].severity == "error" for code, _, _ in got)
    assert result.exit_code == (1 if has_errors else 0)
    assert "Traceback" not in result.stderr


def test_every_rule_code_has_a_failing_example():
    covered = {code for path in CASES for code, _, _ in expected(path)}
    # Codes exercised elsewhere: byte-level (RK002-RK004, RK012, RK013, RK014), cross-file (RK202)
    # the library's layout (RK017, tests/test_strict_input.py), its thesaurus (RK601-RK603,
    # tests/test_thesaurus.py), and a case against its source document, which needs a sources/
    # folder (RK501-RK509, tests/test_rules_sources.py); near-duplicates, which need two cases
    # of real length (RK212, tests/test_near_duplicates.py).
    elsewhere = {"RK002", "RK003", "RK004", "RK012", "RK013", "RK014", "RK017", "RK202", "RK212", "RK601", "RK602", "RK603"}
    elsewhere |= {f"RK50{n}" for n in range(1, 10)}
    assert set(RULES) - covered - elsewhere == set()
