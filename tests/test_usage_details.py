"""Smaller usage details of issue 23: a file named by path finds its own config, a missing
``-C`` folder is named, option typos get "did you mean" in every command, a full-width date is
one error, an ASCII locale does not crash, ``compare X X`` and ``show <title>`` are explained."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import DATA, REPO, minimal_case


@pytest.fixture
def elsewhere(isolated, monkeypatch):
    """A library in ./lib while the command runs from ./other (no reformkit.toml above it)."""
    lib = isolated / "lib"
    (lib / "cases").mkdir(parents=True)
    shutil.copy(DATA / "reformkit.toml", lib / "reformkit.toml")
    (lib / "cases" / "t-01.yaml").write_text(minimal_case("t-01"), "utf-8")
    (isolated / "other").mkdir()
    monkeypatch.chdir(isolated / "other")
    return lib / "cases" / "t-01.yaml"


def test_show_of_a_path_finds_the_config_from_the_files_folder(elsewhere, invoke):
    result = invoke("show", "--format", "json", str(elsewhere))
    assert result.exit_code == 0, result.stderr
    assert '"id": "t-01"' in result.stdout


@pytest.mark.parametrize("command", ["validate", "fmt"])
def test_validate_and_fmt_of_a_path_find_the_config_from_the_files_folder(elsewhere, invoke, command):
    args = [command, "--check", str(elsewhere)] if command == "fmt" else [command, str(elsewhere)]
    result = invoke(*args)
    assert "no reformkit.toml found" not in result.stderr
    assert result.exit_code in (0, 1), result.stderr


def test_a_missing_cases_folder_is_named_as_missing(isolated, invoke):
    result = invoke("-C", str(isolated / "nonexistent"), "search", "x")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: cases folder nonexistent does not exist; create it, or point "
        "-C/--cases-dir or REFORMKIT_CASES_DIR at the library\n"
    )


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (["search", "--limt", "3", "x"], "'--limit'"),
        (["search", "--sortt", "newest"], "'--sort'"),
        (["stats", "--formt", "json"], "'--format'"),
        (["validate", "--formt", "json"], "'--format'"),
    ],
)
def test_an_option_typo_gets_did_you_mean_in_every_command(lib, invoke, args, meant):
    result = invoke(*args)
    assert result.exit_code == 2
    assert "Did you mean" in result.stderr and meant in result.stderr


def test_a_date_in_full_width_digits_is_one_error_naming_the_field_and_the_fix(library, invoke):
    library.write("t-01.yaml", minimal_case("t-01").replace("published: 2023-09-19", "published: ２０２３-09-19"))
    result = invoke("validate")
    assert result.exit_code == 1
    assert result.stdout == (
        "cases/t-01.yaml:4:12: error RK207 published '２０２３-09-19' is written with full-width digits; "
        "write '2023-09-19' (`reformkit validate --fix` fixes it)\n"
        "1 file, 1 error, 0 warnings\n"
    )
    assert invoke("validate", "--fix").exit_code == 0
    assert "published: 2023-09-19\n" in (library.cases / "t-01.yaml").read_text("utf-8")


def test_an_ascii_locale_reads_chinese_arguments_without_a_traceback(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONUTF8", "PYTHONIOENCODING"))}
    env.update(LC_ALL="C", PYTHONUTF8="0", REFORMKIT_CACHE_DIR=str(tmp_path), NO_COLOR="1")
    done = subprocess.run(
        [sys.executable, "-m", "reformkit", "search", "--limit", "1", "一网通办"],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert b"Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert "一网通办".encode() in done.stdout


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["t-4-01", "t-4-01"], "Error: t-4-01 is named twice; compare needs different cases\n"),
        (["t-4-01", "T-4-01"], "Error: t-4-01 and T-4-01 are the same case; compare needs different cases\n"),
    ],
)
def test_comparing_a_case_with_itself_is_a_usage_error(lib, invoke, ids, message):
    result = invoke("compare", *ids)
    assert (result.exit_code, result.stderr) == (2, message)


def test_a_title_given_for_an_id_hints_at_search(lib, invoke):
    result = invoke("show", "一照通行")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: no case with id '一照通行'; to find a case by its title or text, run `reformkit search '一照通行'`\n"
    )
