"""Exports of full case data for other tools: json, jsonl, toml, sqlite (CSV and XLSX, which
word the figures for a reader, are ``render.sheets``).

Exports omit ``path`` so that an exported case re-validates as it is. SQLite holds one table
per repeated part, linked to ``cases`` by foreign keys, ready for Datasette or sqlite-utils.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from reformkit.case.model import METRIC_FIELDS
from reformkit.text.escape import json_text

if TYPE_CHECKING:
    import sqlite3



def to_json(cases: list[dict[str, Any]]) -> str:
    return json_text(cases, indent=2) + "\n"


def to_jsonl(cases: list[dict[str, Any]]) -> str:
    return "".join(json_text(case) + "\n" for case in cases)


def to_toml(cases: list[dict[str, Any]]) -> str:
    """TOML via tomli-w; C1 and bidi controls escaped (tomli-w writes every string as a basic
    string, where a ``\\u`` escape is valid)."""
    import tomli_w

    from reformkit.text.escape import escape_invisible

    return escape_invisible(tomli_w.dumps({"cases": cases}))


_SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE cases (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, subtitle TEXT, program TEXT NOT NULL,
    batch INTEGER, number INTEGER, published TEXT NOT NULL, province TEXT NOT NULL, city TEXT,
    district TEXT, status TEXT NOT NULL, due TEXT, summary TEXT, source_title TEXT,
    source_publisher TEXT, source_date TEXT, source_url TEXT, source_document TEXT
);
CREATE TABLE agencies (case_id TEXT NOT NULL REFERENCES cases(id), position INTEGER NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (case_id, position));
CREATE TABLE tags (case_id TEXT NOT NULL REFERENCES cases(id), tag TEXT NOT NULL, PRIMARY KEY (case_id, tag));
CREATE TABLE practices (case_id TEXT NOT NULL REFERENCES cases(id), position INTEGER NOT NULL, title TEXT NOT NULL,
    detail TEXT, PRIMARY KEY (case_id, position));
CREATE TABLE outcomes (case_id TEXT NOT NULL REFERENCES cases(id), position INTEGER NOT NULL, title TEXT NOT NULL,
    detail TEXT, PRIMARY KEY (case_id, position));
CREATE TABLE metrics (case_id TEXT NOT NULL REFERENCES cases(id), position INTEGER NOT NULL, label TEXT NOT NULL,
    kind TEXT NOT NULL, value REAL, value_max REAL, before REAL, before_max REAL, before_unit TEXT, after REAL,
    after_max REAL, change REAL, change_max REAL, change_pct REAL, change_pct_max REAL, unit TEXT, approx TEXT,
    as_of TEXT, note TEXT, PRIMARY KEY (case_id, position));
CREATE TABLE recognition (case_id TEXT NOT NULL REFERENCES cases(id), position INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (case_id, position));
CREATE TABLE related (case_id TEXT NOT NULL REFERENCES cases(id), related_id TEXT NOT NULL,
    PRIMARY KEY (case_id, related_id));
CREATE INDEX metrics_kind ON metrics(kind);
CREATE INDEX tags_tag ON tags(tag);
"""
_METRIC_COLUMNS = METRIC_FIELDS


def to_sqlite(cases: list[dict[str, Any]], path: Path) -> None:
    """Write a new SQLite database at ``path`` (which must not exist yet)."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        # A new file that is moved into place only once complete (``fileio.produce_atomic``):
        # no rollback journal and no waiting for the disk between statements.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.executescript(_SCHEMA)
        for case in cases:
            connection.execute(
                "INSERT INTO cases VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", _case_row(case)
            )
            _insert_lists(connection, case)
        connection.commit()
    finally:
        connection.close()


def _case_row(case: dict[str, Any]) -> tuple[Any, ...]:
    """The case's row of the ``cases`` table."""
    region = case.get("region") or {}
    source = case.get("source") or {}
    return (
        case["id"],
        case["title"],
        case.get("subtitle"),
        case["program"],
        case.get("batch"),
        case.get("number"),
        case["published"],
        region.get("province"),
        region.get("city"),
        region.get("district"),
        case.get("status", "implemented"),
        case.get("due"),
        case.get("summary"),
        source.get("title"),
        source.get("publisher"),
        source.get("date"),
        source.get("url"),
        source.get("document"),
    )


def _insert_lists(connection: sqlite3.Connection, case: dict[str, Any]) -> None:
    """The rows of the case's lists, each table keyed by the case's id (and a 1-based number
    where the order is the case's)."""
    cid = case["id"]
    connection.executemany(
        "INSERT INTO agencies VALUES (?,?,?)",
        [(cid, n, a) for n, a in enumerate(case.get("agencies") or [], 1)],
    )
    connection.executemany("INSERT INTO tags VALUES (?,?)", [(cid, t) for t in case.get("tags") or []])
    for table in ("practices", "outcomes"):
        connection.executemany(
            f"INSERT INTO {table} VALUES (?,?,?,?)",
            [(cid, n, i["title"], i.get("detail")) for n, i in enumerate(case.get(table) or [], 1)],
        )
    approx_at = _METRIC_COLUMNS.index("approx")
    rows = []
    for n, metric in enumerate(case.get("metrics") or [], 1):
        values = [metric.get(c) for c in _METRIC_COLUMNS]
        if values[approx_at] is not None:
            values[approx_at] = json_text(values[approx_at], sort_keys=True)
        rows.append((cid, n, *values))
    connection.executemany(f"INSERT INTO metrics VALUES ({','.join('?' * (len(_METRIC_COLUMNS) + 2))})", rows)
    connection.executemany(
        "INSERT INTO recognition VALUES (?,?,?)",
        [(cid, n, r) for n, r in enumerate(case.get("recognition") or [], 1)],
    )
    connection.executemany("INSERT INTO related VALUES (?,?)", [(cid, r) for r in case.get("related") or []])
