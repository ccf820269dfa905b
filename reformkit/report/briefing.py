"""Briefings: the facts a report template sees (cases, anchors, groups), and where a
template comes from.

``render.report`` adds the words (region, status, figures, citations through ``describe``)
and renders the template with Jinja2. Output is deterministic: the same cases and options
give the same bytes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from reformkit.errors import UsageError
from reformkit.wording import describe

BUILTIN_TEMPLATES = {
    "briefing": "Title, scope, contents, overview table, then every case in full.",
    "digest": "One paragraph and the key figure per case, grouped.",
    "table": "One overview table of the cases.",
}
GROUP_BY = ("program", "region", "year", "tag")
#: Other suffixes of -o that pick a format when --to is not given (``.NAME`` picks NAME).
_SUFFIX_ALIASES = {".markdown": "md", ".htm": "html"}


def slug(text: str) -> str:
    """The anchor GitHub gives a heading: lower-case, punctuation dropped, spaces to '-'."""
    return text.lower().translate(_SLUG_CHARS)


class _SlugChars(dict[int, str | None]):
    """What ``slug`` makes of each character (a ``str.translate`` table that fills itself, up
    to 20,000 characters): letters, marks, numbers and connectors kept, a space made
    '-', a hyphen kept, the rest dropped."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        category = unicodedata.category(char)
        kept: str | None = None
        if char == " ":
            kept = "-"
        elif char == "-" or category[0] in "LMN" or category == "Pc":
            kept = char
        if len(self) < 20_000:
            self[code] = kept
        return kept


_SLUG_CHARS = _SlugChars()


