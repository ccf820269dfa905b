"""Rules on the file as bytes and as YAML.

The loader applies them while it reads a file (``reformkit.library.loader``), since a file that
cannot be read has nothing else to check; ``RK014`` is applied by
``reformkit.library.documents``, the one place that knows where the library ends, and
``RK017`` by ``reformkit.validate`` on a whole-library run (the files it names are not read). ``check``
reports the enabled ones among what the loader recorded.
"""

from __future__ import annotations

from collections.abc import Iterator

from reformkit.case.model import ERROR, Problem
from reformkit.rules.base import FileContext, Rule

YAML_SYNTAX = Rule("RK001", "yaml-syntax", ERROR, "the file is not valid YAML")
NOT_UTF8 = Rule("RK002", "not-utf8", ERROR, "the file is not UTF-8 text")
BYTE_ORDER_MARK = Rule("RK003", "byte-order-mark", ERROR, "the file starts with a byte-order mark")
NUL_BYTE = Rule("RK004", "nul-byte", ERROR, "the file contains a NUL byte")
MULTIPLE_DOCUMENTS = Rule("RK005", "multiple-documents", ERROR, "the file holds more than one YAML document")
EMPTY_FILE = Rule("RK006", "empty-file", ERROR, "the file is empty")
NOT_A_MAPPING = Rule("RK007", "not-a-mapping", ERROR, "the document is not one mapping of fields")
DUPLICATE_KEY = Rule("RK008", "duplicate-key", ERROR, "a key appears twice in one mapping")
ANCHOR_ALIAS = Rule("RK009", "anchor-alias", ERROR, "an anchor or alias (&x, *x) is used")
EXPLICIT_TAG = Rule("RK010", "explicit-tag", ERROR, "a YAML tag such as !!python/object is used")
TOO_DEEP = Rule("RK011", "too-deep", ERROR, "nesting is deeper than [rules].max_depth")
TOO_LARGE = Rule("RK012", "too-large", ERROR, "the file is larger than [rules].max_file_bytes")
UNREADABLE = Rule("RK013", "unreadable", ERROR, "the path cannot be read as a regular file")
OUTSIDE_LIBRARY = Rule("RK014", "outside-library", ERROR, "a symlink in the library leads outside it")
AMBIGUOUS_NUMBER = Rule(
    "RK015", "ambiguous-number", ERROR, "a number YAML 1.1 reads surprisingly (012, 1:20)"
)
NON_FINITE_NUMBER = Rule(
    "RK016",
    "non-finite-number",
    ERROR,
    "a number that is not finite: .nan, .inf, or too large for a float (1e400, 400 digits)",
)
NOT_IN_LIBRARY = Rule(
    "RK017",
    "not-in-library",
    ERROR,
    "a case-like file under the cases folder is not read (*.yml, *.YAML, a subfolder's *.yaml)",
)

RULES: tuple[Rule, ...] = (
    YAML_SYNTAX,
    NOT_UTF8,
    BYTE_ORDER_MARK,
    NUL_BYTE,
    MULTIPLE_DOCUMENTS,
    EMPTY_FILE,
    NOT_A_MAPPING,
    DUPLICATE_KEY,
    ANCHOR_ALIAS,
    EXPLICIT_TAG,
    TOO_DEEP,
    TOO_LARGE,
    UNREADABLE,
    OUTSIDE_LIBRARY,
    AMBIGUOUS_NUMBER,
    NON_FINITE_NUMBER,
    NOT_IN_LIBRARY,
)

#: The rules after which a file holds no document to lay out: its bytes or its YAML are at
#: fault (or a number YAML 1.1 reads surprisingly, whose meaning a rewrite could change).
#: ``fmt`` leaves such a file alone. A non-finite number is a value's fault, and a file not in
#: the library is never read.
LEAVE_NO_DOCUMENT: frozenset[str] = frozenset(
    rule.code for rule in RULES if rule not in (NON_FINITE_NUMBER, NOT_IN_LIBRARY)
)


def check(ctx: FileContext) -> Iterator[Problem]:
    """The enabled problems the loader recorded while reading the file, in its order."""
    enabled = ctx.enabled
    for found in ctx.loaded.problems:
        if enabled is None or found.code in enabled:
            yield found
