"""One-value mutations of a case file, made in its YAML text so the rest of the file is untouched.

``targets`` lists every value of a file (each field, each metric field, each list item, and
the collections themselves) with the span of text it occupies; ``mutate`` replaces that span
with one payload. A mutator turns the value's original text into the YAML text of the new
value: a plain token (``.nan``, ``0x10``, ``yes``) or a double-quoted scalar (for control
characters and payloads that YAML would otherwise read as markup).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Target:
    """One value of a case file: where it is in the data and in the text."""

    path: Path_
    start: int  # character offsets into the file's text
    end: int
    scalar: bool
    text: str  # the value as written (for a scalar, its plain value)

    @property
    def field(self) -> str:
        """The path with list positions as ``*``: ``metrics.*.value``, ``tags.*``."""
        return ".".join("*" if isinstance(p, int) else p for p in self.path)

    def line(self, text: str) -> int:
        """The 1-based line the value starts on in ``text``."""
        return text.count("\n", 0, self.start) + 1


@dataclass(frozen=True)
class Mutant:
    """A case file with exactly one value replaced."""

    name: str  # file name in cases/
    target: Target
    mutator: str
    text: str  # the whole mutated file

    @property
    def label(self) -> str:
        shown = ".".join(str(p) for p in self.target.path)
        return f"{self.name}:{shown}:{self.mutator}"


def targets(text: str) -> list[Target]:
    """Every value in ``text`` (a YAML mapping), in document order, with its text span."""
    import yaml

    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    found: list[Target] = []

    def walk(node: yaml.Node, path: Path_) -> Iterator[Target]:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                yield from walk(value, (*path, str(key.value)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                yield from walk(item, (*path, index))
        if not path:
            return
        start, end = node.start_mark.index, node.end_mark.index
        # Block scalars and block collections end after the line break and the next
        # line's indent: keep those in the file.
        end = start + len(text[start:end].rstrip())
        scalar = isinstance(node, yaml.ScalarNode)
        yield Target(path, start, end, scalar, node.value if scalar else text[start:end])

    found.extend(walk(root, ()))
    return found


def mutate(name: str, text: str, target: Target, mutator: str) -> Mutant:
    token = MUTATORS[mutator](target.text if target.scalar else "")
    return Mutant(name, target, mutator, text[: target.start] + token + text[target.end :])


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e]')


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in '"\\':
        return "\\" + char
    return "\\0" if char == "\0" else f"\\u{ord(char):04x}"


def quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar: every character exact, whatever it is."""
    return '"' + _NEEDS_ESCAPE.sub(_escaped, value) + '"'


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_CYRILLIC = str.maketrans("aceopxyiABCEHKMOPTX", "асеорхуіАВСЕНКМОРТХ")


def _look_alike_digits(original: str) -> str:
    changed = original.translate(_FULL_WIDTH)
    return quoted(changed if changed != original else original + "１")


def _look_alike_letters(original: str) -> str:
    changed = original.translate(_CYRILLIC)
    return quoted(changed if changed != original else "а" + original)


