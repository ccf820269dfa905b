"""Briefings: the data a report template sees, and rendering it with Jinja2.

Templates are safe by default: every ``{{ expression }}`` is escaped as inline Markdown unless
it is already Markdown made by a filter (``cell``, ``md``) or by this module. Case text can
therefore never become a heading, link, image, HTML or a broken table, whatever it contains.
Output is deterministic: the same cases and options give the same bytes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from reformkit.errors import UsageError
from reformkit.render import markdown as md

BUILTIN_TEMPLATES = {
    "briefing": "Title, scope, contents, overview table, then every case in full.",
    "digest": "One paragraph and the key figure per case, grouped.",
    "table": "One overview table of the cases.",
}
GROUP_BY = ("program", "region", "year", "tag")
#: What ``report --to`` writes; the suffixes of -o that pick a format when --to is not given.
OUTPUT_FORMATS = ("md", "docx", "html")
_SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".docx": "docx", ".html": "html", ".htm": "html"}


class Markdown(str):
    """Text that is already Markdown: templates print it as it is."""


def slug(text: str) -> str:
    """The anchor GitHub gives a heading: lower-case, punctuation dropped, spaces to '-'."""
    kept = []
    for char in text.lower():
        category = unicodedata.category(char)
        if char in " -" or category[0] in "LMN" or category == "Pc":
            kept.append("-" if char == " " else char)
    return "".join(kept)


class Anchors:
    """Unique heading anchors, numbered the way GitHub numbers repeats (x, x-1, x-2)."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, heading_text: str) -> str:
        base = slug(heading_text)
        count = self.seen.get(base, 0)
        self.seen[base] = count + 1
        return base if count == 0 else f"{base}-{count}"


def _key_figure(case: dict[str, Any]) -> dict[str, Any] | None:
    """The metric a digest leads with: the largest stated or computed change, else the first."""
    from reformkit.metrics import change_pct

    metrics = case.get("metrics") or []
    with_change = [(abs(pct), index) for index, m in enumerate(metrics) if (pct := change_pct(m)) is not None]
    if with_change:
        return metrics[max(with_change, key=lambda item: (item[0], -item[1]))[1]]
    return metrics[0] if metrics else None


def _group_keys(case: dict[str, Any], group_by: str, program_names: dict[str, str]) -> list[str]:
    if group_by == "program":
        return [program_names.get(case["program"], case["program"])]
    if group_by == "region":
        region = case.get("region") or {}
        return [region.get("city") or region.get("province", "")]
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
    """Everything a template may use. Strings from cases stay raw; templates escape them."""
    anchors = Anchors()
    headings = md.HEADINGS[options.lang]
    title = options.title or ("改革案例简报" if options.lang == "zh" else "Reform case briefing")
    anchors(title)  # the document's own heading takes the first anchor of its text
    enriched = []
    for number, case in enumerate(cases, 1):
        heading = f"{number}. {case['title']}"
        metrics = []
        for metric in case.get("metrics") or []:
            value, transition, change = md.metric_cells(metric)
            metrics.append(
                {
                    "as_of": None,
                    "note": None,
                    **metric,
                    "figure": value,
                    "transition": transition,
                    "change_text": change,
                }
            )
        key = _key_figure(case)
        meta = [f"`{case['id']}`", md.inline(program_names.get(case["program"], case["program"]))]
        if case.get("batch") is not None:
            meta.append(f"第{case['batch']}批" if options.lang == "zh" else f"batch {case['batch']}")
        meta += [md.inline(md.region_text(case)), case["published"]]
        if case.get("status", "implemented") != "implemented":
            meta.append(case["status"] + (f" ({case['due']})" if case.get("due") else ""))
        enriched.append(
            {
                **_OPTIONAL_DEFAULTS,
                **case,
                "practices": [{"detail": None, **item} for item in case.get("practices") or []],
                "outcomes": [{"detail": None, **item} for item in case.get("outcomes") or []],
                "position": number,
                "heading": heading,
                "anchor": anchors(heading),
                "region_text": md.region_text(case),
                "meta_line": Markdown(" · ".join(meta)),
                "source_text": md.source_text(case),
                "program_name": program_names.get(case["program"], case["program"]),
                "metric_rows": metrics,
                "key_figure": None
                if key is None
                else f"{key.get('label', '')}: " + "，".join(p for p in md.metric_cells(key) if p),
            }
        )
    groups: list[dict[str, Any]] = []
    if options.group_by:
        order: dict[str, list[dict[str, Any]]] = {}
        for case in enriched:
            for group_name in _group_keys(case, options.group_by, program_names):
                order.setdefault(group_name, []).append(case)
        names = sorted(order, reverse=options.group_by == "year")
        grouped_anchors = Anchors()
        grouped_anchors(title)
        for name in names:
            group_anchor = grouped_anchors(name)
            # A case under two groups has two headings: each gets its own anchor.
            members = [{**case, "anchor": grouped_anchors(case["heading"])} for case in order[name]]
            groups.append({"name": name, "anchor": group_anchor, "cases": members})
    else:
        groups.append({"name": None, "anchor": None, "cases": enriched})
    programs = sorted({c["program_name"] for c in enriched})
    years = sorted({c["published"][:4] for c in enriched})
    return {
        "title": title,
        "lang": options.lang,
        "h": headings,
        "date": options.date,
        "front_matter": options.front_matter,
        "cases": enriched,
        "groups": groups,
        "group_by": options.group_by,
        "count": len(enriched),
        "programs": programs,
        "years": years,
    }


