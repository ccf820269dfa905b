"""The cache: warm runs re-read nothing, and nothing stale or damaged is ever served."""

from __future__ import annotations

import os

import pytest

from reformkit.config import load_config
from reformkit.library import scan as store

from .conftest import HOUR_AGO, minimal_case, old


def scan_library(library):
    return store.scan(load_config(), library.cases)


def without_search_index(isolated):
    """Delete the search index, so the next scan goes through the per-file parts."""
    for stored in (isolated / ".cache").glob("search-*.bin"):
        stored.unlink()


def test_warm_scan_reads_nothing(library, reads):
    for name in ("a", "b"):
        old(library.write(f"{name}.yaml", minimal_case(name)))
    first = scan_library(library)
    assert (first.cache_state, sorted(reads)) == ("cold", ["a.yaml", "b.yaml"])
    reads.clear()
    second = scan_library(library)
    assert (second.cache_state, reads) == ("warm", [])
    assert second.index.ids == ["a", "b"]


def test_changed_added_and_deleted_files(library, reads):
    for name in ("a", "b", "c"):
        old(library.write(f"{name}.yaml", minimal_case(name)))
    scan_library(library)
    reads.clear()
    changed = library.write("a.yaml", minimal_case("a").replace("标题", "新标题"))
    os.utime(changed, (HOUR_AGO + 60, HOUR_AGO + 60))  # same size class, new mtime
    old(library.write("d.yaml", minimal_case("d")))
    (library.cases / "c.yaml").unlink()
    result = scan_library(library)
    assert sorted(reads) == ["a.yaml", "d.yaml"]
    assert result.index.ids == ["a", "b", "d"]
    assert result.index.record(0).title == "新标题"