#: mutator name -> (original scalar text -> YAML text of the new value). Names are grouped by
#: class (the part before the first ``-``), which is what KNOWN_FAILURES and sampling use.
MUTATORS: dict[str, Callable[[str], str]] = {
    # wrong types
    "type-null": lambda _: "null",
    "type-tilde": lambda _: "~",
    "type-empty-string": lambda _: '""',
    "type-list": lambda _: "[]",
    "type-list-of-one": lambda o: "[" + quoted(o or "x") + "]",
    "type-map": lambda _: "{}",
    "type-map-of-one": lambda o: "{a: " + quoted(o or "x") + "}",
    "type-bool": lambda _: "true",
    "type-number": lambda _: "42",
    "type-text": lambda _: quoted("十二"),
    # boundary and huge numbers
    "number-zero": lambda _: "0",
    "number-minus-one": lambda _: "-1",
    "number-2pow63": lambda _: str(2**63),
    "number-5000-digits": lambda _: "9" * 5000,
    "number-1e308": lambda _: "1e308",
    "number-1e300-float": lambda _: "1.0e+300",
    "number-overflow-float": lambda _: "1.0e+400",
    "number-long-decimal": lambda _: "9" * 400 + ".5",
    "number-float-for-int": lambda _: "4.0",
    "number-negative-float": lambda _: "-0.5",
    # non-finite numbers, YAML spellings
    "nonfinite-nan": lambda _: ".nan",
    "nonfinite-NaN": lambda _: ".NaN",
    "nonfinite-inf": lambda _: ".inf",
    "nonfinite-minus-inf": lambda _: "-.inf",
    # blank text
    "blank-spaces": lambda _: quoted("   "),
    "blank-ideographic": lambda _: quoted("\u3000\u3000"),
    "blank-nbsp": lambda _: quoted("\u00a0"),
    # control and bidi characters inside the original text
    "control-nul": lambda o: quoted(o + "\0"),
    "control-ansi": lambda o: quoted("\x1b[31m" + o),
    "control-nel": lambda o: quoted(o + "\u0085x"),
    "control-rlo": lambda o: quoted("\u202e" + o),
    "control-osc": lambda o: quoted(o + "\x1b]8;;http://x\x07y"),
    # Unicode look-alikes
    "lookalike-digits": _look_alike_digits,
    "lookalike-cyrillic": _look_alike_letters,
    # YAML 1.1 spellings
    "yaml11-yes": lambda _: "yes",
    "yaml11-NO": lambda _: "NO",
    "yaml11-on": lambda _: "on",
    "yaml11-octal": lambda _: "012",
    "yaml11-hex": lambda _: "0x10",
    "yaml11-underscore": lambda _: "1_000",
    "yaml11-sexagesimal": lambda _: "1:20",
    "yaml11-bad-date": lambda _: "2021-02-30",
    # markup and formula payloads
    "markup-rich": lambda _: quoted("[bold]x[/bold]"),
    "markup-script": lambda _: quoted("<script>alert(1)</script>"),
    "markup-formula": lambda _: quoted("=cmd|' /C calc'!A0"),
    "markup-jinja": lambda _: quoted("{{ 7*7 }}"),
    "markup-link": lambda _: quoted("[x](javascript:alert(1))"),
    # dates outside what Python's date holds, and outside the library's years
    "date-year-0": lambda _: "0000-01-01",
    "date-year-0-only": lambda _: "0000",
    "date-1800": lambda _: "1800-06-01",
    "date-9999": lambda _: "9999-12-31",
    # huge text: 100,000 characters in one value
    "huge-text": lambda o: quoted(((o or "改革") * (100_000 // max(1, len(o or "改革")) + 1))[:100_000]),
}


def mutator_class(mutator: str) -> str:
    return mutator.split("-", 1)[0]


@dataclass(frozen=True)
class Source:
    name: str
    text: str
    targets: tuple[Target, ...]


def load_sources(folder: Path) -> list[Source]:
    sources = []
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        sources.append(Source(path.name, text, tuple(targets(text))))
    return sources


def sample(
    sources: list[Source],
    count: int,
    seed: int,
    *,
    skip: Callable[[Target, str], bool] = lambda target, mutator: False,
) -> list[Mutant]:
    """``count`` distinct mutants, drawn with ``random.Random(seed)``.

    Mutators are taken in turn (shuffled once), so even a small sample covers every class, and
    so are the files (shuffled once), so a sample of at least as many mutants as files mutates
    every file; the value is drawn at random. Pairs that ``skip`` rejects are not drawn.
    """
    rng = random.Random(seed)
    names = sorted(MUTATORS)
    rng.shuffle(names)
    order = list(sources)
    rng.shuffle(order)
    chosen: list[Mutant] = []
    seen: set[tuple[str, Path_, str]] = set()
    attempts = 0
    while len(chosen) < count and attempts < count * 50:
        mutator = names[attempts % len(names)]
        attempts += 1
        source = order[len(chosen) % len(order)]
        target = rng.choice(source.targets)
        key = (source.name, target.path, mutator)
        if key in seen or skip(target, mutator):
            continue
        seen.add(key)
        chosen.append(mutate(source.name, source.text, target, mutator))
    return chosen
