"""`reformkit validate` through the CLI: output formats, exit codes, options, config."""

from __future__ import annotations

import json
import os

from .conftest import minimal_case

TWO_PROBLEMS = minimal_case("a", titel="x").replace("tags: [政务服务]\n", "")


def test_clean_library_text_output(library, invoke):
    library.write("a.yaml", minimal_case("a"))
    result = invoke("validate")
    assert result.exit_code == 0
    assert result.stdout == "1 file, 0 errors, 0 warnings\n"


def test_text_format_exact(library, invoke):
    library.write("a.yaml", TWO_PROBLEMS)
    result = invoke("validate")
    assert result.exit_code == 1
    assert result.stdout == (
        "cases/a.yaml:1:1: warning RK210 the case has no tags; add 1-4 from [vocab].tags so it can be found\n"
        "cases/a.yaml:8:1: error RK103 unknown field 'titel' (did you mean 'title'?)\n"
        "1 file, 1 error, 1 warning\n"
    )
    assert result.stderr == ""


def test_json_format_exact(library, invoke):
    library.write("a.yaml", TWO_PROBLEMS)
    result = invoke("validate", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "files": 1,
        "errors": 1,
        "warnings": 1,
        "problems": [
            {
                "path": "cases/a.yaml",
                "line": 1,
                "column": 1,
                "code": "RK210",
                "severity": "warning",
                "message": "the case has no tags; add 1-4 from [vocab].tags so it can be found",
                "field": "",
            },
            {
                "path": "cases/a.yaml",
                "line": 8,
                "column": 1,
                "code": "RK103",
                "severity": "error",
                "message": "unknown field 'titel' (did you mean 'title'?)",
                "field": "titel",
            },
        ],
    }


def test_github_format_exact(library, invoke):
    library.write("a,b.yaml", minimal_case("a,b").replace("id: a,b", "id: 'a,b'"))
    result = invoke("validate", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=cases/a%2Cb.yaml,line=1,col=5,title=RK104::id 'a,b' must be lower-case letters "
        "and digits joined by single '-' (e.g. hnbiz-4-02)\n"
        "1 file, 1 error, 0 warnings\n"
    )


def test_strict_turns_warnings_into_failure(library, invoke):
    library.write("a.yaml", minimal_case("a").replace("tags: [政务服务]\n", ""))
    assert invoke("validate").exit_code == 0
    assert invoke("validate", "--strict").exit_code == 1
    config = library.root / "reformkit.toml"
    config.write_text(config.read_text() + "strict = true\n")
    assert invoke("validate").exit_code == 1
    assert invoke("validate", "--no-strict").exit_code == 0


def test_select_and_ignore(library, invoke):
    library.write("a.yaml", TWO_PROBLEMS)
    selected = invoke("validate", "--select", "RK210")
    assert selected.exit_code == 0
    assert "RK103" not in selected.stdout and "RK210" in selected.stdout
    ignored = invoke("validate", "--ignore", "rk103,RK210")
    assert ignored.exit_code == 0
    assert ignored.stdout == "1 file, 0 errors, 0 warnings\n"


def test_config_ignore_is_replaced_by_command_line(library, invoke):
    library.write("a.yaml", TWO_PROBLEMS)
    config = library.root / "reformkit.toml"
    config.write_text(config.read_text().replace("tolerance = 1.0", 'tolerance = 1.0\nignore = ["RK103"]'))
    assert invoke("validate").exit_code == 0
    assert invoke("validate", "--ignore", "RK210").exit_code == 1


def test_unknown_rule_code_is_usage_error(library, invoke):
    result = invoke("validate", "--ignore", "RK999")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "RK999" in result.stderr and "no such rule code" in result.stderr


def test_duplicate_id_reported_in_every_file(library, invoke):
    library.write("a.yaml", minimal_case("a"))
    library.write("b.yaml", minimal_case("a"))
    result = invoke("validate", "--select", "RK202")
    assert result.stdout.splitlines() == [
        "cases/a.yaml:1:5: error RK202 id 'a' is also used by cases/b.yaml; every case needs its own id",
        "cases/b.yaml:1:5: error RK202 id 'a' is also used by cases/a.yaml; every case needs its own id",
        "2 files, 2 errors, 0 warnings",
    ]


def test_explicit_path_is_compared_with_whole_library_but_reported_alone(library, invoke):
    library.write("a.yaml", minimal_case("a", related="[b]"))
    library.write("b.yaml", minimal_case("b", titel="broken"))
    result = invoke("validate", "cases/a.yaml")
    assert result.exit_code == 0
    assert result.stdout == "1 file, 0 errors, 0 warnings\n"


