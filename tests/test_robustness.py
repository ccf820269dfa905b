"""Nothing a case, a config or an argument can hold takes the tool down (issue 24): every value
the loader accepts is one the rest of the program can hold, and every bad one is a clear
message with the right exit code."""

from __future__ import annotations

import pytest

from reformkit.case import dates

from .conftest import minimal_case

# -- dates inside the years the library can hold ------------------------------------------


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("0000", "has the year 0000, outside 1949..2100"),
        ("0000-01-01", "has the year 0000, outside 1949..2100"),
        ("9999-12-31", "has the year 9999, outside 1949..2100"),
        ("1948-12", "has the year 1948, outside 1949..2100"),
    ],
)
def test_a_date_outside_the_library_years_is_not_a_date(value, why):
    assert dates.check(value) == why


def test_the_library_years_are_dates_with_a_day_to_spare():
    assert dates.check("1949-01-01") is None and dates.check("2100-12-31") is None
    assert dates.first_day("1949") > dates.first_day("1949").min
    assert dates.last_day("2100") < dates.last_day("2100").max


_YEAR_ZERO = {
    "published": ("published: 2023-09-19", "published: 0000-01-01", "4:12", "published '0000-01-01'"),
    "quoted": ("published: 2023-09-19", 'published: "0000"', "4:12", "published '0000'"),
    "source.date": ("source: {document: a.txt}", "source: {document: a.txt, date: 0000-01-01}", "8:33",
                    "source.date '0000-01-01'"),
    "due": ("published: 2023-09-19", "published: 2023-09-19\ndue: 0000-01-01", "5:6", "due '0000-01-01'"),
    "as_of": (
        "published: 2023-09-19",
        "published: 2023-09-19\nmetrics: [{label: 办件量, kind: volume, value: 3, unit: 件, as_of: 0000-01-01}]",
        "5:64",
        "metrics[0].as_of '0000-01-01'",
    ),
}


@pytest.mark.parametrize("field", sorted(_YEAR_ZERO))
@pytest.mark.parametrize(
    "command",
    [("search", "标题"), ("stats",), ("export",), ("report",), ("show", "t-4-01"), ("compare", "t-4-01", "t-4-03")],
)
def test_year_zero_in_one_case_skips_that_case_only(library, invoke, field, command):
    old, new, where, shown = _YEAR_ZERO[field]
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    library.write("t-4-03.yaml", minimal_case("t-4-03"))
    library.write("t-4-02.yaml", minimal_case("t-4-02").replace(old, new))
    result = invoke(*command)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"cases/t-4-02.yaml:{where}: RK207 {shown} has the year 0000, outside 1949..2100; "
        "correct the date（此文件有错误，已跳过）"
    )


@pytest.mark.parametrize("field", sorted(_YEAR_ZERO))
def test_year_zero_is_reported_by_validate_and_survives_fix(library, invoke, field):
    old, new, where, shown = _YEAR_ZERO[field]
    library.write("t-4-02.yaml", minimal_case("t-4-02").replace(old, new))
    for args in (("validate",), ("validate", "--fix")):
        result = invoke(*args)
        assert result.exit_code == 1, result.output
        assert f"cases/t-4-02.yaml:{where}: error RK207 {shown} has the year 0000" in result.stdout


def test_a_query_date_outside_the_library_years_is_a_usage_error(library, invoke):
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    for query in ("published:<0001-01-01", "published:>9999-12-31", "published:0000"):
        result = invoke("search", query)
        assert result.exit_code == 2, (query, result.output)
        assert "is not a date" in result.stderr


# -- config values finite, in range and known ----------------------------------------------


def _set_rule(library, line: str) -> None:
    config = library.root / "reformkit.toml"
    text = config.read_text(encoding="utf-8")
    kept = [row for row in text.splitlines() if not row.startswith(line.split(" =")[0] + " =")]
    config.write_text("\n".join(kept).replace("[rules]", f"[rules]\n{line}") + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("max_file_bytes = 9223372036854775807", "[rules].max_file_bytes must be a whole number from 1 to 1073741824"),
        ("max_depth = 100000", "[rules].max_depth must be a whole number from 1 to 256"),
        ("tolerance = nan", "[rules].tolerance must be a number of percentage points from 0 to 100"),
        ("tolerance = inf", "[rules].tolerance must be a number of percentage points from 0 to 100"),
        ("tolerance = -inf", "[rules].tolerance must be a number of percentage points from 0 to 100"),
    ],
)
@pytest.mark.parametrize("command", [("validate",), ("search", "标题"), ("show", "t-4-01")])
def test_a_config_number_out_of_range_is_a_usage_error_naming_the_key(library, invoke, line, message, command):
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    _set_rule(library, line)
    result = invoke(*command)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: reformkit.toml:")
    assert result.stderr.rstrip().endswith(message)