def test_an_edit_within_the_trust_window_is_never_missed(library, reads):
    path = library.write("a.yaml", minimal_case("a"))  # mtime: now
    scan_library(library)
    # Same size, and the mtime forced back to what it was: only the window protects us.
    stat = os.stat(path)
    path.write_text(minimal_case("a").replace("标题", "标馬"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    reads.clear()
    result = scan_library(library)
    assert reads == ["a.yaml"]
    assert result.index.record(0).title == "标馬"


def test_invalid_files_are_not_cached_as_valid(library, reads):
    old(library.write("a.yaml", minimal_case("a", titel="x")))
    scan_library(library)
    reads.clear()
    result = scan_library(library)
    assert reads == []
    assert not result.records[0].ok
    assert [p.code for p in result.records[0].problems] == ["RK103"]


def test_damaged_cache_is_discarded_and_rebuilt(library, reads, isolated):
    old(library.write("a.yaml", minimal_case("a")))
    scan_library(library)
    for cache_file in (isolated / ".cache").glob("index-*.marshal"):
        cache_file.write_bytes(b"\x00garbage" * 10)
    without_search_index(isolated)
    reads.clear()
    result = scan_library(library)
    assert result.cache_state == "damaged"
    assert reads == ["a.yaml"]
    reads.clear()
    assert scan_library(library).cache_state == "warm"
    assert reads == []


def test_damaged_entry_is_reread(library, reads, isolated):
    from reformkit.library.cache.checks import pack, unpack

    old(library.write("a.yaml", minimal_case("a")))
    scan_library(library)
    cache_file = next((isolated / ".cache").glob("index-*.marshal"))
    stored = unpack(cache_file.read_bytes())
    size, mtime, _ = stored["entries"]["a.yaml"]
    stored["entries"]["a.yaml"] = (size, mtime, ("not", "a", "record", "at all"))
    cache_file.write_bytes(pack(stored))
    without_search_index(isolated)
    reads.clear()
    result = scan_library(library)
    assert reads == ["a.yaml"]
    assert result.index.ids == ["a"]


def test_config_change_invalidates_the_cache(library, reads):
    old(library.write("a.yaml", minimal_case("a")))
    scan_library(library)
    config = library.root / "reformkit.toml"
    config.write_text(config.read_text().replace('"政务服务", ', ""))
    reads.clear()
    result = scan_library(library)
    assert reads == ["a.yaml"]
    assert [p.code for p in result.records[0].problems] == ["RK205"]


def test_no_cache_option_neither_reads_nor_writes(library, invoke, isolated):
    old(library.write("a.yaml", minimal_case("a")))
    assert invoke("search", "--no-cache", "--format", "ids").stdout == "a\n"
    assert invoke("validate", "--no-cache").exit_code == 0
    assert not (isolated / ".cache").exists()
    assert invoke("search", "--format", "ids").stdout == "a\n"
    assert list((isolated / ".cache").glob("index-*.marshal"))


def test_cache_folder_is_git_ignored_and_safe_to_delete(library, invoke, isolated):
    import shutil

    old(library.write("a.yaml", minimal_case("a")))
    invoke("search")
    assert (isolated / ".cache" / ".gitignore").read_text().endswith("*\n")
    shutil.rmtree(isolated / ".cache")
    assert invoke("search", "--format", "ids").stdout == "a\n"


def test_unwritable_cache_folder_means_no_cache(library, invoke, isolated, monkeypatch):
    old(library.write("a.yaml", minimal_case("a")))
    blocker = isolated / "blocked"
    blocker.write_text("a file, not a folder")
    monkeypatch.setenv("REFORMKIT_CACHE_DIR", str(blocker / "cache"))
    result = invoke("search", "--format", "ids")
    assert (result.exit_code, result.stdout) == (0, "a\n")


def test_a_new_day_reads_nothing_again(library, reads, monkeypatch, isolated):
    """The day is no part of the cache's key: a library without a date in the future is
    served from the cache on every later day, by the search index and by the per-file parts."""
    for name in ("a", "b"):
        old(library.write(f"{name}.yaml", minimal_case(name)))
    monkeypatch.setenv("REFORMKIT_TODAY", "2026-01-01")
    scan_library(library)
    reads.clear()
    monkeypatch.setenv("REFORMKIT_TODAY", "2026-01-02")
    assert (scan_library(library).cache_state, reads) == ("warm", [])
    without_search_index(isolated)
    monkeypatch.setenv("REFORMKIT_TODAY", "2027-06-30")
    assert (scan_library(library).cache_state, reads) == ("warm", [])


def published_on(case_id: str, day: str) -> str:
    return minimal_case(case_id).replace("published: 2023-09-19", f"published: {day}")


def test_a_future_date_is_checked_again_on_the_day_it_arrives(library, reads, monkeypatch):
    old(library.write("a.yaml", published_on("a", "2026-03")))
    old(library.write("b.yaml", minimal_case("b")))
    monkeypatch.setenv("REFORMKIT_TODAY", "2026-01-15")
    first = scan_library(library)
    assert [(r.path.rsplit("/", 1)[1], r.ok) for r in first.records] == [("a.yaml", False), ("b.yaml", True)]
    assert [p.message for p in first.records[0].problems] == [
        "published '2026-03' is in the future; correct the date"
    ]
    reads.clear()
    monkeypatch.setenv("REFORMKIT_TODAY", "2026-02-28")  # still in the future: nothing read
    assert (scan_library(library).index.ids, reads) == (["b"], [])
    monkeypatch.setenv("REFORMKIT_TODAY", "2026-03-01")  # the month has begun: its file only
    arrived = scan_library(library)
    assert (arrived.index.ids, reads) == (["a", "b"], ["a.yaml"])
    reads.clear()
    assert (scan_library(library).cache_state, reads) == ("warm", [])


def test_a_future_date_is_checked_again_through_the_per_file_parts(library, reads, monkeypatch, isolated):
    old(library.write("a.yaml", published_on("a", "2026-01-20")))
    old(library.write("b.yaml", minimal_case("b")))
    monkeypatch.setenv("REFORMKIT_TODAY", "2026-01-15")
    scan_library(library)
    without_search_index(isolated)
    reads.clear()
    monkeypatch.setenv("REFORMKIT_TODAY", "2026-01-20")
    assert (scan_library(library).index.ids, reads) == (["a", "b"], ["a.yaml"])


def test_the_day_findings_change_is_the_first_future_day():
    from datetime import date

    from reformkit.rules.case import findings_change_on

    today = date(2026, 1, 15)
    case = {
        "published": "2026-03",
        "due": "2026-02-01",  # may lie in the future: RK208 never finds it
        "source": {"date": "2026-02-10"},
        "metrics": [{"as_of": "2025-12-31"}, {"as_of": "２０２６-01-16"}, {"as_of": "2026-02-30"}],
    }
    assert findings_change_on(case, today) == "2026-02-10"
    assert findings_change_on({"published": "2026-01-15"}, today) is None  # today is not the future
    assert findings_change_on({"published": "2026-01-16"}, today) == "2026-01-16"
    assert findings_change_on(["not a case"], today) is None


def listings(monkeypatch) -> list[str]:
    """The folders a scan served by the search index listed."""
    from reformkit.library import files, unchanged

    listed: list[str] = []

    def counting(folder):  # type: ignore[no-untyped-def]
        listed.append(folder.name)
        return files.library_entries(folder)

    monkeypatch.setattr(unchanged, "library_entries", counting)
    return listed


def aged(folder):
    os.utime(folder, (HOUR_AGO, HOUR_AGO))
    return folder


def indexed_unchanged(library, monkeypatch) -> list[str]:
    """Cases a and b in a folder last changed an hour ago, scanned once (the index written);
    the folders listed from then on."""
    for name in ("a", "b"):
        old(library.write(f"{name}.yaml", minimal_case(name)))
    aged(library.cases)
    scan_library(library)
    return listings(monkeypatch)


def test_an_unchanged_folder_is_not_listed_again(library, reads, monkeypatch):
    listed = indexed_unchanged(library, monkeypatch)
    reads.clear()
    warm = scan_library(library)
    assert (warm.cache_state, warm.index.ids, listed, reads) == ("warm", ["a", "b"], [], [])
    assert [r.path for r in warm.records] == [r.path for r in scan_library(library).records]


@pytest.mark.parametrize("change", ["add", "remove", "rename", "hide"])
def test_a_file_added_removed_or_renamed_is_seen(library, monkeypatch, change):
    listed = indexed_unchanged(library, monkeypatch)
    if change == "add":
        old(library.write("c.yaml", minimal_case("c")))
    elif change == "remove":
        (library.cases / "b.yaml").unlink()
    elif change == "rename":
        (library.cases / "b.yaml").rename(library.cases / "b.yml")
    else:
        (library.cases / "b.yaml").rename(library.cases / ".b.yaml")
    expected = ["a", "b", "c"] if change == "add" else ["a"]
    assert (scan_library(library).index.ids, listed) == (expected, ["cases"])


def test_a_folder_changed_within_the_trust_window_is_listed_every_time(library, monkeypatch):
    for name in ("a", "b"):
        old(library.write(f"{name}.yaml", minimal_case(name)))  # the folder: changed just now
    scan_library(library)
    listed = listings(monkeypatch)
    scan_library(library)
    scan_library(library)
    assert listed == ["cases", "cases"]


@pytest.mark.parametrize("where", ["outside", "inside"])
def test_a_folder_holding_a_link_is_listed_every_time(library, monkeypatch, tmp_path, where):
    """Where a link leads can change without the folder changing (a folder on its way may be
    re-pointed), so a library with a link is listed, and its links followed, on every run."""
    old(library.write("a.yaml", minimal_case("a")))
    target = tmp_path / "elsewhere.yaml" if where == "outside" else library.cases / "kept" / "b.yml"
    target.parent.mkdir(exist_ok=True)
    target.write_text(minimal_case("b"), encoding="utf-8")
    old(target)
    (library.cases / "b.yaml").symlink_to(target)
    aged(library.cases)
    scan_library(library)
    listed = listings(monkeypatch)
    scan_library(library)
    assert listed == ["cases"]


def test_no_folder_stamp_is_trusted_where_a_folder_may_not_keep_one(library, monkeypatch):
    from reformkit.library.files import folder_stamp

    assert folder_stamp(library.cases) is not None
    monkeypatch.setattr(os, "name", "nt")
    assert folder_stamp(library.cases) is None


def test_a_part_is_written_as_pack_makes_it_without_joining_a_copy():
    import io

    from reformkit.library.cache.checks import pack, unpack, write_packed

    stored = {"format": 1, "entries": {"a.yaml": (3, 4, ["x" * 100])}}
    out = io.BytesIO()
    write_packed(out, stored)
    assert out.getvalue() == pack(stored)
    assert unpack(out.getvalue()) == stored
