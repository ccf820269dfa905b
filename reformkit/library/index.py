"""The search index of one case: the fields filters need and the folded text terms match.

Records are tuples (read by key) of str/int/list/bytes so the cache can store them with marshal. The
folded text of each field is kept as UTF-8 bytes: substring search works the same on UTF-8,
and loading bytes from the cache costs no decoding. Whole case documents are not kept here;
commands re-read the few files they print.
"""

from __future__ import annotations

from typing import Any

from reformkit import metrics as arith
from reformkit.textnorm import fold

#: Text fields in ranking order, with the score a term earns by hitting each.
TEXT_FIELDS = {
    "title": 8,
    "summary": 4,
    "practices": 2,
    "outcomes": 2,
    "metrics": 1,
    "agencies": 1,
    "recognition": 1,
    "region": 1,
    "source": 1,
}
#: What ``has:`` can ask for.
HAS_VALUES = (
    "subtitle",
    "batch",
    "summary",
    "agencies",
    "outcomes",
    "metrics",
    "recognition",
    "related",
    "due",
)


def _items_text(items: Any) -> list[str]:
    out: list[str] = []
    for item in items or ():
        if isinstance(item, dict):
            out.extend(str(item[k]) for k in ("title", "detail") if item.get(k))
    return out


def field_texts(case: dict[str, Any]) -> dict[str, list[str]]:
    """The original text of a case, grouped by the text fields of ``TEXT_FIELDS``."""
    region = case.get("region") or {}
    source = case.get("source") or {}
    metric_text: list[str] = []
    for metric in case.get("metrics") or ():
        metric_text.extend(str(metric[k]) for k in ("label", "note") if metric.get(k))
    return {
        "title": [t for t in (case.get("title"), case.get("subtitle")) if t],
        "summary": [case["summary"]] if case.get("summary") else [],
        "practices": _items_text(case.get("practices")),
        "outcomes": _items_text(case.get("outcomes")),
        "metrics": metric_text,
        "agencies": list(case.get("agencies") or ()),
        "recognition": list(case.get("recognition") or ()),
        "region": [region[k] for k in ("province", "city", "district") if region.get(k)],
        "source": [str(source[k]) for k in ("title", "publisher", "document") if source.get(k)],
    }


def build_record(case: dict[str, Any]) -> Record:
    """The index record of a valid case."""
    region = case.get("region") or {}
    texts = field_texts(case)
    joined = {name: "\n".join(parts) for name, parts in texts.items()}
    folded = {name: fold(text) for name, text in joined.items()}
    metric_rows = []
    for metric in case.get("metrics") or ():
        pct = arith.change_pct(metric)
        metric_rows.append([metric.get("kind", ""), pct, metric.get("label", "")])
    return make_record(
        {
            "id": case["id"],
            "title": case["title"],
            "program": case["program"],
            "batch": case.get("batch"),
            "number": case.get("number"),
            "published": case["published"],
            "province": region.get("province", ""),
            "city": region.get("city", ""),
            "district": region.get("district", ""),
            "agencies": list(case.get("agencies") or ()),
            "tags": list(case.get("tags") or ()),
            "status": case.get("status", "implemented"),
            "kinds": sorted({m[0] for m in metric_rows}),
            "metrics": metric_rows,
            "has": [h for h in HAS_VALUES if case.get(h) not in (None, [], "")],
            "related": list(case.get("related") or ()),
            "practices": len(case.get("practices") or ()),
            "outcomes": len(case.get("outcomes") or ()),
            "text": {name: text.encode("utf-8") for name, text in folded.items()},
            # Original text only where folding changed it (snippets show the original).
            "orig": {name: joined[name] for name in joined if joined[name] != folded[name]},
            "folded_tags": [fold(t) for t in case.get("tags") or ()],
            "folded_agencies": [fold(a) for a in case.get("agencies") or ()],
            "folded_region": [fold(region[k]) for k in ("province", "city", "district") if region.get(k)],
        }
    )


#: Order of a record's values. A record is a tuple read by key, which costs far less to load
#: from the cache than a dict: the cache stores the plain tuple as it is.
RECORD_KEYS = (
    "id",
    "title",
    "program",
    "batch",
    "number",
    "published",
    "province",
    "city",
    "district",
    "agencies",
    "tags",
    "status",
    "kinds",
    "metrics",
    "has",
    "related",
    "practices",
    "outcomes",
    "text",
    "orig",
    "folded_tags",
    "folded_agencies",
    "folded_region",
)
_POSITION = {key: index for index, key in enumerate(RECORD_KEYS)}
_FIELD_POSITION = {name: index for index, name in enumerate(TEXT_FIELDS)}
_TEXT_AT = _POSITION["text"]


class Record(tuple):
    """An index record: a tuple in ``RECORD_KEYS`` order, read by key like a dict."""

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, _POSITION[key])
        return tuple.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        value = self[key] if key in _POSITION else None
        return default if value is None else value


def make_record(values: dict[str, Any]) -> Record:
    """A record from its values; ``text`` maps each of TEXT_FIELDS to its folded UTF-8 bytes."""
    texts = tuple(values["text"][name] for name in TEXT_FIELDS)
    return Record(texts if key == "text" else values[key] for key in RECORD_KEYS)


def field_text(record: Record, name: str) -> bytes:
    """The folded UTF-8 text of one of TEXT_FIELDS in a record."""
    return record["text"][_FIELD_POSITION[name]]


def pack_record(record: Record) -> tuple[Any, ...]:
    """The plain tuple the cache stores."""
    return tuple(record)


def unpack_record(packed: Any) -> Record | None:
    """The record from its cached form, or None when the stored value is not one."""
    if not isinstance(packed, tuple) or len(packed) != len(RECORD_KEYS):
        return None
    texts = packed[_TEXT_AT]
    if not isinstance(texts, tuple) or len(texts) != len(TEXT_FIELDS):
        return None
    return Record(packed)