def test_deeply_nested_toml_is_a_config_error(library, invoke):
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    with (library.root / "reformkit.toml").open("a", encoding="utf-8") as out:
        out.write("[report]\ndeep = " + "[" * 5000 + "]" * 5000 + "\n")
    result = invoke("validate")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: reformkit.toml: invalid TOML: arrays or tables nested too deeply\n"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "tags = [",
            "tgas = [",
            "[vocab].tgas is not a known vocabulary list (did you mean 'tags'?); use one of ['tags', 'units']",
        ),
        (
            'name = "',
            'nmae = "x"\nname = "',
            "[programs.t].nmae is not a known program setting (did you mean 'name'?); "
            "use one of ['name', 'publisher', 'region']",
        ),
    ],
)
def test_unknown_config_keys_are_errors_with_a_suggestion(library, invoke, old, new, message):
    config = library.root / "reformkit.toml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = invoke("validate")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.rstrip().endswith(message)


# -- cross-file errors skip the file in read commands too -----------------------------------


@pytest.mark.parametrize(
    ("related", "message"),
    [
        ("[nope-01]", "RK206 related id 'nope-01' names no case in the library; fix the id or remove it"),
        ("[t-4-02]", "RK206 related lists the case itself ('t-4-02'); remove it"),
    ],
)
@pytest.mark.parametrize("command", [("search", "标题"), ("stats",), ("export",), ("report",)])
def test_a_related_error_skips_the_file_in_read_commands_cold_and_warm(
    library, invoke, related, message, command
):
    from .conftest import old

    old(library.write("t-4-01.yaml", minimal_case("t-4-01")))
    old(library.write("t-4-02.yaml", minimal_case("t-4-02", related=related)))
    for _ in range(3):  # cold, the cache written, the library served by its index
        result = invoke(*command)
        assert result.exit_code == 0, result.output
        assert result.stderr.splitlines()[0] == f"cases/t-4-02.yaml:9:11: {message}（此文件有错误，已跳过）"
        assert "t-4-02" not in result.stdout


def test_a_case_with_a_related_error_is_not_shown(library, invoke):
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    library.write("t-4-02.yaml", minimal_case("t-4-02", related="[nope-01]"))
    result = invoke("show", "t-4-02")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "cases/t-4-02.yaml holds it but has errors" in result.stderr


def test_a_silenced_related_error_does_not_skip_the_file(library, invoke):
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    library.write(
        "t-4-02.yaml", minimal_case("t-4-02", related="[nope-01]  # reformkit: ignore[RK206]")
    )
    result = invoke("search", "标题")
    assert result.exit_code == 0
    assert "t-4-02" in result.stdout and "skipped" not in result.stderr


# -- the cache can never hurt ---------------------------------------------------------------


def _cache_part(isolated, kind):
    (found,) = (isolated / ".cache").glob(f"{kind}-*")
    return found


def _warm_library(library, invoke):
    from .conftest import old

    for name in ("t-4-01", "t-4-02"):
        old(library.write(f"{name}.yaml", minimal_case(name)))
    expected = invoke("export", "--format", "jsonl", "--no-cache").stdout
    assert invoke("export", "--format", "jsonl").stdout == expected  # the cache written
    return expected


