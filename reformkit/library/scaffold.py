"""Starter files: a commented reformkit.toml for ``init`` and a case skeleton for ``new``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reformkit.config import DEFAULT_MAX_DEPTH, DEFAULT_MAX_FILE_BYTES, Config
from reformkit.errors import UsageError
from reformkit.rules.case import build_id

_SECTIONS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "programs",
        "Programs: the series of cases you collect. Each case's `program` names a key here.",
        {"programs": {"example": {"name": "示例改革案例", "publisher": "某某省改革办", "region": "某某省"}}},
    ),
    (
        "vocab",
        "Controlled vocabularies. Tags a case may carry; units a metric may use.",
        {
            "vocab": {
                "tags": ["政务服务", "企业开办"],
                "units": ["工作日", "天", "小时", "件", "项", "%", "万元"],
            }
        },
    ),
    (
        "rules",
        "Validation: tolerance (percentage points) for change_pct against before/after;\n"
        "select/ignore take rule codes (reformkit validate --list-rules); strict fails on warnings.",
        {
            "rules": {
                "tolerance": 1.0,
                "select": [],
                "ignore": [],
                "strict": False,
                "max_file_bytes": DEFAULT_MAX_FILE_BYTES,
                "max_depth": DEFAULT_MAX_DEPTH,
            }
        },
    ),
]


def starter_config() -> str:
    """The text of a commented starter reformkit.toml."""
    import tomli_w

    parts = ["# reformkit.toml: configuration of a reformkit case library.\n"]
    for _, comment, table in _SECTIONS:
        commented = "".join(f"# {line}\n" for line in comment.splitlines())
        parts.append("\n" + commented + tomli_w.dumps(table))
    return "".join(parts)


def next_number(folder: Path, program: str, batch: int | None) -> int:
    """One more than the highest number used by ``program`` (and ``batch``) in the folder."""
    prefix = f"{program}-{batch}-" if batch is not None else f"{program}-"
    pattern = re.compile(re.escape(prefix) + r"(\d+)\.yaml")
    used = [int(m.group(1)) for p in folder.glob("*.yaml") if (m := pattern.fullmatch(p.name))]
    return max(used, default=0) + 1


#: What a title given on the command line cannot hold: a line break or another control
#: character (a tab aside; a case file holds none but tab and newline, and a title is one
#: line), a Unicode line or paragraph separator, and the non-characters U+FFFE and U+FFFF
#: (YAML cannot hold them).
_NOT_IN_A_TITLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _check_title(title: str) -> None:
    """A usage error naming the first character of ``title`` that a case's title cannot hold."""
    found = _NOT_IN_A_TITLE.search(title)
    if found is None:
        return
    char = found.group()
    what = "non-character" if char in "\ufffe\uffff" else "control character"
    if char in "\n\r\x85\u2028\u2029":
        what = "line break"
    raise UsageError(
        f"--title holds the {what} U+{ord(char):04X} at character {found.start() + 1}; "
        "give the title as one line of text without it"
    )


def case_skeleton(
    config: Config, program: str, batch: int | None, number: int, title: str = ""
) -> tuple[str, str]:
    """(id, YAML text) of a new case: valid but for the fields a person must fill in."""
    if program not in config.programs:
        known = ", ".join(sorted(config.programs)) or "none yet"
        raise UsageError(
            f"program {program!r} is not in [programs] of reformkit.toml (known: {known}); add it there first"
        )
    _check_title(title)
    case_id = build_id(program, batch, number)
    province = config.programs[program].region

    def quoted(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    lines = [
        f"id: {case_id}",
        f"title: {quoted(title)}  # the case heading, as the source prints it",
        f"program: {program}",
    ]
    if batch is not None:
        lines.append(f"batch: {batch}")
    lines += [
        f"number: {number}",
        "published: ''  # YYYY-MM-DD; YYYY-MM or YYYY when the source gives no day",
        "region:",
        f"  province: {quoted(province)}",
        "agencies: []  # lead agencies (牵头单位), as named",
        "tags: []  # 1-4 tags from [vocab].tags in reformkit.toml",
        "status: implemented  # implemented | pilot | planned",
        "practices:  # 主要做法",
        "  - title: ''",
        "    detail: ''",
        "outcomes: []  # 实践效果: - title: …",
        "metrics: []  # - {label: …, kind: time, before: 20, after: 5, unit: 工作日}",
        "source:",
        "  title: ''",
        "",
    ]
    return case_id, "\n".join(lines)
