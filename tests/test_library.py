"""The bundled case library: complete, and clean under its own validator."""

from __future__ import annotations

import json
from collections import Counter

import yaml

from .conftest import REPO

CASES = REPO / "cases"


def load_all():
    return {p.stem: yaml.safe_load(p.read_text("utf-8")) for p in sorted(CASES.glob("*.yaml"))}


def test_every_case_of_the_five_documents_is_there():
    cases = load_all()
    assert len(cases) == 51
    assert Counter(c["program"] for c in cases.values()) == {
        "hnftp": 9,
        "hnbiz": 8,
        "zjftz-jiaxing": 20,
        "haikou-p168": 14,
    }
    by_document = Counter(c["source"]["document"] for c in cases.values())
    assert sorted(by_document.values()) == [4, 5, 8, 14, 20]
    expected_ids = (
        [f"hnftp-12-{n:02d}" for n in range(1, 6)]
        + [f"hnbiz-4-{n:02d}" for n in range(1, 9)]
        + [f"hnftp-{n:02d}" for n in range(3, 7)]
        + [f"zjftz-jiaxing-{n:02d}" for n in range(1, 21)]
        + [f"haikou-p168-{n:02d}" for n in range(1, 15)]
    )
    assert sorted(cases) == sorted(expected_ids)


def test_planned_next_steps_of_the_haikou_reply():
    cases = load_all()
    planned = sorted(k for k, c in cases.items() if c.get("status") == "planned")
    assert planned == ["haikou-p168-12", "haikou-p168-13", "haikou-p168-14"]
    assert {cases[k]["due"] for k in planned} == {"2020-12"}


def test_every_case_has_one_to_four_tags():
    for case_id, case in load_all().items():
        assert 1 <= len(case["tags"]) <= 4, case_id


def test_library_validates_clean(invoke, monkeypatch):
    monkeypatch.chdir(REPO)
    result = invoke("validate", "--format", "json", "--strict")
    report = json.loads(result.stdout)
    assert report["problems"] == []
    assert (report["files"], result.exit_code) == (51, 0)