@pytest.mark.parametrize("declared", [2**62, 2**64 - 1])
def test_a_documents_part_declaring_more_than_it_holds_is_rebuilt(library, invoke, isolated, declared):
    expected = _warm_library(library, invoke)
    path = _cache_part(isolated, "documents")
    data = bytearray(path.read_bytes())
    data[8:16] = declared.to_bytes(8, "little")
    path.write_bytes(bytes(data))
    _cache_part(isolated, "search").unlink()  # the documents part is then read for every case
    result = invoke("export", "--format", "jsonl")
    assert (result.exit_code, result.stdout) == (0, expected)
    assert result.stderr == f"reformkit: the cache part {path.name} was damaged; it is rebuilt\n"
    assert path.read_bytes()[8:16] != declared.to_bytes(8, "little")  # rewritten
    assert invoke("export", "--format", "jsonl").stderr == ""


@pytest.mark.parametrize("kind", ["checks", "index", "documents", "search"])
@pytest.mark.parametrize("replacement", ["fifo", "link-to-dev-zero"])
def test_a_cache_part_that_is_not_a_regular_file_is_deleted_and_rebuilt(
    library, invoke, isolated, kind, replacement
):
    import os

    expected = _warm_library(library, invoke)
    path = _cache_part(isolated, kind)
    path.unlink()
    if replacement == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    if kind != "search":
        _cache_part(isolated, "search").unlink()  # an index that answers needs no other part
    result = invoke("export", "--format", "jsonl")
    assert (result.exit_code, result.stdout) == (0, expected)
    why = "not a regular file" if replacement == "fifo" else "a symbolic link"
    assert f"reformkit: the cache part {path.name} was {why}; it has been deleted and is rebuilt\n" in result.stderr
    assert path.is_file() and not path.is_symlink()  # rebuilt as a regular file
    assert invoke("export", "--format", "jsonl").stdout == expected


@pytest.mark.parametrize("kind", ["checks", "index"])
@pytest.mark.parametrize("where", [0.3, 0.5, 0.9])
def test_a_changed_byte_in_a_marshal_part_is_noted_and_the_part_rebuilt(library, invoke, isolated, kind, where):
    expected = _warm_library(library, invoke)
    path = _cache_part(isolated, kind)
    data = bytearray(path.read_bytes())
    data[int(len(data) * where)] ^= 0x20
    path.write_bytes(bytes(data))
    _cache_part(isolated, "search").unlink()  # the index part is then read for every case
    result = invoke("export", "--format", "jsonl")
    assert (result.exit_code, result.stdout) == (0, expected)
    assert result.stderr == f"reformkit: the cache part {path.name} was damaged; it is rebuilt\n"
    assert path.read_bytes() != bytes(data)  # rewritten
    again = invoke("export", "--format", "jsonl")
    assert (again.stdout, again.stderr) == (expected, "")


def test_a_changed_byte_in_a_stored_document_is_noted_once_and_the_part_rebuilt(library, invoke, isolated):
    expected = _warm_library(library, invoke)
    path = _cache_part(isolated, "documents")
    data = bytearray(path.read_bytes())
    for at in (-5, -400):  # two changed bytes, one note
        data[at] ^= 0x55
    path.write_bytes(bytes(data))
    _cache_part(isolated, "search").unlink()  # the documents part is then read for every case
    result = invoke("export", "--format", "jsonl")
    assert (result.exit_code, result.stdout) == (0, expected)
    assert result.stderr == f"reformkit: the cache part {path.name} was damaged; it is rebuilt\n"
    again = invoke("export", "--format", "jsonl")
    assert (again.stdout, again.stderr) == (expected, "")


def test_a_cache_folder_that_is_a_link_is_neither_read_nor_written(library, invoke, isolated, monkeypatch):
    elsewhere = isolated / "elsewhere"
    elsewhere.mkdir()
    (isolated / "linked").symlink_to(elsewhere)
    monkeypatch.setenv("REFORMKIT_CACHE_DIR", str(isolated / "linked"))
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    for _ in range(2):
        result = invoke("search", "标题")
        assert result.exit_code == 0 and "t-4-01" in result.stdout
    assert list(elsewhere.iterdir()) == []


