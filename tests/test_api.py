"""The public API: a library opened from Python answers as the command line does."""

from __future__ import annotations

import subprocess
import sys

import pytest

import reformkit
from reformkit.errors import ConfigError, UsageError

from .conftest import minimal_case


@pytest.fixture
def opened(library):
    library.write("t-01.yaml", minimal_case("t-01"))
    library.write("t-02.yaml", minimal_case("t-02").replace("标题", "一网通办改革"))
    return reformkit.open_library(library.root)


def test_validate_returns_the_problems(opened, library):
    library.write("t-03.yaml", minimal_case("t-03").replace("published: 2023-09-19", "published: soon"))
    result = opened.validate()
    assert (result.files, result.errors, result.warnings) == (3, 1, 0)
    assert [(p.path, p.line, p.code) for p in result.problems] == [("cases/t-03.yaml", 4, "RK104")]


def test_search_returns_hits_best_first(opened):
    hits = opened.search("一网通办")
    assert [(h.id, h.title, h.path, h.fuzzy) for h in hits] == [
        ("t-02", "一网通办改革", "cases/t-02.yaml", False)
    ]
    assert hits[0].score > 0
    assert len(opened.search("", limit=1)) == 1
    assert sorted(h.id for h in opened.search("")) == ["t-01", "t-02"]


def test_search_with_a_bad_query_raises_a_usage_error(opened):
    with pytest.raises(UsageError, match="unknown qualifier 'tga:'"):
        opened.search("tga:x")


def test_case_by_id_in_any_letter_case(opened):
    case = opened.case("T-02")
    assert (case["id"], case["title"]) == ("t-02", "一网通办改革")
    with pytest.raises(UsageError, match="no case with id 't-09'"):
        opened.case("t-09")


def test_open_library_by_config_path_and_from_a_subfolder(library):
    library.write("t-01.yaml", minimal_case("t-01"))
    assert reformkit.open_library(library.root / "reformkit.toml").validate().files == 1
    assert reformkit.open_library(library.cases).validate().files == 1


def test_open_library_without_a_config_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="no reformkit.toml found"):
        reformkit.open_library(tmp_path)


def test_importing_reformkit_loads_nothing_heavy():
    code = "import sys, reformkit; print(sorted(m for m in sys.modules if m.startswith(('reformkit', 'click', 'yaml'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['reformkit', 'reformkit._version']"


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        reformkit.nothing  # noqa: B018


def bundled():
    from .conftest import REPO

    return reformkit.open_library(REPO)


def test_search_finds_what_the_command_finds(invoke):
    from .conftest import REPO

    for query in ("注销时间", "办执照", "zhengzhao fenli", "一网通办 year:2021"):
        shown = invoke("--config", str(REPO / "reformkit.toml"), "search", "-f", "ids", query).stdout.split()
        assert [hit.id for hit in bundled().search(query)] == shown != []
    assert bundled().search("注销时间", exact=True) == []


def test_briefing_is_what_report_writes_as_data():
    briefing = bundled().briefing("tag:企业开办", group_by="program", title="企业开办")
    assert isinstance(briefing, reformkit.Briefing)
    assert briefing.title == "企业开办" and briefing.group_by == "program"
    assert [case.position for case in briefing.cases] == list(range(1, briefing.count + 1))
    assert briefing.count == len(bundled().search("tag:企业开办")) >= 3
    assert [c.id for group in briefing.groups for c in group.cases] == [c.id for c in briefing.cases]
