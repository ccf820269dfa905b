"""The library's search index: laid out for find, proven fresh file by file, never trusted
when damaged, stale or written by a run that died."""

from __future__ import annotations

import os

import pytest

from reformkit.config import load_config
from reformkit.library import cache as cache_module
from reformkit.library import scan as store
from reformkit.library import unchanged
from reformkit.library.index import read as searchindex
from reformkit.library.index import write as indexwrite
from reformkit.library.index.read import SearchIndex
from reformkit.library.index.record import build_record, spelled
from reformkit.library.index.write import build

from .conftest import minimal_case, old


def stored(isolated):
    (found,) = (isolated / ".cache").glob("search-*.bin")
    return found


@pytest.fixture
def two(library):
    old(library.write("a.yaml", minimal_case("a", summary="推行一网通办，一网通办全覆盖")))
    old(library.write("b.yaml", minimal_case("b", summary="证照分离改革")))
    return library


def ids(invoke, *query):
    result = invoke("search", "-f", "ids", *query)
    return result.stdout.split()


# --- the layout ----------------------------------------------------------------------------


def test_a_term_is_counted_per_case_and_rows_rebuild_their_records():
    from reformkit.library.documents import as_case

    cases = [
        {
            "id": f"c{n}",
            "title": title,
            "program": "t",
            "published": "2023",
            "region": {"province": "海南省"},
            "practices": [{"title": "做法"}],
            "source": {"document": "a.txt"},
        }
        for n, title in enumerate(["一网通办 一网通办", "证照分离", "一网通办"])
    ]
    records = [build_record(as_case(case)) for case in cases]
    index = SearchIndex(build(records))
    assert index.occurrences("text:title", "一网通办".encode()) == {0: 2, 2: 1}
    assert index.occurrences("pinyin:title", b" yi wang tong ban ") == {0: 2, 2: 1}
    assert index.occurrences("initials:title", b"zzfl") == {1: 1}
    assert index.occurrences("text:title", "不在".encode()) == {}
    assert [index.record(row) for row in range(3)] == [spelled(record) for record in records]
    assert index.ids == ["c0", "c1", "c2"]


def test_a_blob_written_in_pieces_is_the_blob_written_whole(monkeypatch):
    from reformkit.library.documents import as_case

    records = [
        build_record(
            as_case(
                {
                    "id": f"c{n}",
                    "title": "一网通办" * n,
                    "program": "t",
                    "published": "2023",
                    "region": {"province": "海南省"},
                    "practices": [{"title": "做法" * n}],
                    "source": {"document": "a.txt"},
                }
            )
        )
        for n in range(1, 6)
    ]
    whole = build(records)
    monkeypatch.setattr(indexwrite, "_BATCH", 1)  # every text its own piece
    assert build(records) == whole
    monkeypatch.setattr(indexwrite, "_BATCH", 20)  # pieces of a few texts
    assert build(records) == whole
    index = SearchIndex(whole)
    assert [index.record(row) for row in range(5)] == [spelled(record) for record in records]
    assert index.occurrences("text:title", "一网通办".encode()) == {n - 1: n for n in range(1, 6)}


def test_an_empty_library_has_an_empty_index():
    index = SearchIndex(build([]))
    assert index.count == 0 and index.occurrences("text:title", b"x") == {}


# --- served from the index alone -----------------------------------------------------------


def test_a_warm_search_reads_neither_the_files_nor_the_per_file_parts(two, invoke, reads, monkeypatch):
    assert ids(invoke, "一网通办") == ["a"]
    reads.clear()

    def refuse(*args, **kwargs):
        raise AssertionError("a per-file cache part was opened")

    monkeypatch.setattr(cache_module.FileCache, "__init__", refuse)
    assert ids(invoke, "一网通办") == ["a"]
    assert ids(invoke, "yiwangtongban") == ["a"]
    assert reads == []