def _finalize(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Markdown):
        return value
    return md.inline(str(value))


def _environment(loader: Any) -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        loader=loader,
        finalize=_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["cell"] = lambda text: Markdown(md.cell("" if text is None else str(text)))
    env.filters["md"] = lambda text: Markdown(md.inline("" if text is None else str(text)))
    env.filters["raw"] = lambda text: Markdown(str(text))
    env.filters["yaml_string"] = _yaml_string
    return env


def _yaml_string(text: Any) -> Markdown:
    """A YAML double-quoted scalar (JSON strings are valid YAML), for front matter."""
    from reformkit.textsafe import json_text

    return Markdown(json_text(str(text)))


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


def render(template: str, data: dict[str, Any]) -> str:
    """Render a template with ``data``; a template error names the file and line."""
    import jinja2

    name, text = template_source(template)
    env = _environment(
        jinja2.FunctionLoader(lambda wanted: (text, name, lambda: True) if wanted == name else None)
    )
    try:
        compiled = env.get_template(name)
        output = compiled.render(**data)
    except jinja2.TemplateSyntaxError as exc:
        raise UsageError(f"{name}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise UsageError(f"{name}:{_template_line(exc, name)}: template error: {exc}") from None
    except Exception as exc:  # an expression in a writer's template failed (1/0, bad call…)
        raise UsageError(f"{name}:{_template_line(exc, name)}: template error: {exc}") from None
    return output.rstrip("\n") + "\n"


def _template_line(exc: BaseException, name: str) -> int | str:
    traceback = exc.__traceback__
    line: int | str = "?"
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == name:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def output_format(
    to: str | None,
    output: str | None,
    *,
    template: str = "briefing",
    front_matter: bool = False,
    reference: str | None = None,
) -> str:
    """The format to write: ``to``, else the suffix of ``output``, else md.

    docx is binary and needs a file; templates and front matter are Markdown's, and a
    reference document is Word's: a combination that cannot apply is a usage error.
    """
    form = to or (_SUFFIX_FORMATS.get(Path(output).suffix.lower(), "md") if output else "md")
    if form == "docx" and not output:
        raise UsageError("--to docx writes a binary file: give it with -o FILE.docx")
    if form != "md" and template != "briefing":
        raise UsageError(f"--template applies to Markdown; --to {form} always follows the briefing")
    if form != "md" and front_matter:
        raise UsageError(f"--front-matter applies to Markdown, not to --to {form}")
    if reference and form != "docx":
        raise UsageError("--reference-doc applies to --to docx only")
    return form