# -- arguments -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("search", "\udcff"), "argument 2 is not valid UTF-8 text ('\\xff'); pass it in UTF-8"),
        (("new", "--title", "\udcff", "-p", "t"), "the value of --title is not valid UTF-8 text ('\\xff')"),
        (("report", "--title=a\udcff"), "the value of --title is not valid UTF-8 text ('a\\xff')"),
        (("report", "--title", "\udcff", "--to", "html", "-o", "x.html"), "the value of --title is not valid UTF-8"),
        (("report", "--title", "\udcff", "--to", "docx", "-o", "x.docx"), "the value of --title is not valid UTF-8"),
        (("show", "\udcff"), "argument 2 is not valid UTF-8 text ('\\xff'); pass it in UTF-8"),
    ],
)
def test_an_argument_that_is_not_utf8_is_a_usage_error_naming_it(library, invoke, isolated, args, message):
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    result = invoke(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert message in result.stderr
    assert not any(isolated.glob("x.*"))


def test_an_error_message_echoing_an_argument_escapes_its_controls(library, invoke):
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    result = invoke("search", "--tag", "\x1b]0;x\x07")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "tag:\\u001b]0;x\\u0007 is not a tag" in result.stderr
    typed = invoke("search", "tag:\x1b]0;x\x07")  # in the query: refused before it is read
    assert (typed.exit_code, typed.stderr) == (
        2,
        "Error: the query holds a control character (U+001B) at character 5; remove it\n",
    )


@pytest.mark.parametrize("option", ["-C", "--config"])
def test_a_path_too_long_for_the_system_is_a_clear_error(library, invoke, option):
    result = invoke(option, "a" * 5000, "search", "标题")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: ") and "a" * 100 in result.stderr


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("a\x01b", "--title holds the control character U+0001 at character 2"),
        ("a\ufffeb", "--title holds the non-character U+FFFE at character 2"),
        ("\uffff", "--title holds the non-character U+FFFF at character 1"),
        ("一\n二", "--title holds the line break U+000A at character 2"),
        ("一\x85二", "--title holds the line break U+0085 at character 2"),
        ("一\u2028二", "--title holds the line break U+2028 at character 2"),
    ],
)
def test_a_new_title_a_case_file_cannot_hold_is_a_usage_error(library, invoke, title, message):
    result = invoke("new", "-p", "t", "-b", "4", "--title", title)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {message}; give the title as one line of text without it\n"
    assert list(library.cases.iterdir()) == []


def test_a_new_title_keeps_a_tab_and_other_characters_as_given(library, invoke):
    import yaml

    title = "a\tb\u202ec\ufeffd"
    result = invoke("new", "-p", "t", "-b", "4", "--title", title)
    assert (result.exit_code, result.stdout) == (0, "cases/t-4-01.yaml\n")
    assert yaml.safe_load((library.cases / "t-4-01.yaml").read_text("utf-8"))["title"] == title


# -- the cases folder: one that cannot be listed, and one far too large to walk --------------


def _locked(monkeypatch, folder):
    """``folder`` as a folder without read and search permission looks even to root: listing
    it, or asking about a file in it, is refused."""
    import os

    real_scandir, real_stat = os.scandir, os.stat
    locked = str(folder)

    def refuse(path):  # type: ignore[no-untyped-def]
        text = os.path.abspath(os.fspath(path))
        if text == locked or text.startswith(locked + os.sep):
            raise PermissionError(13, "Permission denied", text)

    def scandir(path="."):  # type: ignore[no-untyped-def]
        refuse(path)
        return real_scandir(path)

    def stat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.path.abspath(os.fspath(path)) != locked:  # the folder itself can be seen, not what is in it
            refuse(path)
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)


@pytest.mark.parametrize("command", [("validate",), ("search", "标题"), ("show", "t-4-01"), ("new", "-p", "t")])
@pytest.mark.parametrize("how", ["-C", "env"])
def test_a_cases_folder_that_cannot_be_listed_is_a_usage_error(library, invoke, isolated, monkeypatch, command, how):
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    locked = isolated / "locked"
    locked.mkdir()
    _locked(monkeypatch, locked)
    if how == "env":
        monkeypatch.setenv("REFORMKIT_CASES_DIR", str(locked))
        result = invoke(*command)
    else:
        result = invoke("-C", "locked", *command)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: cases folder locked cannot be listed (Permission denied); give reformkit permission "
        "to read it, or point -C/--cases-dir or REFORMKIT_CASES_DIR at the library\n"
    )


