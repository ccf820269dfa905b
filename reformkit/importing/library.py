"""Put drafts into a library: the document into ``sources/``, each draft into ``cases/``.

``plan_import`` reads the document, drafts its cases with the next free numbers of the
program (and batch), and fills what the library knows (the program's region, the document's
release date when it prints one before its first case). ``write_import`` copies the document
into ``sources/`` (its text, as ``NAME.txt``, for a .docx, .html or .pdf) and writes each
draft as a new case file; it never overwrites a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reformkit.errors import UsageError
from reformkit.importing.drafts import Draft

_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年|-)\s*(\d{1,2})\s*(?:月|-)\s*(\d{1,2})")


@dataclass
class Plan:
    """What an import would write: the document's name and text in sources/, and the drafts."""

    document: str
    text: str
    drafts: list[Draft]


def plan_import(source: Path, cases_dir: Path, config: Any, program: str, batch: int | None) -> Plan:
    from reformkit.importing.documents import read_lines
    from reformkit.importing.drafts import draft_cases
    from reformkit.library.scaffold import next_number

    if program not in config.programs:
        known = ", ".join(sorted(config.programs)) or "none yet"
        raise UsageError(f"program {program!r} is not in [programs] of reformkit.toml (known: {known}); add it there first")
    lines = read_lines(source)
    document = source.name if source.suffix.lower() == ".txt" else source.stem + ".txt"
    drafts = draft_cases(lines, document, program, batch, next_number(cases_dir, program, batch))
    first_case = min((d.case["source"]["lines"][0] for d in drafts), default=len(lines))
    published = _release_date(lines[: first_case - 1])
    for draft in drafts:
        case = draft.case
        case["published"] = published or ""
        if not published:
            draft.unsure.append("published: the document prints no date before its first case; add it")
        case["region"] = {"province": config.programs[program].region}
        _reorder(case)
    return Plan(document, "\n".join(lines), drafts)


def _release_date(lines: list[str]) -> str:
    for line in lines:
        match = _DATE.search(line)
        if match:
            year, month, day = match.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
    return ""


def _reorder(case: dict[str, Any]) -> None:
    from reformkit.edit.layout import key_order

    order = key_order(())
    items = sorted(case.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    case.clear()
    case.update(items)


def case_yaml(case: dict[str, Any]) -> str:
    """A draft in the library's canonical layout."""
    import yaml

    from reformkit.edit.layout import format_yaml

    return format_yaml(yaml.safe_dump(case, allow_unicode=True, sort_keys=False, width=10_000))


def write_import(plan: Plan, source: Path, cases_dir: Path) -> list[Path]:
    """Copy the document into sources/ and write each draft; the paths written."""
    from reformkit.case.sources import SOURCES_DIR
    from reformkit.fileio import write_atomic

    folder = cases_dir.parent / SOURCES_DIR
    folder.mkdir(exist_ok=True)
    target = folder / plan.document
    payload = source.read_bytes() if source.suffix.lower() == ".txt" else plan.text.encode("utf-8")
    if target.exists():
        if target.read_bytes() != payload:
            raise UsageError(f"{target} exists with other text; rename the document or remove the old copy")
    else:
        write_atomic(target, payload)
    written = []
    for draft in plan.drafts:
        path = cases_dir / f"{draft.case['id']}.yaml"
        write_atomic(path, case_yaml(draft.case), force=False)
        written.append(path)
    return written
