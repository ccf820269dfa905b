"""The documents part of the cache: warm read commands print what an uncached run prints,
without parsing YAML; stale, damaged and mismatched parts are never served."""

from __future__ import annotations

import marshal
import os
import shutil
from pathlib import Path

import pytest

from reformkit.config import load_config
from reformkit.library import documents
from reformkit.library import scan as store
from reformkit.library.cache import DOCUMENTS_MAGIC
from reformkit.library.cache.checks import pack, unpack

from .conftest import HOUR_AGO, REPO, minimal_case, old


@pytest.fixture
def parses(monkeypatch):
    """The names of the files whose YAML was parsed (for checking or for printing)."""
    seen: list[str] = []
    real = documents.load_file

    def counting(path, *args, **kwargs):
        seen.append(os.path.basename(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(documents, "load_file", counting)
    return seen


@pytest.fixture
def bundled(isolated: Path) -> Path:
    """A copy of the bundled library, its files an hour old (outside the trust window)."""
    shutil.copytree(REPO / "cases", isolated / "cases")
    shutil.copy(REPO / "reformkit.toml", isolated / "reformkit.toml")
    shutil.copy(REPO / "thesaurus.toml", isolated / "thesaurus.toml")
    for path in (isolated / "cases").iterdir():
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    return isolated


def _ids() -> list[str]:
    return sorted(p.stem for p in (REPO / "cases").glob("*.yaml"))


COMMANDS = [
    ("show", _ids()[0]),
    pytest.param(("show", _ids()[-1], "--format", "json"), marks=pytest.mark.slow),
    pytest.param(("show", _ids()[1], "--format", "markdown"), marks=pytest.mark.slow),
    ("compare", _ids()[0], _ids()[1], _ids()[-1]),
    pytest.param(("compare", "--query", "region:海口 kind:time", "--format", "markdown"), marks=pytest.mark.slow),
    ("stats",),
    pytest.param(("stats", "--format", "json"), marks=pytest.mark.slow),
    ("report",),
    pytest.param(("report", "--template", "digest", "--group-by", "tag"), marks=pytest.mark.slow),
    ("export", "--format", "json"),
    pytest.param(("export", "--format", "jsonl"), marks=pytest.mark.slow),
    pytest.param(("export", "--format", "csv"), marks=pytest.mark.slow),
    pytest.param(("export", "--format", "toml"), marks=pytest.mark.slow),
    ("search", "改革"),
    pytest.param(("search", "改革", "--format", "json"), marks=pytest.mark.slow),
    pytest.param(("search", "--format", "ids"), marks=pytest.mark.slow),
    pytest.param(("search", "tag:通关便利", "--format", "yaml"), marks=pytest.mark.slow),
    pytest.param(("search", "一网通办", "--format", "csv"), marks=pytest.mark.slow),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_warm_output_is_the_uncached_output_and_parses_no_yaml(bundled, invoke, parses, args):
    uncached = invoke(*args, "--no-cache")
    assert uncached.exit_code == 0, uncached.stderr
    invoke("validate")  # fills the cache
    parses.clear()
    warm = invoke(*args)
    assert (warm.exit_code, warm.stderr) == (0, uncached.stderr)
    assert warm.stdout == uncached.stdout
    assert parses == []


def test_lines_still_reads_the_source_for_its_positions(bundled, invoke, parses):
    uncached = invoke("search", "改革", "--lines", "--no-cache").stdout
    invoke("validate")
    parses.clear()
    assert invoke("search", "改革", "--lines").stdout == uncached
    assert parses  # positions come from the file itself


def test_every_cached_document_is_what_load_case_gives(bundled):
    config = load_config()
    store.scan(config, bundled / "cases")
    warm = store.scan(config, bundled / "cases")
    assert warm.cache_state == "warm"
    for record in warm.valid():
        assert record.document is None  # served from the documents part
        cached = warm.case(record)
        reread = documents.load_case(record.entry, config)[0]
        assert list(cached) == list(reread)
        assert cached == reread


def part(isolated: Path, kind: str) -> Path:
    (found,) = (isolated / ".cache").glob(f"{kind}-*")
    return found


def read_documents_header(path: Path) -> tuple[dict, bytes]:
    data = path.read_bytes()
    start = len(DOCUMENTS_MAGIC) + 8
    length = int.from_bytes(data[len(DOCUMENTS_MAGIC) : start], "little")
    return marshal.loads(data[start : start + length]), data[start + length :]


def write_documents(path: Path, header: dict, blob: bytes) -> None:
    raw = marshal.dumps(header)
    path.write_bytes(DOCUMENTS_MAGIC + len(raw).to_bytes(8, "little") + raw + blob)


def test_an_edited_file_is_read_again(library, invoke, parses):
    old(library.write("a.yaml", minimal_case("a")))
    old(library.write("b.yaml", minimal_case("b")))
    assert "标题" in invoke("show", "a").stdout
    old(library.write("a.yaml", minimal_case("a").replace("标题", "新的标题")), 60)
    parses.clear()
    shown = invoke("show", "a").stdout
    assert "新的标题" in shown
    assert parses == ["a.yaml"]
    parses.clear()
    assert invoke("show", "a").stdout == shown
    assert parses == []


@pytest.mark.parametrize("damage", ["header", "slice", "truncated"])
def test_a_damaged_documents_part_is_discarded_and_rebuilt(library, invoke, parses, isolated, damage):
    for name in ("a", "b"):
        old(library.write(f"{name}.yaml", minimal_case(name)))
    expected = invoke("export", "--format", "jsonl", "--no-cache").stdout
    invoke("validate")
    path = part(isolated, "documents")
    data = path.read_bytes()
    if damage == "header":
        path.write_bytes(b"\x00garbage" * 10)
    elif damage == "truncated":
        path.write_bytes(data[:-10])
    else:  # one byte of the last document flipped: its checksum fails
        path.write_bytes(data[:-5] + bytes([data[-5] ^ 0x55]) + data[-4:])
    parses.clear()
    assert invoke("export", "--format", "jsonl").stdout == expected
    assert parses  # what the damage hid was read from the files
    # The part was rebuilt (now or on the next run): after that, nothing is parsed.
    invoke("export", "--format", "jsonl")
    parses.clear()
    assert invoke("export", "--format", "jsonl").stdout == expected
    assert parses == []


@pytest.mark.parametrize("kind", ["index", "documents"])
def test_a_part_of_another_generation_is_discarded(library, isolated, kind, reads):
    old(library.write("a.yaml", minimal_case("a")))
    config = load_config()
    store.scan(config, library.cases)
    path = part(isolated, kind)
    if kind == "index":
        stored = unpack(path.read_bytes())
        stored["generation"] = "0" * 16
        path.write_bytes(pack(stored))
    else:
        header, blob = read_documents_header(path)
        header["generation"] = "0" * 16
        write_documents(path, header, blob)
    part(isolated, "search").unlink()  # a search index that answers would need neither part
    reads.clear()
    again = store.scan(config, library.cases)
    assert again.cache_state == "mismatched"
    assert reads == ["a.yaml"]  # read again from the file
    assert store.scan(config, library.cases).cache_state == "warm"


def test_a_crash_before_the_checks_write_never_pairs_old_checks_with_new_parts(
    library, isolated, monkeypatch
):
    old(library.write("a.yaml", minimal_case("a")))
    config = load_config()
    store.scan(config, library.cases)
    checks_before = part(isolated, "checks").read_bytes()
    old(library.write("a.yaml", minimal_case("a").replace("标题", "改后标题")), 60)
    real_replace = os.replace

    def crash_on_checks(source, target):
        if os.path.basename(target).startswith("checks-"):
            raise OSError("disk full")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", crash_on_checks)
    store.scan(config, library.cases)
    monkeypatch.setattr(os, "replace", real_replace)
    assert part(isolated, "checks").read_bytes() == checks_before  # the old checks remain
    # The search index written by that run answers for the file as it is now; what it
    # cannot answer (the file's problems) comes from the old checks only if they hold the
    # file as it is now, which they do not: the file is checked again.
    served = store.scan(config, library.cases)
    assert served.case(served.records[0])["title"] == "改后标题"
    assert served.index.record(0).title == "改后标题"
    assert served.records[0].problems == []
    part(isolated, "search").unlink()
    after = store.scan(config, library.cases)
    assert after.cache_state == "mismatched"
    assert after.case(after.records[0])["title"] == "改后标题"
    assert store.scan(config, library.cases).cache_state == "warm"


def test_validate_keeps_the_documents_and_index_usable(library, invoke, parses):
    for name in ("a", "b"):
        old(library.write(f"{name}.yaml", minimal_case(name)))
    invoke("search")
    old(library.write("a.yaml", minimal_case("a").replace("标题", "新的标题")), 60)
    parses.clear()
    assert invoke("validate").exit_code == 0
    assert parses == ["a.yaml"]
    parses.clear()
    assert "新的标题" in invoke("show", "a").stdout
    assert invoke("search", "--format", "ids").stdout == "a\nb\n"
    assert parses == []


def test_deleting_the_documents_part_is_safe(library, invoke, parses, isolated):
    old(library.write("a.yaml", minimal_case("a")))
    shown = invoke("show", "a").stdout
    part(isolated, "documents").unlink()
    assert invoke("show", "a").stdout == shown
    parses.clear()
    assert invoke("show", "a").stdout == shown
    assert parses == []


def test_a_document_the_new_part_holds_is_let_go_and_served_from_the_part(library, isolated, parses):
    """A run that reads files keeps their documents only until the documents part holding
    them is written: at 10,000 cases they would sit beside the search index being built."""
    old(library.write("a.yaml", minimal_case("a")))
    library.write("b.yaml", minimal_case("b"))  # inside the trust window: not stored fresh
    config = load_config()
    found = store.scan(config, library.cases)
    a, b = found.records
    assert a.document is None and found.documents is not None
    assert found.documents.has("a.yaml", *a.stamp)
    assert b.document is not None  # the part does not answer for it: its bytes are kept
    parses.clear()
    assert [found.case(a)["id"], found.case(b)["id"]] == ["a", "b"]
    assert parses == []


def test_a_documents_part_that_cannot_be_written_leaves_the_documents_in_memory(
    library, isolated, parses, monkeypatch
):
    from reformkit.library import cache as cache_module

    old(library.write("a.yaml", minimal_case("a")))
    monkeypatch.setattr(cache_module.DocumentCache, "save", lambda self, generation: False)
    found = store.scan(load_config(), library.cases)
    assert found.records[0].document is not None
    parses.clear()
    assert found.case(found.records[0])["id"] == "a"
    assert parses == []


def test_a_rewritten_part_copies_each_kept_document_from_the_old_one(tmp_path):
    """The part is rewritten for one changed file by copying the others' slices one at a time;
    a slice that no longer matches its checksum while it is copied leaves no part written."""
    from reformkit.library.cache import DocumentCache

    cases = tmp_path / "cases"
    first = DocumentCache(tmp_path, cases, "key")
    first.put("a.yaml", 1, 1, b"A" * 1000)
    first.put("b.yaml", 2, 2, b"B" * 10)
    assert first.save("g1")
    again = DocumentCache(tmp_path, cases, "key")
    again.put("b.yaml", 3, 3, b"b")
    assert again.save("g2")
    header, blob = read_documents_header(again.path)
    assert header["generation"] == "g2" and blob == b"A" * 1000 + b"b"
    assert again.get("a.yaml", 1, 1) == b"A" * 1000 and again.get("b.yaml", 3, 3) == b"b"

    third = DocumentCache(tmp_path, cases, "key")
    third.put("b.yaml", 4, 4, b"4")
    real = third._slice
    calls = []

    def changed_on_copy(name):
        calls.append(name)
        return real(name) if len(calls) == 1 else None  # checked, then gone when copied

    third._slice = changed_on_copy
    assert third.save("g3") is False
    assert calls == ["a.yaml", "a.yaml"]
    assert not list(tmp_path.glob(".documents-*.tmp"))