def test_stray_files_are_looked_for_a_few_folders_deep_only(library, invoke):
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    deep = library.cases / "a" / "b" / "c" / "d"
    deep.mkdir(parents=True)
    (library.cases / "a" / "b" / "c" / "x.yaml").write_text("x", "utf-8")
    (deep / "y.yaml").write_text("y", "utf-8")
    result = invoke("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "cases/a/b/c/x.yaml:1:1: error RK017 is not read: the library is the .yaml files directly in the "
        "cases folder; move it there as x.yaml",
        "2 files, 1 error, 0 warnings",
    ]


def test_the_look_for_stray_files_ends_after_its_entries(library, invoke, monkeypatch):
    from reformkit.library import files

    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    for folder in range(30):
        sub = library.cases / f"sub{folder:02}"
        sub.mkdir()
        for name in range(10):
            (sub / f"x{name}.yaml").write_text("x", "utf-8")
    assert len(files.stray_files(library.cases)) == 300
    monkeypatch.setattr(files, "STRAY_ENTRIES", 100)
    found = files.stray_files(library.cases)
    assert 0 < len(found) < 100
    result = invoke("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == f"{len(found) + 1} files, {len(found)} errors, 0 warnings"


# -- a case carries 1-4 tags -----------------------------------------------------------------


def test_five_tags_are_an_error_and_the_case_is_skipped(library, invoke):
    config = library.root / "reformkit.toml"
    config.write_text(
        config.read_text("utf-8").replace('"通关便利"]', '"通关便利", "市场准入", "行政审批"]'), "utf-8"
    )
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    four = "[政务服务, 企业开办, 通关便利, 市场准入]"
    library.write("t-4-02.yaml", minimal_case("t-4-02").replace("tags: [政务服务]", f"tags: {four}"))
    five = "[政务服务, 企业开办, 通关便利, 市场准入, 行政审批]"
    library.write("t-4-03.yaml", minimal_case("t-4-03").replace("tags: [政务服务]", f"tags: {five}"))
    result = invoke("validate")
    assert (result.exit_code, result.stdout.splitlines()) == (
        1,
        [
            "cases/t-4-03.yaml:6:7: error RK106 tags lists 5 items, at most 4; a case carries 1-4 tags: "
            "keep those that fit it best",
            "3 files, 1 error, 0 warnings",
        ],
    )
    search = invoke("search", "--format", "ids")
    assert (search.exit_code, search.stdout) == (0, "t-4-01\nt-4-02\n")
    assert search.stderr.startswith("cases/t-4-03.yaml:6:7: RK106 tags lists 5 items")


# -- words after -- are query words ------------------------------------------------------------


@pytest.mark.parametrize("command", ["search", "stats", "export", "report"])
def test_a_word_like_a_long_option_after_double_dash_is_a_query_word(lib, invoke, command):
    refused = invoke(command, "--foo")
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert "Error: No such option '--foo'." in refused.stderr
    after = invoke(command, "--", "--foo")
    assert after.exit_code == 0, after.stderr
    assert "No such option" not in after.stderr
    assert after.stdout == invoke(command).stdout  # --foo excludes the text -foo, which no case holds


def test_only_the_words_after_double_dash_are_taken_as_query_words(lib, invoke):
    result = invoke("search", "--bogus", "--", "--foo")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "Error: No such option '--bogus'." in result.stderr
    kept = invoke("search", "--format", "ids", "--", "--foo")
    assert (kept.exit_code, kept.stdout) == (0, "t-4-01\nt-4-02\nzj-01\n")


# -- show keeps the line breaks of valid text -------------------------------------------------


def test_show_prints_line_breaks_as_line_breaks_and_a_tab_as_a_space(library, invoke):
    case = minimal_case("t-4-01", summary='"第一行\\n第二\\t行\\n\\e[31m第三行"')
    case = case.replace("practices: [{title: 做法}]", 'practices: [{title: 做法, detail: "细节一\\n细节二"}]')
    library.write("t-4-01.yaml", case)
    assert invoke("validate").exit_code == 1  # the escape: RK108, so the case is written for show only
    library.write("t-4-01.yaml", case.replace("\\e[31m", ""))
    assert invoke("validate").exit_code == 0
    result = invoke("show", "t-4-01")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    start = lines.index("概述")
    assert lines[start + 1 : start + 4] == ["第一行", "第二 行", "第三行"]  # a tab reads as a space
    start = lines.index("主要做法")
    assert lines[start + 1 : start + 4] == ["1. 做法", "   细节一", "   细节二"]
    assert "\\u000a" not in result.stdout


# -- 1e309 is a number too large, as the README says -------------------------------------------


@pytest.mark.parametrize("written", ["1e309", "-1E400", "1.0e309", ".5e999", "1.0e+309"])
def test_an_exponent_past_the_float_range_is_rk016(library, invoke, written):
    metric = f"[{{label: 办理时间, kind: time, change_pct: {written}}}]"
    library.write("t-4-01.yaml", minimal_case("t-4-01", metrics=metric))
    result = invoke("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"cases/t-4-01.yaml:9:49: error RK016 metrics[0].change_pct is '{written}', too large to be a "
        "number; write the figure the source states (quote it if it is text)"
    )
    assert "RK102" not in result.stdout


@pytest.mark.parametrize("written", ["'1e309'", "1e5"])
def test_a_quoted_or_finite_exponent_is_still_text(library, invoke, written):
    metric = f"[{{label: 办理时间, kind: time, change_pct: {written}}}]"
    library.write("t-4-01.yaml", minimal_case("t-4-01", metrics=metric))
    result = invoke("validate")
    assert result.exit_code == 1
    assert "error RK102 metrics[0].change_pct must be a number, not text" in result.stdout
    assert "RK016" not in result.stdout


# -- a huge name is no word of the segmenter's dictionary --------------------------------------


def test_a_name_too_long_to_be_a_word_is_left_out_of_the_segmenters_dictionary():
    from reformkit.library.index import words

    long = "海口市政务管理局" * 9
    assert words.user_words(["政务服务"], [], ["海口市政务管理局", long]) == ("政务服务", "海口市政务管理局")
    assert len(long) > words.MAX_USER_WORD


def test_a_case_with_a_huge_agency_is_indexed_and_found(library, invoke):
    # 100,000 characters of one name repeated: as a dictionary word it made the segmenter
    # try prefixes tens of thousands long at every position (over a minute).
    huge = ("海口市政务管理局" * 12_500)[:100_000]
    library.write("t-4-01.yaml", minimal_case("t-4-01").replace("tags: [政务服务]", f"agencies: [{huge}]\ntags: [政务服务]"))
    library.write("t-4-02.yaml", minimal_case("t-4-02"))
    result = invoke("search", "管理局", "--format", "ids")
    assert (result.exit_code, result.stdout) == (0, "t-4-01\n")


# -- a list with too few items is not called empty ---------------------------------------------


def test_source_lines_of_one_item_is_not_called_an_empty_list(library, invoke):
    library.write(
        "t-4-01.yaml", minimal_case("t-4-01").replace("source: {document: a.txt}", "source: {document: a.txt, lines: [12]}")
    )
    library.write(
        "t-4-02.yaml", minimal_case("t-4-02").replace("source: {document: a.txt}", "source: {document: a.txt, lines: []}")
    )
    result = invoke("validate", "--select", "RK106")
    assert (result.exit_code, result.stdout.splitlines()) == (
        1,
        [
            "cases/t-4-01.yaml:8:34: error RK106 source.lines lists 1 item, needs at least 2; give the "
            "passage's first and last line, [12, 18]; a passage of one line gives it twice, [12, 12]",
            "cases/t-4-02.yaml:8:34: error RK106 source.lines is an empty list; fill it in or remove the field",
            "2 files, 2 errors, 0 warnings",
        ],
    )


def test_partial_dates_know_how_long_each_month_is():
    import calendar
    import datetime

    from reformkit.case import dates

    assert dates.check("2024-02-29") is None
    assert dates.check("2023-02-29") == "has no day 29 (2023-02 has 28 days)"
    assert dates.check("2100-02-29") == "has no day 29 (2100-02 has 28 days)"
    assert dates.last_day("2024-12") == datetime.date(2024, 12, 31)
    assert dates.last_day("2000-02") == datetime.date(2000, 2, 29)
    assert all(
        dates.last_day(f"{year}-{month:02d}").day == calendar.monthrange(year, month)[1]
        for year in range(dates.FIRST_YEAR, dates.LAST_YEAR + 1)
        for month in range(1, 13)
    )
