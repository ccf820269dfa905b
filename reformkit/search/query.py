"""The query language: parse a query string, then match and rank index records.

``free text`` terms are ANDed, ``"a phrase"`` is one term, ``-term`` or ``NOT term`` excludes,
``a OR b`` means either, parentheses group, and ``name:value`` qualifiers filter. In a
qualifier ``a,b`` means either; repeating a qualifier means both. ``year:``, ``published:``
and ``batch:`` take ``V``, ``A..B`` and the open ranges ``A..`` and ``..B`` (``>=V``, ``<=V``,
``>V``, ``<V`` too, but a shell reads ``>``/``<`` as redirections unless quoted). Text is
folded (NFKC, traditional to simplified, casefold) on both sides.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from reformkit.case import dates
from reformkit.errors import UsageError
from reformkit.library.index.record import HAS_VALUES, TEXT_FIELDS
from reformkit.text.fold import fold
from reformkit.text.suggest import close_matches, did_you_mean

if TYPE_CHECKING:
    from reformkit.library.index.store import SearchIndex

#: A filter's test: the rows of a library's search index that pass it.
Test = Callable[["SearchIndex"], set[int]]
Builder = Callable[[tuple[str, ...], "Vocabulary"], Test]

QUALIFIERS = (
    "id",
    "program",
    "batch",
    "region",
    "tag",
    "agency",
    "status",
    "kind",
    "year",
    "published",
    "has",
    "in",
    "source",
)
STATUSES = ("implemented", "pilot", "planned")


@dataclass(frozen=True)
class Term:
    text: str  # folded
    negated: bool = False

    @property
    def raw(self) -> bytes:
        """The folded term as UTF-8, as the index stores field text."""
        return self.text.encode("utf-8")


@dataclass(frozen=True)
class Filter:
    name: str
    values: tuple[str, ...]
    negated: bool = False
    test: Test = field(compare=False, default=lambda index: set(range(index.count)))


@dataclass
class Query:
    terms: list[Term] = field(default_factory=list)
    filters: list[Filter] = field(default_factory=list)
    fields: tuple[str, ...] = tuple(TEXT_FIELDS)
    #: The whole query as a tree (None: no condition); ``terms`` and ``filters`` are its leaves.
    expr: Node | None = None
    #: Terms also match the pinyin they spell (``ywtb``, ``yiwangtongban``).
    pinyin: bool = True
    #: Chinese terms of three or more characters also match text that reads the same
    #: (``正照分离`` → 证照分离). Off unless the command marks such hits (search does).
    sounds_like: bool = False

    @property
    def slots(self) -> list[tuple[int, str, int]]:
        """(position in TEXT_FIELDS, name, weight) of each searched field, best first."""
        order = list(TEXT_FIELDS)
        return sorted(((order.index(n), n, TEXT_FIELDS[n]) for n in self.fields), key=lambda s: -s[2])

    @property
    def has_text(self) -> bool:
        return any(not t.negated for t in self.terms)


#: One leaf: an optional ``-``, an optional ``name:``, then a phrase or a word. ASCII
#: parentheses end a word: they group (quote a phrase to search for one).
_TOKEN = re.compile(r'(-?)(?:([a-z_]+):)?("[^"]*"|[^\s"()]+|"[^"]*$)?')
#: Words that are operators when written in capitals, as in GitHub's search.
OPERATORS = ("OR", "AND", "NOT")

#: A lexed token: ``("(",)``, ``(")",)``, ``("OR",)``, ``("AND",)``, ``("NOT",)``, or a leaf
#: ``("leaf", negated, qualifier or None, value)``.
Token = tuple[object, ...]


def lex(text: str) -> list[Token]:
    """Split a query into parentheses, operators and leaves."""
    tokens: list[Token] = []
    position = 0
    text = text.strip()
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
            continue
        if char in "()":
            tokens.append((char,))
            position += 1
            continue
        if text.startswith("-(", position):
            tokens.append(("NOT",))
            position += 1
            continue
        match = _TOKEN.match(text, position)
        assert match is not None  # every part of the pattern is optional
        negated, name, value = match.groups()
        value = value or ""
        if not value and name is None:
            raise UsageError(f"cannot read the query at {text[position:]!r}")
        if value.startswith('"'):
            if len(value) < 2 or not value.endswith('"'):
                raise UsageError(f'unbalanced quote in the query at {value!r}; close the phrase with "')
            value = value[1:-1]
        elif not negated and name is None and value in OPERATORS:
            tokens.append((value,))
            position = match.end()
            continue
        tokens.append(("leaf", negated == "-", name, value))
        position = match.end()
    return tokens


def tokenize(text: str) -> list[tuple[bool, str | None, str]]:
    """The leaves of a query as (negated, qualifier or None, value) triples, operators and
    parentheses left out."""
    return [(bool(t[1]), t[2], str(t[3])) for t in lex(text) if t[0] == "leaf"]  # type: ignore[misc]


@dataclass(frozen=True)
class Group:
    """``and``/``or`` of its parts, or ``not`` of its one part."""

    op: str
    parts: tuple[Node, ...]


Node = Term | Filter | Group


@dataclass(frozen=True)
class Vocabulary:
    """The values ``program:`` and ``tag:`` may take (empty: any value)."""

    programs: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


class _Parser:
    def __init__(self, tokens: list[Token], vocab: Vocabulary | None) -> None:
        self.tokens = tokens
        self.at = 0
        self.vocab = vocab or Vocabulary()
        self.in_fields: list[str] = []

    def peek(self) -> object:
        return self.tokens[self.at][0] if self.at < len(self.tokens) else None

    def either(self) -> Node | None:
        parts = [self.both()]
        while self.peek() == "OR":
            self.at += 1
            if self.peek() in (None, ")", "OR"):
                raise UsageError("OR needs a term on each side, e.g. tag:企业开办 OR tag:跨境电商")
            parts.append(self.both())
        if parts == [None]:
            return None
        kept = [p for p in parts if p is not None]
        if len(kept) != len(parts):
            raise UsageError("OR needs a term on each side, e.g. tag:企业开办 OR tag:跨境电商")
        return kept[0] if len(kept) == 1 else Group("or", tuple(kept))

    def both(self) -> Node | None:
        parts: list[Node] = []
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.at += 1
                if self.peek() in (None, ")", "OR", "AND"):
                    raise UsageError("AND needs a term after it")
                continue
            part = self.unary()
            if part is not None:
                parts.append(part)
        if self.at == 0 and self.peek() == "OR":
            raise UsageError("OR needs a term on each side, e.g. tag:企业开办 OR tag:跨境电商")
        parts = _pinyin_phrases(parts)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Group("and", tuple(parts))

    def unary(self) -> Node | None:
        kind = self.peek()
        if kind == "NOT":
            self.at += 1
            if self.peek() in (None, ")", "OR", "AND"):
                raise UsageError("NOT needs a term or a group after it, e.g. NOT 海口")
            inner = self.unary()
            if inner is None:
                return None
            return _negate(inner)
        if kind == "(":
            self.at += 1
            inner = self.either()
            if self.peek() != ")":
                raise UsageError("unbalanced parenthesis in the query; close the group with )")
            self.at += 1
            if inner is None:
                raise UsageError("empty parentheses in the query; put terms inside ( )")
            return inner
        if kind == ")":
            raise UsageError("unbalanced parenthesis in the query; a ) closes no group")
        token = self.tokens[self.at]
        self.at += 1
        _, negated, name, value = token
        return self.leaf(bool(negated), name if isinstance(name, str) else None, str(value))

    def leaf(self, negated: bool, name: str | None, value: str) -> Node | None:
        if name is None:
            folded = fold(value).strip()
            if folded:
                return Term(folded, negated)
            if negated:
                raise UsageError("'-' must be followed by a term or qualifier to exclude")
            return None
        if name not in QUALIFIERS:
            close = close_matches(name, QUALIFIERS)
            hint = f"did you mean '{close[0]}:'? " if close else ""
            raise UsageError(
                f"unknown qualifier '{name}:'; {hint}use one of {', '.join(q + ':' for q in QUALIFIERS)}"
            )
        values = tuple(v for v in value.split(",") if v != "")
        if not values:
            raise UsageError(_empty_value(name))
        if name == "in":
            for v in values:
                if v not in TEXT_FIELDS:
                    raise UsageError(
                        f"in:{v} is not a text field{did_you_mean(v, TEXT_FIELDS)}; "
                        f"use one of {', '.join(TEXT_FIELDS)}"
                    )
            if negated:
                raise UsageError("in: cannot be negated; name the fields to search instead")
            self.in_fields.extend(values)
            return None
        builder = _BUILDERS[name]
        test = builder(values, self.vocab)
        return Filter(name, values, negated, test)


def _pinyin_phrases(parts: list[Node]) -> list[Node]:
    """Adjacent words that are each pinyin (``yi wang tong ban``) as one term: a shell splits
    what a user typed with spaces between syllables."""
    from reformkit.text.pinyin import is_syllables

    merged: list[Node] = []
    run: list[Term] = []

    def close_run() -> None:
        if len(run) > 1:
            merged.append(Term(" ".join(term.text for term in run)))
        else:
            merged.extend(run)
        run.clear()

    for part in parts:
        if isinstance(part, Term) and not part.negated and is_syllables(part.text):
            run.append(part)
            continue
        close_run()
        merged.append(part)
    close_run()
    return merged


def _negate(node: Node) -> Node:
    if isinstance(node, Term):
        return Term(node.text, not node.negated)
    if isinstance(node, Filter):
        return Filter(node.name, node.values, not node.negated, node.test)
    if node.op == "not":
        return node.parts[0]
    return Group("not", (node,))


def _empty_value(name: str) -> str:
    message = f"qualifier '{name}:' needs a value, e.g. {_EXAMPLES[name]}"
    if name in ("year", "published", "batch"):
        message += (
            f"; if you typed {name}:>=… or {name}:<… unquoted, the shell took > or < as a "
            f"redirection (a stray file named '=…' may now exist): write open ranges with "
            f".. instead ({_OPEN_EXAMPLES[name]})"
        )
    return message


def _leaves(node: Node | None, negated: bool = False) -> Iterator[tuple[Term | Filter, bool]]:
    """Every leaf with whether it ends up excluding (an odd number of NOTs above it)."""
    if node is None:
        return
    if isinstance(node, (Term, Filter)):
        yield node, negated
    else:
        for part in node.parts:
            yield from _leaves(part, negated != (node.op == "not"))


def parse(text: str, *, extra: Sequence[tuple[str, str]] = (), vocab: Vocabulary | None = None) -> Query:
    """Parse a query string, plus qualifiers given as options (``--tag X`` -> ``tag:X``).

    Precedence, as in GitHub's search: ``NOT``/``-`` binds tightest, then AND (a space or
    ``AND``), then ``OR``; parentheses group. ``vocab`` checks ``program:`` and ``tag:`` values.
    """
    parser = _Parser(lex(text or ""), vocab)
    root = parser.either()
    if parser.peek() == ")":
        raise UsageError("unbalanced parenthesis in the query; a ) closes no group")
    extras = [parser.leaf(False, name, value) for name, value in extra]
    parts = [p for p in [root, *extras] if p is not None]
    if not parts:
        expr: Node | None = None
    elif len(parts) == 1:
        expr = parts[0]
    else:
        flat: list[Node] = []
        for part in parts:
            flat.extend(part.parts if isinstance(part, Group) and part.op == "and" else [part])
        expr = Group("and", tuple(flat))
    query = Query(expr=expr)
    for leaf, negated in _leaves(expr):
        if isinstance(leaf, Term):
            query.terms.append(Term(leaf.text, leaf.negated != negated))
        else:
            query.filters.append(Filter(leaf.name, leaf.values, leaf.negated != negated, leaf.test))
    if parser.in_fields:
        query.fields = tuple(dict.fromkeys(parser.in_fields))
    return query


_EXAMPLES = {
    "id": "id:hnbiz-4-02",
    "program": "program:hnbiz",
    "batch": "batch:4",
    "region": "region:海口",
    "tag": "tag:企业开办",
    "agency": "agency:市场监督",
    "status": "status:planned",
    "kind": "kind:time",
    "year": "year:2021..2023",
    "published": "published:2023-01-01..",
    "has": "has:metrics",
    "in": "in:title",
    "source": "source:lawinfochina",
}
_OPEN_EXAMPLES = {
    "year": "year:2022.. or year:..2022",
    "published": "published:2023-01-01.. or published:..2023-06",
    "batch": "batch:3.. or batch:..2",
}


def _check(name: str, value: str, allowed: Sequence[str], what: str) -> None:
    """A usage error for a value outside ``allowed``, with the closest one suggested."""
    raise UsageError(
        f"{name}:{value} is not {what}{did_you_mean(value, allowed)}; use one of {', '.join(allowed)}"
    )


def _id(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    """Ids in any letter case; ``*`` stands for any text (``id:hnbiz-4-*``)."""
    import fnmatch

    exact = {v.lower() for v in values if "*" not in v}
    patterns = [re.compile(fnmatch.translate(v.lower())) for v in values if "*" in v]

    def test(index: SearchIndex) -> set[int]:
        return {
            row
            for row, case_id in enumerate(index.ids)
            if case_id.lower() in exact or any(p.match(case_id.lower()) for p in patterns)
        }

    return test


def _program(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    wanted = {v.lower() for v in values}
    known = {p.lower() for p in vocab.programs}
    for value in values:
        if known and value.lower() not in known:
            _check("program", value, vocab.programs, "a program of this library")
    return lambda index: index.posting("program", wanted)


def _status(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    for v in values:
        if v not in STATUSES:
            _check("status", v, STATUSES, "a status")
    wanted = set(values)
    return lambda index: index.posting("status", wanted)


def _kind(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    from reformkit.case.metrics import KINDS

    for v in values:
        if v not in KINDS:
            _check("kind", v, KINDS, "a metric kind")
    wanted = set(values)
    return lambda index: index.posting("kinds", wanted)


def _tag(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    wanted = {fold(v) for v in values}
    known = {fold(t) for t in vocab.tags}
    for value in values:
        if known and fold(value) not in known:
            close = close_matches(value, vocab.tags)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise UsageError(
                f"tag:{value} is not a tag of this library{hint}; the tags are listed under [vocab] in the config"
            )
    return lambda index: index.posting("folded_tags", wanted)


def _agency(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    wanted = [fold(v) for v in values]
    return lambda index: _any_rows(index, "folded_agencies", wanted)


def _region(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    wanted = [fold(v) for v in values]
    return lambda index: _any_rows(index, "folded_region", wanted, prefix=True)


def _source(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    """The source document: its title, publisher, file name or URL contains the value."""
    wanted = [fold(v) for v in values]
    return lambda index: _any_rows(index, "folded_source", wanted)


def _any_rows(index: SearchIndex, column: str, wanted: list[str], *, prefix: bool = False) -> set[int]:
    rows: set[int] = set()
    for value in wanted:
        rows |= index.list_rows(column, value.encode("utf-8"), prefix=prefix)
    return rows


def _has(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    for v in values:
        if v not in HAS_VALUES:
            _check("has", v, HAS_VALUES, "something a case can have")
    return lambda index: index.posting("has", values)


_RANGE = re.compile(r"^(?:(>=|<=|>|<)(.*)|(.*)\.\.(.*)|(.+))$")


#: A bound of a range: a year or batch number, or a day.
B = TypeVar("B", int, datetime.date)


def _ranges(
    values: tuple[str, ...], convert: Callable[[str], tuple[B, B]], name: str
) -> list[tuple[B | None, B | None]]:
    """Each value as an inclusive (low, high) interval; None for an open end."""
    intervals: list[tuple[B | None, B | None]] = []
    for value in values:
        match = _RANGE.match(value)
        assert match is not None  # the pattern matches any non-empty text
        op, operand, low, high, single = match.groups()
        if (op and not operand) or (low is not None and not low and not high):
            raise UsageError(_empty_value(name))
        try:
            if op:
                first, last = convert(operand)
                interval: tuple[B | None, B | None] = {
                    ">=": (first, None),
                    ">": (_after(last), None),
                    "<=": (None, last),
                    "<": (None, _before(first)),
                }[op]
            elif low is not None:
                interval = (convert(low)[0] if low else None, convert(high)[1] if high else None)
            else:
                interval = convert(single)
        except ValueError as exc:
            raise UsageError(f"{name}:{value} {exc}; e.g. {_EXAMPLES[name]}") from None
        intervals.append(interval)
    return intervals


def _after(value: B) -> B:
    if isinstance(value, datetime.date):
        return value + datetime.timedelta(days=1)
    return value + 1


def _before(value: B) -> B:
    if isinstance(value, datetime.date):
        return value - datetime.timedelta(days=1)
    return value - 1


def _in(value: B, interval: tuple[B | None, B | None]) -> bool:
    low, high = interval
    return (low is None or value >= low) and (high is None or value <= high)


def _date_span(text: str) -> tuple[datetime.date, datetime.date]:
    if not dates.DATE_RE.match(text) or dates.check(text):
        raise ValueError("is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return dates.first_day(text), dates.last_day(text)


def _whole(text: str) -> tuple[int, int]:
    if not text.isdigit():
        raise ValueError("is not a whole number")
    return int(text), int(text)


def _year(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    def span(text: str) -> tuple[int, int]:
        if not re.fullmatch(r"\d{4}", text):
            raise ValueError("is not a year (YYYY)")
        return int(text), int(text)

    intervals = _ranges(values, span, "year")
    return lambda index: {
        row for row, published in enumerate(index.published) if any(_in(int(published[:4]), i) for i in intervals)
    }


def _published(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    intervals = _ranges(values, _date_span, "published")
    # A partial date covers a period; it matches when its period starts inside the interval.
    return lambda index: {
        row
        for row, published in enumerate(index.published)
        if any(_in(dates.first_day(published), i) for i in intervals)
    }


def _batch(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    intervals = _ranges(values, _whole, "batch")
    return lambda index: {
        row for row, batch in enumerate(index.batch) if batch is not None and any(_in(batch, i) for i in intervals)
    }


_BUILDERS: dict[str, Builder] = {
    "id": _id,
    "program": _program,
    "source": _source,
    "status": _status,
    "kind": _kind,
    "tag": _tag,
    "agency": _agency,
    "region": _region,
    "has": _has,
    "year": _year,
    "published": _published,
    "batch": _batch,
}


#: The orders ``search`` can give (``reformkit.search.ranking``).
SORTS = ("relevance", "date", "id", "title")