def test_a_changed_file_is_never_answered_by_the_index(two, invoke, reads):
    ids(invoke)
    # Same size, a new mtime: the stamps differ, so the index is rebuilt around the change.
    old(two.write("b.yaml", minimal_case("b", summary="一网通办改革")), 60)
    reads.clear()
    assert ids(invoke, "一网通办") == ["a", "b"]
    assert reads == ["b.yaml"]


def test_an_edit_inside_the_trust_window_is_checked_again(two, invoke, reads):
    path = two.write("b.yaml", minimal_case("b", summary="证照分离改革"))  # mtime: now
    ids(invoke)
    info = os.stat(path)
    path.write_text(minimal_case("b", summary="证照合一改革"), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # same size and mtime as stored
    reads.clear()
    assert ids(invoke, "证照合一") == ["b"]
    assert reads == ["b.yaml"]


def test_added_and_deleted_files_are_seen(two, invoke):
    ids(invoke)
    old(two.write("c.yaml", minimal_case("c", summary="一网通办")))
    assert ids(invoke, "一网通办", "--sort", "id") == ["a", "c"]
    (two.cases / "a.yaml").unlink()
    assert ids(invoke, "一网通办") == ["c"]


def test_a_file_with_errors_is_still_reported_from_a_warm_index(two, invoke):
    old(two.write("c.yaml", minimal_case("c", titel="x")))
    first = invoke("search", "-f", "ids")
    second = invoke("search", "-f", "ids")
    assert first.stdout == second.stdout == "a\nb\n"
    assert "c.yaml" in second.stderr and "RK103" in second.stderr
    assert first.stderr == second.stderr


# --- damage, deletion and crashes -------------------------------------------------------------


def _at(path, blob: str) -> tuple[int, int]:
    """Where a blob's text and its row starts end in the stored file."""
    index = searchindex.load(path)
    offset, length, starts_at, starts_length = index._blobs[blob]
    return index.base + offset + length, index.base + starts_at + starts_length


@pytest.mark.parametrize("damage", ["header", "truncated", "starts", "readings", "empty"])
def test_a_damaged_index_is_discarded_and_rebuilt(two, invoke, isolated, damage):
    expected = invoke("search", "一网通办").stdout
    path = stored(isolated)
    data = path.read_bytes()
    if damage == "header":
        at = len(searchindex.MAGIC) + 14
        path.write_bytes(data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1 :])
    elif damage == "truncated":
        path.write_bytes(data[:-7])
    elif damage == "starts":  # the end of the title blob's row starts
        _, end = _at(path, "text:title")
        path.write_bytes(data[: end - 8] + b"\xff" * 8 + data[end:])
    elif damage == "readings":  # read only by a Chinese term of three or more characters
        end, _ = _at(path, "readings")
        path.write_bytes(data[: end - 9] + b"\xff" * 8 + data[end - 1 :])
    else:
        path.write_bytes(b"")
    assert invoke("search", "一网通办").stdout == expected
    assert searchindex.load(stored(isolated)) is not None  # rebuilt
    assert invoke("search", "一网通办").stdout == expected


def test_deleting_the_index_is_safe(two, invoke, isolated, reads):
    expected = invoke("search", "一网通办").stdout
    stored(isolated).unlink()
    reads.clear()
    assert invoke("search", "一网通办").stdout == expected
    assert reads == []  # rebuilt from the per-file parts, no file parsed


def test_a_run_that_dies_before_writing_the_index_leaves_nothing_stale(two, invoke, isolated, monkeypatch):
    ids(invoke)
    old(two.write("b.yaml", minimal_case("b", summary="一网通办改革")), 60)
    real = os.replace

    def crash_on_index(source, target):
        if os.path.basename(target).startswith("search-"):
            raise OSError("disk full")
        return real(source, target)

    monkeypatch.setattr(os, "replace", crash_on_index)
    assert ids(invoke, "一网通办") == ["a", "b"]  # this run answers from what it read
    monkeypatch.setattr(os, "replace", real)
    # The stored index still holds the old b.yaml, whose stamp no longer matches: not used.
    config = load_config()
    index = searchindex.load(stored(isolated))
    assert index is not None
    today = store.dates.today().isoformat()
    stamps = unchanged._stamps(two.cases, index.names)
    assert not searchindex.fresh(index, store._cache_key(config, two.cases), index.names, stamps, today)
    index.close()
    assert ids(invoke, "一网通办") == ["a", "b"]