def test_explicit_path_outside_library(library, invoke, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    outside = tmp_path / "elsewhere" / "a.yaml"
    outside.write_text(minimal_case("a"))
    library.write("a.yaml", minimal_case("a"))
    result = invoke("validate", "elsewhere/a.yaml", "--select", "RK202")
    assert result.stdout.splitlines()[0] == (
        "elsewhere/a.yaml:1:5: error RK202 id 'a' is also used by cases/a.yaml; every case needs its own id"
    )


def test_missing_path_is_usage_error(library, invoke):
    result = invoke("validate", "cases/nope.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "cases/nope.yaml: no such file or folder" in result.stderr


def test_missing_config_is_exit_2(invoke):
    result = invoke("validate")
    assert result.exit_code == 2
    assert "no reformkit.toml found" in result.stderr
    assert "reformkit init" in result.stderr


def test_config_found_walking_up(library, invoke, monkeypatch):
    library.write("a.yaml", minimal_case("a"))
    deeper = library.root / "x" / "y"
    deeper.mkdir(parents=True)
    monkeypatch.chdir(deeper)
    result = invoke("validate")
    assert result.exit_code == 0
    assert result.stdout == "1 file, 0 errors, 0 warnings\n"


def test_cases_dir_option_and_environment(library, invoke, monkeypatch):
    other = library.root / "other"
    other.mkdir()
    (other / "z.yaml").write_text(minimal_case("z", titel="t"))
    library.write("a.yaml", minimal_case("a"))
    assert invoke("validate").exit_code == 0
    assert invoke("-C", "other", "validate").exit_code == 1
    monkeypatch.setenv("REFORMKIT_CASES_DIR", "other")
    assert invoke("validate").exit_code == 1
    assert invoke("-C", "cases", "validate").exit_code == 0


def test_missing_cases_dir_is_exit_2(library, invoke):
    result = invoke("-C", "nowhere", "validate")
    assert result.exit_code == 2
    assert "cases folder nowhere does not exist" in result.stderr


def test_explicit_config_option(library, invoke, monkeypatch, tmp_path):
    library.write("a.yaml", minimal_case("a"))
    elsewhere = tmp_path / "sub"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = invoke("--config", "../reformkit.toml", "validate")
    assert result.exit_code == 0
    assert invoke("--config", "nope.toml", "validate").exit_code == 2


def test_broken_config_names_file_and_line(library, invoke):
    config = library.root / "reformkit.toml"
    config.write_text("[rules]\ntolerance = \n")
    result = invoke("validate")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "reformkit.toml:2:" in result.stderr and "invalid TOML" in result.stderr


def test_bad_config_value_names_key_and_line(library, invoke):
    config = library.root / "reformkit.toml"
    config.write_text(config.read_text().replace("tolerance = 1.0", 'tolerance = "one"'))
    result = invoke("validate")
    assert result.exit_code == 2
    assert "reformkit.toml:15: [rules].tolerance must be a number of percentage points from 0 to 100" in result.stderr


def test_unknown_code_in_config(library, invoke):
    config = library.root / "reformkit.toml"
    config.write_text(config.read_text() + 'ignore = ["RK000"]\n')
    result = invoke("validate")
    assert result.exit_code == 2
    assert "[rules].ignore names unknown rule code, prefix or name 'RK000'" in result.stderr


def test_problem_text_from_a_case_is_escaped_for_the_terminal(library, invoke):
    library.write("a.yaml", minimal_case("a") + '"\\e]0;pwned\\a\\e[31m": 1\n')
    result = invoke("validate")
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "unknown field '\\u001b]0;pwned\\u0007\\u001b[31m'" in result.stdout


def test_color_only_when_asked(library, invoke):
    library.write("a.yaml", TWO_PROBLEMS)
    assert "\x1b[" not in invoke("validate").stdout
    assert "\x1b[" in invoke("--color", "validate").stdout


def test_list_rules(invoke):
    result = invoke("validate", "--list-rules")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split()[:3] == ["RK001", "error", "yaml-syntax"]


def test_debug_lets_the_exception_through(invoke):
    from click.testing import CliRunner

    from reformkit.cli import cli

    plain = CliRunner().invoke(cli, ["validate"])
    assert plain.exit_code == 2 and isinstance(plain.exception, SystemExit)
    debug = CliRunner().invoke(cli, ["--debug", "validate"])
    assert type(debug.exception).__name__ == "ConfigError"


def test_relative_display_paths_use_forward_slashes(library, invoke):
    library.write("a.yaml", minimal_case("a", titel="x"))
    result = invoke("validate", os.path.join("cases", "a.yaml"))
    assert result.stdout.startswith("cases/a.yaml:")
