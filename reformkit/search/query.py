"""The query language: parse a query string, then match and rank index records.

``free text`` terms are ANDed, ``"a phrase"`` is one term, ``-term`` or ``NOT term`` excludes,
``a OR b`` means either, parentheses group, and ``name:value`` qualifiers filter. In a
qualifier ``a,b`` means either; repeating a qualifier means both. ``year:``, ``published:``
and ``batch:`` take ``V``, ``A..B`` and the open ranges ``A..`` and ``..B`` (``>=V``, ``<=V``,
``>V``, ``<V`` too, but a shell reads ``>``/``<`` as redirections unless quoted). Text is
folded (NFKC, traditional to simplified, casefold) on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reformkit.errors import UsageError
from reformkit.library.index.record import TEXT_FIELDS
from reformkit.search.filters import BUILDERS
from reformkit.search.values import Test, Vocabulary, empty_value_message
from reformkit.text.fold import fold
from reformkit.text.suggest import close_matches, did_you_mean

if TYPE_CHECKING:
    from reformkit.search.thesaurus import Source


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
    "change",
    "cut",
    "approx",
    "computed",
)


@dataclass(frozen=True)
class Term:
    text: str  # folded
    negated: bool = False
    #: Written in quotes: matched as typed (and as its pinyin), never as its words.
    quoted: bool = field(default=False, compare=False)

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
    #: The library's thesaurus, through which a term with few exact hits is widened (None:
    #: off; only search turns it on, and ``--exact`` off).
    thesaurus: Source | None = None
    #: Chinese terms rarely found as typed also match as their words near each other
    #: (``reformkit.search.words``). Off unless the command marks such hits (search does).
    words: bool = False
    #: Word → its group of synonyms (``words.synonym_table`` of ``[search.synonyms]``).
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Filled by ranking: the words (with synonyms) each term was matched as, for snippets.
    word_groups: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    #: Filled by ranking: the terms matched as their words however far apart (found nothing else).
    apart: set[str] = field(default_factory=set)
    #: Filled by ranking: term → the words it was matched without, no case holding them all
    #: (``words.counts_apart``).
    left_out: dict[str, tuple[str, ...]] = field(default_factory=dict)

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
#: How deep parentheses may nest: far past any query a person writes, well inside the stack.
MAX_NESTING = 64
#: Words that are operators when written in capitals, as in GitHub's search.
OPERATORS = ("OR", "AND", "NOT")

#: A lexed token: ``("(",)``, ``(")",)``, ``("OR",)``, ``("AND",)``, ``("NOT",)``, or a leaf
#: ``("leaf", negated, qualifier or None, value, quoted)``.
Token = tuple[object, ...]


#: Characters no case text holds and no one types: C0 controls other than tab and line
#: breaks, DEL, C1 (the index keeps NUL between one case's text and the next).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def lex(text: str) -> list[Token]:
    """Split a query into parentheses, operators and leaves."""
    from reformkit.search.fullwidth import ascii_syntax

    control = _CONTROL.search(text)
    if control is not None:
        char = control.group()
        raise UsageError(
            f"the query holds a control character (U+{ord(char):04X}) at character "
            f"{control.start() + 1}; remove it"
        )
    tokens: list[Token] = []
    position = 0
    text = ascii_syntax(text.strip(), QUALIFIERS)
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
        quoted = value.startswith('"')
        if quoted:
            if len(value) < 2 or not value.endswith('"'):
                raise UsageError(f'unbalanced quote in the query at {value!r}; close the phrase with "')
            value = value[1:-1]
        elif not negated and name is None and value in OPERATORS:
            tokens.append((value,))
            position = match.end()
            continue
        tokens.append(("leaf", negated == "-", name, value, quoted))
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


class _Parser:
    def __init__(self, tokens: list[Token], vocab: Vocabulary | None) -> None:
        self.tokens = tokens
        self.at = 0
        self.vocab = vocab or Vocabulary()
        self.in_fields: list[str] = []
        self.depth = 0

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
        nots = 0
        while self.peek() == "NOT":  # a run of NOTs is counted, not recursed into
            self.at += 1
            nots += 1
            if self.peek() in (None, ")", "OR", "AND"):
                raise UsageError("NOT needs a term or a group after it, e.g. NOT 海口")
        inner = self.primary()
        if inner is None or nots % 2 == 0:
            return inner
        return _negate(inner)

    def primary(self) -> Node | None:
        kind = self.peek()
        if kind == "(":
            self.at += 1
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise UsageError(
                    f"the query nests parentheses more than {MAX_NESTING} deep; write it with fewer groups"
                )
            inner = self.either()
            self.depth -= 1
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
        _, negated, name, value, quoted = token
        return self.leaf(bool(negated), name if isinstance(name, str) else None, str(value), bool(quoted))

    def leaf(self, negated: bool, name: str | None, value: str, quoted: bool = False) -> Node | None:
        if name is None:
            folded = fold(value).strip()
            if folded:
                return Term(folded, negated, quoted)
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
            raise UsageError(empty_value_message(name))
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
        builder = BUILDERS[name]
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
        return Term(node.text, not node.negated, node.quoted)
    if isinstance(node, Filter):
        return Filter(node.name, node.values, not node.negated, node.test)
    if node.op == "not":
        return node.parts[0]
    return Group("not", (node,))


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
            query.terms.append(Term(leaf.text, leaf.negated != negated, leaf.quoted))
        else:
            query.filters.append(Filter(leaf.name, leaf.values, leaf.negated != negated, leaf.test))
    if parser.in_fields:
        query.fields = tuple(dict.fromkeys(parser.in_fields))
    return query


#: The orders ``search`` can give (``reformkit.search.ranking``).
SORTS = ("relevance", "date", "id", "title", "change")