class Anchors:
    """Unique heading anchors, numbered the way GitHub numbers repeats (x, x-1, x-2)."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, heading_text: str) -> str:
        base = slug(heading_text)
        count = self.seen.get(base, 0)
        self.seen[base] = count + 1
        return base if count == 0 else f"{base}-{count}"


def key_metrics(case: dict[str, Any], limit: int = 1) -> list[dict[str, Any]]:
    """The metrics a briefing leads with, 关键数据 as every output defines it
    (``metrics.key_metrics``)."""
    from reformkit.case.metrics import key_metrics as key_positions

    metrics: list[dict[str, Any]] = case.get("metrics") or []
    return [metrics[index] for index in key_positions(metrics, limit)]


def _group_keys(case: dict[str, Any], group_by: str, program_names: dict[str, str]) -> list[str]:
    if group_by == "program":
        return [program_names.get(case["program"], case["program"])]
    if group_by == "region":
        return [describe.case_region(case, shape="city")]
    if group_by == "year":
        return [case["published"][:4]]
    return list(case.get("tags") or []) or ["—"]


#: Optional case keys, present in every template's case (None or empty) so templates can test them.
_OPTIONAL_DEFAULTS: dict[str, Any] = {
    "subtitle": None,
    "batch": None,
    "number": None,
    "due": None,
    "summary": None,
    "agencies": [],
    "tags": [],
    "outcomes": [],
    "metrics": [],
    "recognition": [],
    "related": [],
}


@dataclass
class ReportOptions:
    title: str | None = None
    lang: str = "zh"
    group_by: str | None = None
    front_matter: bool = False
    date: str | None = None


def context(
    cases: list[dict[str, Any]], options: ReportOptions, program_names: dict[str, str]
) -> dict[str, Any]:
    """The facts a template is given; ``render.report`` adds their words. Strings from cases
    stay raw (templates escape them)."""
    anchors = Anchors()
    title = options.title or describe.DEFAULT_TITLE[options.lang]
    anchors(title)  # the document's own heading takes the first anchor of its text
    enriched = []
    for number, case in enumerate(cases, 1):
        heading = f"{number}. {case['title']}"
        enriched.append(
            {
                **_OPTIONAL_DEFAULTS,
                **case,
                "practices": [{"detail": None, **item} for item in case.get("practices") or []],
                "outcomes": [{"detail": None, **item} for item in case.get("outcomes") or []],
                "position": number,
                "heading": heading,
                "anchor": anchors(heading),
                "program_name": program_names.get(case["program"], case["program"]),
                "metric_rows": [{"as_of": None, "note": None, **m} for m in case.get("metrics") or []],
                "key_metric": leading[0] if (leading := key_metrics(case, 2)) else None,
                "key_metrics": leading,
            }
        )
    groups: list[dict[str, Any]] = []
    if options.group_by:
        # A case is printed once, under its first group; the others list it by link.
        order: dict[str, list[dict[str, Any]]] = {}
        also: dict[str, list[dict[str, Any]]] = {}
        for case in enriched:
            keys = _group_keys(case, options.group_by, program_names)
            order.setdefault(keys[0], []).append(case)
            for other in keys[1:]:
                also.setdefault(other, []).append(case)
        names = sorted(set(order) | set(also), reverse=options.group_by == "year")
        grouped_anchors = Anchors()
        grouped_anchors(title)
        printed: dict[str, str] = {}
        for name in names:
            group_anchor = grouped_anchors(name)
            members = []
            for case in order.get(name, []):
                members.append({**case, "anchor": grouped_anchors(case["heading"])})
                printed[case["id"]] = members[-1]["anchor"]
            groups.append({"name": name, "anchor": group_anchor, "cases": members, "see_also": []})
        for group in groups:
            group["see_also"] = [
                {"heading": case["heading"], "anchor": printed[case["id"]], "id": case["id"]}
                for case in also.get(group["name"], [])
            ]
        by_id = {c["id"]: printed[c["id"]] for c in enriched}
        enriched = [{**case, "anchor": by_id[case["id"]]} for case in enriched]
    else:
        groups.append({"name": None, "anchor": None, "cases": enriched, "see_also": []})
    programs = sorted({c["program_name"] for c in enriched})
    years = sorted({c["published"][:4] for c in enriched})
    return {
        "title": title,
        "lang": options.lang,
        "date": options.date,
        "front_matter": options.front_matter,
        "cases": enriched,
        "groups": groups,
        "group_by": options.group_by,
        "count": len(enriched),
        "programs": programs,
        "years": years,
    }


def template_source(name_or_path: str) -> tuple[str, str]:
    """(display name, text) of a built-in template name or a template file path."""
    if name_or_path in BUILTIN_TEMPLATES:
        file_name = f"{name_or_path}.md.j2"
        text = resources.files("reformkit.templates").joinpath(file_name).read_text("utf-8")
        return file_name, text
    path = Path(name_or_path)
    if not path.is_file():
        known = ", ".join(BUILTIN_TEMPLATES)
        raise UsageError(f"--template {name_or_path!r} is neither a built-in template ({known}) nor a file")
    try:
        return str(path), path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot be read as a UTF-8 template ({exc})") from None


@dataclass(frozen=True)
class Output:
    """How a briefing is written: its format and the options that apply to it.

    Every writer of ``render.FORMATS["report"]`` is called as ``write(data, output)`` with
    ``data`` from ``context``; it reads the options of its format and no others.
    """

    form: str = "md"
    template: str = "briefing"  # md
    charts: bool = True  # docx, html
    reference: Path | None = None  # docx


def choose_output(
    to: str | None,
    path: str | None,
    formats: list[str],
    *,
    template: str = "briefing",
    front_matter: bool = False,
    charts: bool = True,
    reference: str | None = None,
) -> Output:
    """The format to write (``to``, else the suffix of ``path`` if it names one of
    ``formats``, else md) with its options.

    docx is binary and needs a file; templates and front matter are Markdown's, and a
    reference document is Word's: a combination that cannot apply is a usage error.
    """
    suffix = Path(path).suffix.lower() if path else ""
    by_suffix = {f".{name}": name for name in formats} | _SUFFIX_ALIASES
    form = to or by_suffix.get(suffix, "md")
    if form == "docx" and not path:
        raise UsageError("--to docx writes a binary file: give it with -o FILE.docx")
    if form != "md" and template != "briefing":
        raise UsageError(f"--template applies to Markdown; --to {form} always follows the briefing")
    if form != "md" and front_matter:
        raise UsageError(f"--front-matter applies to Markdown, not to --to {form}")
    if reference and form != "docx":
        raise UsageError("--reference-doc applies to --to docx only")
    return Output(form, template, charts, Path(reference) if reference else None)
