"""init, new, schema, help and version; start-up stays lean."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib

import pytest

from reformkit.cli import COMMANDS

from .conftest import REPO


def test_version(invoke):
    from reformkit._version import __version__

    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"reformkit {__version__}\n"


@pytest.mark.parametrize("name", [None, *sorted(COMMANDS)])
def test_every_command_has_help_with_an_example(invoke, name):
    args = [name, "--help"] if name else ["--help"]
    result = invoke(*args)
    assert result.exit_code == 0
    assert "Example" in result.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_readme(name):
    readme = (REPO / "README.md").read_text("utf-8")
    assert f"reformkit {name}" in readme


def test_unknown_command_is_usage_error(invoke):
    result = invoke("frobnicate")
    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.stderr


def test_importing_the_cli_stays_lean():
    code = (
        "import sys, reformkit.cli; "
        "heavy = {'rich', 'jsonschema', 'jinja2', 'opencc', 'yaml', 'fastjsonschema'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_schema_prints_the_json_schema(invoke):
    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "practices" in schema["required"]


def test_schema_is_a_valid_draft_2020_12_schema():
    from jsonschema import Draft202012Validator

    from reformkit.case.schemacheck import case_schema

    Draft202012Validator.check_schema(case_schema())


def test_init_writes_config_and_cases(invoke, isolated):
    result = invoke("init")
    assert result.exit_code == 0
    text = (isolated / "reformkit.toml").read_text("utf-8")
    assert text.startswith("# reformkit.toml")
    config = tomllib.loads(text)
    assert set(config) == {"programs", "vocab", "rules"}
    assert (isolated / "cases").is_dir()
    assert invoke("validate").exit_code == 0  # an empty library is clean


def test_init_refuses_to_overwrite(invoke, isolated):
    (isolated / "reformkit.toml").write_text("# mine\n")
    result = invoke("init")
    assert result.exit_code == 2
    assert "reformkit.toml already exists; pass --force" in result.stderr
    assert (isolated / "reformkit.toml").read_text() == "# mine\n"
    assert invoke("init", "--force").exit_code == 0
    assert (isolated / "reformkit.toml").read_text().startswith("# reformkit.toml")


def test_init_into_a_new_directory(invoke, isolated):
    assert invoke("init", "lib").exit_code == 0
    assert (isolated / "lib" / "reformkit.toml").is_file()
    assert list(isolated.glob("lib/.*tmp")) == []


def test_new_scaffolds_the_next_free_id(library, invoke):
    library.write("t-4-01.yaml", "id: t-4-01\n")
    library.write("t-4-03.yaml", "id: t-4-03\n")
    result = invoke("new", "--program", "t", "--batch", "4", "--title", "新案例")
    assert result.exit_code == 0
    assert result.stdout == "cases/t-4-04.yaml\n"
    check = invoke("validate", "--format", "json", "cases/t-4-04.yaml")
    problems = [(p["code"], p["field"]) for p in json.loads(check.stdout)["problems"]]
    # Valid but for what a person must fill in: each such field is pointed at.
    assert problems == [
        ("RK104", "published"),
        ("RK210", "tags"),
        ("RK106", "practices[0].title"),
        ("RK106", "practices[0].detail"),
        ("RK106", "source.title"),
    ]


def test_new_without_batch_and_with_number(library, invoke):
    assert invoke("new", "-p", "t").stdout == "cases/t-01.yaml\n"
    assert invoke("new", "-p", "t").stdout == "cases/t-02.yaml\n"
    result = invoke("new", "-p", "t", "--number", "1")
    assert result.exit_code == 2
    assert "cases/t-01.yaml already exists" in result.stderr


def test_new_unknown_program(library, invoke):
    result = invoke("new", "--program", "nope")
    assert result.exit_code == 2
    assert "program 'nope' is not in [programs]" in result.stderr
    assert list(library.cases.iterdir()) == []


def test_readme_rules_table_matches_the_registry():
    from reformkit.rules.registry import RULES

    readme = (REPO / "README.md").read_text("utf-8")
    for rule in RULES.values():
        assert f"| `{rule.code}` | {rule.name} | {rule.severity} | {rule.summary} |" in readme


def test_an_io_error_naming_a_file_is_not_taken_for_a_full_standard_output(monkeypatch):
    """Only an error writing standard output (it names no file) is 'cannot write the output'."""
    import errno

    from reformkit.cli import _output_fault

    with pytest.raises(OSError) as raised:
        _output_fault(OSError(errno.EIO, "Input/output error", "cases/a.yaml"))
    assert raised.value.filename == "cases/a.yaml"
    assert _output_fault(OSError(errno.ENOSPC, "No space left on device")) == (
        "cannot write the output: No space left on device"
    )
