"""--select/--ignore by code, prefix and name; # reformkit: ignore[...] suppressions; RK401."""

from __future__ import annotations

import os

import pytest

from reformkit.rules.registry import enabled_codes, resolve
from tests.conftest import minimal_case

# No tags (RK210), an unknown program (RK204) and a half-width comma (RK211).
CASE = (
    minimal_case("a")
    .replace("tags: [政务服务]\n", "")
    .replace("program: t", "program: x")
    .replace("title: 标题", "title: 标题,一")
)


def test_resolve_codes_prefixes_and_names():
    assert resolve("RK210") == ("RK210",)
    assert resolve("rk21") == ("RK210", "RK211", "RK212")
    assert resolve("duplicate-key") == ("RK008",)
    assert resolve("No-Tags") == ("RK210",)
    assert resolve("RK9") == () and resolve("nonsense") == ()
    assert enabled_codes(["RK3"]) == {c for c in enabled_codes([], ["RK0"]) or () if c.startswith("RK3")}
    assert enabled_codes(["RK2"], ["no-tags"]) == {c for c in resolve("RK2") if c != "RK210"}


@pytest.mark.parametrize(
    ("options", "codes"),
    [
        (["--select", "RK2"], ["RK204", "RK210", "RK211"]),
        (["--select", "RK21"], ["RK210", "RK211"]),
        (["--select", "no-tags,unknown-program"], ["RK204", "RK210"]),
        (["--ignore", "RK2", "--ignore", "RK0"], []),
        (["--ignore", "half-width-punctuation"], ["RK204", "RK210"]),
    ],
)
def test_select_and_ignore_take_prefixes_and_names(library, invoke, options, codes):
    library.write("a.yaml", CASE)
    result = invoke("validate", "--format", "json", *options)
    import json

    assert sorted(p["code"] for p in json.loads(result.stdout)["problems"]) == codes


@pytest.mark.parametrize(
    ("token", "message"),
    [
        (
            "RK9",
            "--select 'RK9': no such rule code, prefix or name (did you mean 'RK509'?); the codes "
            "are listed by `reformkit validate --list-rules` and in the README",
        ),
        ("no-tag", "--select 'no-tag': no such rule code, prefix or name (did you mean 'no-tags'?)"),
    ],
)
def test_an_unknown_selection_is_a_usage_error_with_a_suggestion(library, invoke, token, message):
    library.write("a.yaml", CASE)
    result = invoke("validate", "--select", token)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_config_takes_names_and_prefixes(library, invoke):
    library.write("a.yaml", CASE)
    config = library.root / "reformkit.toml"
    config.write_text(config.read_text() + 'ignore = ["no-tags", "RK21"]\n')
    result = invoke("validate", "--format", "json")
    assert (
        '"code": "RK204"' in result.stdout and "RK210" not in result.stdout and "RK211" not in result.stdout
    )


def test_a_line_suppression_silences_its_code_there_only(library, invoke):
    text = CASE.replace("title: 标题,一", "title: 标题,一  # reformkit: ignore[RK211]") + "summary: 甲,乙\n"
    library.write("a.yaml", text)
    result = invoke("validate", "--ignore", "RK204,RK210")
    assert result.stdout == (
        "cases/a.yaml:8:11: warning RK211 half-width ',' (U+002C) in Chinese text; use '，' (U+FF0C) "
        "(`reformkit validate --fix` fixes it)\n1 file, 0 errors, 1 warning\n"
    )


def test_a_suppression_at_the_top_silences_the_whole_file(library, invoke):
    library.write(
        "a.yaml", "# reformkit: ignore[no-tags, unknown-program, RK211]\n" + CASE + "summary: 甲,乙\n"
    )
    result = invoke("validate")
    assert result.exit_code == 0
    assert result.stdout == "1 file, 0 errors, 0 warnings\n"


def test_a_block_scalar_suppression_covers_its_lines(library, invoke):
    text = minimal_case("a") + "summary: >-  # reformkit: ignore[RK211]\n  甲,乙\n  丙;丁\n"
    library.write("a.yaml", text)
    assert invoke("validate").stdout == "1 file, 0 errors, 0 warnings\n"


def test_unused_and_unknown_suppressions_are_reported(library, invoke):
    text = minimal_case("a").replace("title: 标题", "title: 标题  # reformkit: ignore[RK211, nonsense]")
    library.write("a.yaml", "# reformkit: ignore[RK206]\n" + text)
    result = invoke("validate")
    assert result.exit_code == 0
    assert result.stdout == (
        "cases/a.yaml:1:1: warning RK401 ignore[RK206] silences nothing: no RK206 problem in this file; remove it\n"
        "cases/a.yaml:3:12: warning RK401 ignore[RK211] silences nothing: no RK211 problem on this line; remove it\n"
        "cases/a.yaml:3:12: warning RK401 ignore[nonsense] names no rule code or name; see "
        "`reformkit validate --list-rules`\n"
        "1 file, 0 errors, 3 warnings\n"
    )
    # A suppression of a rule that did not run is not called unused.
    assert invoke("validate", "--select", "RK401,RK206").stdout.count("RK401") == 2


def test_a_cross_file_problem_can_be_suppressed(library, invoke):
    text = minimal_case("a") + "related: [missing]  # reformkit: ignore[related-missing]\n"
    library.write("a.yaml", text)
    result = invoke("validate")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "1 file, 0 errors, 0 warnings\n"


def test_suppressions_survive_the_cache_and_follow_edits(library, invoke):
    path = library.write(
        "a.yaml", CASE.replace("title: 标题,一", "title: 标题,一  # reformkit: ignore[RK211]")
    )
    cold = invoke("validate", "--format", "json").stdout
    warm = invoke("validate", "--format", "json").stdout
    assert cold == warm and "RK211" not in warm and "RK401" not in warm
    path.write_text(CASE, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert '"code": "RK211"' in invoke("validate", "--format", "json").stdout
    path.write_text(minimal_case("a") + "# reformkit: ignore[RK211]\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 9_000_000_000))
    assert "RK401" in invoke("validate").stdout