def test_a_read_only_cache_folder_still_searches(two, invoke, isolated):
    expected = ids(invoke, "一网通办")
    stored(isolated).unlink()
    folder = isolated / ".cache"
    folder.chmod(0o500)
    try:
        assert ids(invoke, "一网通办") == expected
    finally:
        folder.chmod(0o700)


def test_pinyin_is_worked_out_once_and_reused_for_unchanged_files(two, invoke, monkeypatch):
    from reformkit.library.index import record as records

    spelled_ids = []
    real = records.spelling

    def counting(title, texts):  # a's summary begins 推行; b's is 证照分离改革, then 一网通办
        spelled_ids.append("a" if texts[1].startswith("推行".encode()) else "b")
        return real(title, texts)

    monkeypatch.setattr(records, "spelling", counting)
    assert invoke("validate").exit_code == 0
    assert spelled_ids == []  # validate never pays for pinyin
    assert ids(invoke, "ywtb") == ["a"]
    assert sorted(spelled_ids) == ["a", "b"]
    spelled_ids.clear()
    old(two.write("b.yaml", minimal_case("b", summary="一网通办")), 60)
    assert ids(invoke, "ywtb", "--sort", "id") == ["a", "b"]
    assert spelled_ids == ["b"]  # a's pinyin came from the index it replaced


def test_a_large_librarys_pinyin_is_worked_out_apart(two, invoke, isolated, monkeypatch):
    """From ``SPELL_APART`` cases, pinyin is worked out in a worker process even for one
    changed file, so the process holding the library never loads pypinyin."""
    from reformkit.library import parallel

    calls = []
    real = parallel.map_chunks

    def spying(work, items, **options):
        calls.append((len(items), options.get("apart", False)))
        return real(work, items, **options)

    monkeypatch.setattr(parallel, "map_chunks", spying)
    assert ids(invoke, "ywtb") == ["a"]  # two cases: under SPELL_APART, spelled here
    assert (2, False) in calls
    monkeypatch.setattr(indexwrite, "SPELL_APART", 2)
    calls.clear()
    old(two.write("b.yaml", minimal_case("b", summary="一网通办")), 60)
    assert ids(invoke, "ywtb", "--sort", "id") == ["a", "b"]
    assert (1, True) in calls  # b alone, in a worker process
    index = searchindex.load(stored(isolated))
    assert index is not None and index.reading_table()["行"] == "xing/hang/heng"


def test_letting_go_of_a_blobs_pages_keeps_it_readable(two, invoke, isolated):
    ids(invoke)
    index = searchindex.load(stored(isolated))
    assert index is not None
    before = {name: index.text(name, 0) for name in index._blobs if ":" in name}
    for name in before:
        index.let_go(name)
    assert {name: index.text(name, 0) for name in before} == before
    assert index.occurrences("text:summary", "一网通办".encode()) == {0: 2}
    index.buffer.close()


def test_a_file_read_again_but_unchanged_keeps_its_pinyin_and_the_readings_are_reused(
    two, invoke, monkeypatch
):
    from reformkit.library.index import record as records

    spelled_ids, tables = [], []
    real_spelling, real_table = records.spelling, indexwrite._fresh_readings

    def spelling(title, texts):  # a's summary begins 推行; b's is 证照分离改革, then 一网通办
        spelled_ids.append("a" if texts[1].startswith("推行".encode()) else "b")
        return real_spelling(title, texts)

    monkeypatch.setattr(records, "spelling", spelling)
    monkeypatch.setattr(indexwrite, "_fresh_readings", lambda: tables.append(1) or real_table())
    assert ids(invoke, "ywtb") == ["a"]
    assert (sorted(spelled_ids), tables) == (["a", "b"], [1])
    spelled_ids.clear()
    # Too new to trust: both files are read again on every run, and neither has changed.
    for name in ("a.yaml", "b.yaml"):
        os.utime(two.cases / name)
    assert ids(invoke, "ywtb") == ["a"]
    assert ids(invoke, "zheng zhao") == ["b"]
    assert (spelled_ids, tables) == ([], [1])
    # The same title with other text is spelled again.
    two.write("b.yaml", minimal_case("b", summary="一网通办"))
    assert ids(invoke, "ywtb", "--sort", "id") == ["a", "b"]
    assert spelled_ids == ["b"]


