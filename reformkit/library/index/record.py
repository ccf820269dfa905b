"""The search index of one case: the fields filters need and the folded text terms match.

Records are named tuples of str/int/list/bytes so the cache can store them with marshal, one
per file: the unit the cache refreshes when a file changes. Searches do not read records one by
one: ``searchindex`` lays every record's text out in one blob per field (and its filter values
in columns) and rebuilds a record only for a hit. The folded text of each field is kept as
UTF-8 bytes, with its pinyin forms (``reformkit.text.pinyin``) beside it.
"""

from __future__ import annotations

from typing import NamedTuple

from reformkit.case.model import Case, Item, Metric, Region
from reformkit.text.fold import fold
from reformkit.text.pinyin import index_forms, sort_key

#: Text fields in ranking order, with the score a term earns by hitting each.
TEXT_FIELDS = {
    "title": 8,
    "summary": 4,
    "tags": 4,
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


def _texts(*values: str | None) -> list[str]:
    return [value for value in values if value]


def _items_text(items: list[Item]) -> list[str]:
    return [text for item in items for text in _texts(item["title"], item.get("detail"))]


def field_texts(case: Case) -> dict[str, list[str]]:
    """The original text of a case, grouped by the text fields of ``TEXT_FIELDS``."""
    region = case["region"]
    source = case["source"]
    return {
        "title": _texts(case["title"], case.get("subtitle")),
        "summary": _texts(case.get("summary")),
        "tags": list(case.get("tags") or ()),
        "practices": _items_text(case["practices"]),
        "outcomes": _items_text(case.get("outcomes") or []),
        "metrics": [
            text
            for metric in case.get("metrics") or ()
            for text in _texts(metric["label"], metric.get("note"))
        ],
        "agencies": list(case.get("agencies") or ()),
        "recognition": list(case.get("recognition") or ()),
        "region": _region_parts(region),
        # The document's file name and URL are identifiers, not text: ``source:`` reaches them.
        "source": _texts(source.get("title"), source.get("publisher")),
    }


def _region_parts(region: Region) -> list[str]:
    return _texts(region["province"], region.get("city"), region.get("district"))


#: One metric of a record: (kind, relative change in percent or None, label, where the change
#: comes from (``metrics.change_basis``: stated, computed or ""), and
#: its figures' hedges (``approx``: about, over, under), sorted and comma-joined, or "").
MetricRow = tuple[str, float | None, str, str, str]


class Record(NamedTuple):
    """The index record of one case.

    A named tuple costs far less to load from the cache than a dict: the cache stores the
    plain tuple (``pack_record``) and ``unpack_record`` turns it back without copying. Values
    are str/int/list/tuple/bytes/dict only, so marshal can store them.
    """

    id: str
    title: str
    program: str
    batch: int | None
    number: int | None
    published: str
    province: str
    city: str
    district: str
    agencies: list[str]
    tags: list[str]
    status: str
    kinds: list[str]
    metrics: list[MetricRow]
    #: The case's key metric (``metrics.key_metrics``: 关键数据) as the case states it, or None.
    key_metric: dict[str, object] | None
    #: Which of HAS_VALUES the case has.
    has: list[str]
    related: list[str]
    #: How many practices and outcomes the case lists.
    practices: int
    outcomes: int
    folded_tags: list[str]
    folded_agencies: list[str]
    folded_region: list[str]
    #: The source's title, publisher, document file name and URL, folded (for ``source:``).
    folded_source: list[str]
    #: The title in pinyin, for ``--sort title`` ("" until ``spelled``).
    title_key: str
    #: The folded text of each of TEXT_FIELDS, in that order, as UTF-8 (see ``field_text``).
    text: tuple[bytes, ...]
    #: The syllables and initials forms of each text (``reformkit.text.pinyin.index_forms``); empty
    #: until ``spelled``.
    pinyin: tuple[bytes, ...]
    initials: tuple[bytes, ...]


#: The names of a record's values, in order.
RECORD_KEYS = Record._fields
_FIELD_POSITION = {name: index for index, name in enumerate(TEXT_FIELDS)}
_TEXT_AT = RECORD_KEYS.index("text")
#: The text forms of a record, each a tuple of one bytes value per text field.
FORMS = ("text", "pinyin", "initials")


def _key_metric(case: Case) -> dict[str, object] | None:
    from reformkit.case import metrics as arith  # building records only: a warm search never does

    metrics = list(case.get("metrics") or ())
    found = arith.key_metrics(metrics)
    return {key: value for key, value in metrics[found[0]].items()} if found else None


def metric_row(metric: Metric) -> MetricRow:
    """A metric as its record keeps it: kind, change, label, the change's basis, its hedges."""
    from reformkit.case import metrics as arith

    hedges = ",".join(sorted({str(how) for how in (metric.get("approx") or {}).values()}))
    basis = arith.change_basis(metric)
    return (metric.get("kind", ""), arith.change_pct(metric), metric.get("label", ""), basis, hedges)


def build_record(case: Case) -> Record:
    """The index record of a valid case."""
    region = case["region"]
    texts = field_texts(case)
    joined = {name: "\n".join(parts) for name, parts in texts.items()}
    folded = {name: fold(text) for name, text in joined.items()}
    metric_rows = [metric_row(metric) for metric in case.get("metrics") or ()]
    tags = list(case.get("tags") or ())
    agencies = list(case.get("agencies") or ())
    return Record(
        id=case["id"],
        title=case["title"],
        program=case["program"],
        batch=case.get("batch"),
        number=case.get("number"),
        published=case["published"],
        province=region.get("province", ""),
        city=region.get("city", ""),
        district=region.get("district", ""),
        agencies=agencies,
        tags=tags,
        status=case.get("status", "implemented"),
        kinds=sorted({row[0] for row in metric_rows}),
        metrics=metric_rows,
        key_metric=_key_metric(case),
        has=[h for h in HAS_VALUES if case.get(h) not in (None, [], "")],
        related=list(case.get("related") or ()),
        practices=len(case["practices"]),
        outcomes=len(case.get("outcomes") or ()),
        folded_tags=[fold(t) for t in tags],
        folded_agencies=[fold(a) for a in agencies],
        folded_region=[fold(part) for part in _region_parts(region)],
        folded_source=[
            fold(text)
            for text in _texts(
                case["source"].get("title"),
                case["source"].get("publisher"),
                case["source"].get("document"),
                case["source"].get("url"),
            )
        ],
        title_key="",
        text=tuple(folded[name].encode("utf-8") for name in TEXT_FIELDS),
        pinyin=(),
        initials=(),
    )


#: What ``spelled`` adds to a record: the title's sort key, and the syllables and initials
#: forms of each text.
Spelling = tuple[str, tuple[bytes, ...], tuple[bytes, ...]]


def spelling(title: str, texts: tuple[bytes, ...]) -> Spelling:
    """The title's sort key and each text's syllables and initials forms."""
    forms = [index_forms(text.decode("utf-8")) for text in texts]
    return sort_key(title), tuple(syllables for syllables, _ in forms), tuple(initials for _, initials in forms)


def spelled(record: Record, found: Spelling | None = None) -> Record:
    """The record with its pinyin (``found``, or worked out now): each text's syllables and
    initials forms, and the title's sort key. Done when the library's search index is built,
    not when a file is checked: pypinyin costs half a second to load and a third of a
    millisecond a case, which ``validate`` need not pay."""
    if len(record.pinyin) == len(TEXT_FIELDS):
        return record
    title_key, pinyin, initials = found or spelling(record.title, record.text)
    return record._replace(title_key=title_key, pinyin=pinyin, initials=initials)


def unspelled(record: Record) -> Record:
    """The record without its pinyin (as the per-file cache stores it)."""
    return record._replace(title_key="", pinyin=(), initials=())


def spell_all(items: list[tuple[str, tuple[bytes, ...]]]) -> list[Spelling]:
    """``spelling`` of each (title, texts) (a unit of work for ``parallel.map_chunks``): a
    worker is sent and sends back only what it needs and adds, never whole records."""
    return [spelling(title, texts) for title, texts in items]


def field_text(record: Record, name: str) -> bytes:
    """The folded UTF-8 text of one of TEXT_FIELDS in a record."""
    return record.text[_FIELD_POSITION[name]]


def pack_record(record: Record) -> tuple[object, ...]:
    """The plain tuple the cache stores."""
    return tuple(record)


def unpack_record(packed: object) -> Record | None:
    """The record from its cached form, or None when the stored value is not one."""
    if not isinstance(packed, tuple) or len(packed) != len(RECORD_KEYS):
        return None
    for at, texts in enumerate(packed[_TEXT_AT:]):
        if not isinstance(texts, tuple) or len(texts) not in ((len(TEXT_FIELDS),) if at == 0 else (0, len(TEXT_FIELDS))):
            return None
    # tuple.__new__ skips NamedTuple's per-field __new__: the length is checked above.
    return tuple.__new__(Record, packed)