def _flip(path, blob: str, row: int = 0) -> None:
    """Change one byte of row ``row``'s text in ``blob`` of the stored index."""
    index = searchindex.load(path)
    try:
        offset = index._blobs[blob][0]
        at = index.base + offset + (index.starts(blob)[row] if index._blobs[blob][3] else 0)
    finally:
        index.buffer.close()
    data = path.read_bytes()
    path.write_bytes(data[:at] + bytes([data[at] ^ 0x04]) + data[at + 1 :])


@pytest.mark.parametrize(
    ("blob", "query"),
    [
        ("text:summary", ["一网通办"]),  # read by the search
        ("pinyin:summary", ["一网通办"]),  # read only for the records of the hits printed
        ("initials:title", ["ywtb"]),
        ("rows", ["一网通办"]),
        ("words", ["一网通办", "--format", "json"]),
        ("word_vocab", ["全覆盖"]),
        ("title_key", ["--sort", "title"]),
    ],
)
def test_a_changed_byte_in_a_blob_is_found_and_the_index_rebuilt(two, invoke, isolated, blob, query):
    expected = invoke("search", *query)
    path = stored(isolated)
    _flip(path, blob, row=1 if blob == "rows" else 0)
    result = invoke("search", *query)
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    assert result.stderr == f"reformkit: the cache part {path.name} was damaged; it is rebuilt\n" + expected.stderr
    rebuilt = searchindex.load(stored(isolated))
    assert rebuilt is not None
    rebuilt.buffer.close()
    assert invoke("search", *query).stderr == expected.stderr  # no note: sound again


def test_a_changed_byte_is_found_only_where_a_read_touches():
    from reformkit.library.documents import as_case

    case = {"title": "题", "program": "t", "published": "2023", "region": {"province": "海南省"}}
    more = {"practices": [{"title": "做法"}], "source": {"document": "a.txt"}}
    records = [build_record(as_case({"id": f"c{n}", **case, **more, "summary": "改革" * 40000})) for n in range(3)]
    data = bytearray(build(records))
    index = SearchIndex(bytes(data))
    offset = index._blobs["text:summary"][0] + index.starts("text:summary")[2]
    data[index.base + offset + 1000] ^= 0x01  # in the last case's summary
    index = SearchIndex(bytes(data))
    assert index.text("text:summary", 0).startswith("改革".encode())  # its chunks are sound
    with pytest.raises(searchindex.DamagedIndex):
        index.text("text:summary", 2)
    with pytest.raises(searchindex.DamagedIndex):
        index.occurrences("text:summary", "改革".encode())


def test_a_damaged_reading_table_is_not_carried_into_the_next_index(two, invoke, isolated):
    invoke("search", "一网通办")
    path = stored(isolated)
    end, _ = _at(path, "readings")
    data = path.read_bytes()
    path.write_bytes(data[: end - 5] + bytes([data[end - 5] ^ 0x01]) + data[end - 4 :])
    old(two.write("c.yaml", minimal_case("c", summary="一网通办")))  # a rebuild, with no homophones asked
    assert ids(invoke, "一网通办", "--sort", "id") == ["a", "c"]
    rebuilt = searchindex.load(stored(isolated))
    assert rebuilt is not None
    assert rebuilt.readings_bytes() == indexwrite._fresh_readings()
